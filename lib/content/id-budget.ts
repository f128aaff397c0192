import { t } from '../i18n/t';
/**
 * How many distinct papers one page view may ask the library about. A real listing holds at most a
 * few thousand (arXiv's longest daily list, Hugging Face's month view); a page script that inserts
 * fake cards for thousands of ids to learn which ones the user saved gets no further than this.
 */
export const MAX_IDS_PER_PAGE_VIEW = 5_000;

/**
 * The distinct ids one page view (one document: a site's client-side navigations do not reset it)
 * has asked about. Cards of ids beyond the limit get no controls, so nothing about them is asked.
 */
export class IdBudget {
  private readonly admitted = new Set<string>();

  constructor(readonly limit: number = MAX_IDS_PER_PAGE_VIEW) {}

  /** True when `id` may be asked about: it was before, or there is room for it. */
  admit(id: string): boolean {
    if (this.admitted.has(id)) return true;
    if (this.admitted.size >= this.limit) return false;
    this.admitted.add(id);
    return true;
  }

  get size(): number {
    return this.admitted.size;
  }
}

/** What the page panel says once the limit has turned cards away, in words. */
export function overLimitNotice(limit: number): string {
  return t('tooManyPapers', limit.toLocaleString('en-US'));
}
