import type { PaperRecord } from './model';

/** Copies made by `leaveOutAbstract` whose paper has an abstract. */
const abstractLeftOut = new WeakSet<PaperRecord>();

/**
 * A copy of the record without its abstract, for a page that never shows one (the popup holds
 * its saved papers this way, lib/search/search-text.ts `withoutAbstract`). The copy still counts
 * as having an abstract (`hasAbstract`): the paper is not incomplete for want of one.
 */
export function leaveOutAbstract(record: PaperRecord): PaperRecord {
  if (record.abstract === undefined) return record;
  const { abstract: _leftOut, ...held } = record;
  if (record.abstract !== '') abstractLeftOut.add(held);
  return held;
}

/** True when the paper has an abstract, held in this record or left out of this copy. */
export function hasAbstract(record: PaperRecord): boolean {
  return Boolean(record.abstract) || abstractLeftOut.has(record);
}
