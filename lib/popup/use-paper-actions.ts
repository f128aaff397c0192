import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { paperLink } from '../../components/paper-text';
import type { PaperRecord } from '../paper/model';
import type { Outcome } from './popup-actions';
import { plural, t } from '../i18n/t';

/** The popup's one status line: what the last action did, with Undo after a delete. */
type Notice = Outcome;

export interface PaperActions {
  notice: Notice | undefined;
  copiedId: string | undefined;
  open(paper: PaperRecord): void;
  copyBibtex(paper: PaperRecord): Promise<void>;
  /** Resolves true when the paper is gone. */
  remove(paper: PaperRecord): Promise<boolean>;
  undo(records: PaperRecord[]): Promise<void>;
  /** Replaces the paper's tags; resolves false (with the reason shown) when refused. */
  setTags(paper: PaperRecord, tags: string[]): Promise<boolean>;
  exportBibtex(papers: readonly PaperRecord[]): void;
}

// Zod (the protocol, the settings) and the BibTeX exporter are most of the popup's code and none
// of its first paint: they load once the first rows are painted and the library's code is there
// (`preload`), well before a first click. Loading them sooner took the page's thread from the
// first rows (measured: the first paint 90 ms later).
let loading: Promise<typeof import('./popup-actions')> | undefined;
const load = () => (loading ??= import('./popup-actions'));

/**
 * What the popup does to papers. Every write is a request to the background, the library's only
 * writer; the list follows by itself when the write lands (LiveLibrary), so nothing here edits it.
 */
export function usePaperActions(preload: boolean): PaperActions {
  const [notice, setNotice] = useState<Notice>();
  const [copiedId, setCopiedId] = useState<string>();
  useEffect(() => {
    if (preload) void load();
  }, [preload]);

  return {
    notice,
    copiedId,

    open(paper) {
      void browser.tabs.create({ url: paperLink(paper) });
    },

    async copyBibtex(paper) {
      const outcome = await (await load()).copyBibtex(paper);
      if (outcome.tone === 'done') setCopiedId(paper.id);
      setNotice(outcome);
    },

    async remove(paper) {
      const outcome = await (await load()).deletePaper(paper);
      if (outcome) setNotice(outcome);
      return outcome?.tone !== 'error';
    },

    async undo(records) {
      setNotice(await (await load()).restorePapers(records));
    },

    async setTags(paper, tags) {
      const problem = await (await load()).setTags(paper, tags);
      if (problem) setNotice(problem);
      return problem === undefined;
    },

    exportBibtex(papers) {
      // Thousands of papers take a moment: say so, and let the message paint before the work starts.
      setNotice({ tone: 'done', text: t('exportingPapersEllipsis', plural(papers.length, 'paperCountOne', 'paperCountMany', String(papers.length))) });
      requestAnimationFrame(() => setTimeout(() => void load().then(async (actions) => setNotice(await actions.exportBibtex(papers))), 0));
    },
  };
}
