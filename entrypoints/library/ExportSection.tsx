import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { WorkStatus } from '../../components/library/WorkStatus';
import type { PaperRecord } from '../../lib/paper/model';
import { exportOptionsFrom, type Settings } from '../../lib/settings';
import { datedFileName, downloadBlob } from '../../lib/ui/download';
import { exportedInWords } from '../../lib/ui/export-bibtex';
import { exportInWorker, SpareExportWorker, type ExportJob, type ExportOutcome } from '../../lib/library-page/export-in-worker';
import { afterNextPaint } from '../../lib/ui/next-task';
import { exportStarted } from '../../lib/library-page/export-gate';
import type { ExportProgress } from '../../lib/library-page/export-protocol';
import { number } from '../../lib/library-page/library-work';
import { t } from '../../lib/i18n/t';

type Notice = { tone: 'done' | 'error'; text: string };

/**
 * Export BibTeX of every saved paper, or of those with one tag. The export runs in a worker
 * (lib/library-page/export-in-worker.ts) that reads the saved papers itself when this page has not
 * read them yet, so it starts at once, and the page stays responsive with a progress line and
 * Cancel. The tag list comes from the page's own read, once it has one.
 */
export function ExportSection({ saved, settings }: { saved: readonly PaperRecord[] | undefined; settings: Settings }) {
  const [tag, setTag] = useState('');
  const [progress, setProgress] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const job = useRef<ExportJob | undefined>(undefined);
  const tagCounts = useMemo(() => countTags(saved ?? []), [saved]);
  // A tag that no saved paper has any more falls back to everything.
  const selected = tagCounts.some(([name]) => name === tag) ? tag : '';
  // The saved papers to export, in the file's order, once the page has read them.
  const papers = useMemo(() => (saved && selected ? saved.filter((paper) => paper.tags.includes(selected)) : saved), [saved, selected]);
  // Known to be empty only once the page has read its library; until then the worker finds out.
  const nothingToExport = papers !== undefined && papers.length === 0;
  // A worker waits for the click from the first paint on (its start-up is not the click's).
  const spare = useRef<SpareExportWorker | undefined>(undefined);
  useEffect(() => {
    const waiting = (spare.current = new SpareExportWorker());
    let left = false;
    void afterNextPaint().then(() => left || waiting.prepare());
    // Leaving the page ends its export, and the worker waiting.
    return () => {
      left = true;
      job.current?.cancel();
      waiting.stop();
    };
  }, []);

  const exportNow = async () => {
    if (job.current) return;
    setNotice(undefined);
    setProgress(t('exportStarting'));
    // What the page has read already is handed over rather than read again; until then the worker reads.
    const running = exportInWorker({ type: 'export', ...(selected && { tag: selected }), options: exportOptionsFrom(settings) }, (step) => setProgress(progressInWords(step)), papers, spare.current?.take);
    job.current = running;
    const ended = exportStarted();
    const outcome = await running.outcome;
    ended();
    // The next export's worker, started once this one no longer needs the CPU.
    spare.current?.prepare();
    job.current = undefined;
    setProgress(undefined);
    setNotice(finishExport(outcome));
  };

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">{t('export')}</h2>
      <div class="field">
        <label for="export-tag">{t('papersToExport')}</label>
        <select id="export-tag" value={selected} disabled={saved === undefined || progress !== undefined} onChange={(event) => setTag(event.currentTarget.value)}>
          <option value="">{t('allSavedPapers', saved === undefined ? '…' : number(saved.length))}</option>
          {tagCounts.map(([name, count]) => (
            <option key={name} value={name}>
              {name} ({count})
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="button" class="button" disabled={nothingToExport || progress !== undefined} onClick={() => void exportNow()}>
          {t('exportBibtex')}
        </button>
        {progress !== undefined && (
          <button type="button" class="button" onClick={() => job.current?.cancel()}>
            {t('cancelExport')}
          </button>
        )}
      </div>
      <WorkStatus progress={progress} notice={notice} undoable={false} onUndo={() => {}} />
    </section>
  );
}

function progressInWords(progress: ExportProgress): string {
  return t(progress.step === 'reading' ? 'exportReadingSaved' : 'exportWritingEntries', number(progress.done), number(progress.total));
}

/** Hands the file (if any) to the browser's downloads; says what happened, in words. */
function finishExport(outcome: ExportOutcome): Notice {
  switch (outcome.kind) {
    case 'cancelled':
      return { tone: 'done', text: t('exportCancelled') };
    case 'failed':
      return { tone: 'error', text: t(outcome.reason === 'unreadable' ? 'exportUnreadable' : 'exportStopped') };
    case 'file': {
      const { file, papers, warnings, firstWarning } = outcome.done;
      if (papers === 0) return { tone: 'done', text: t('exportNoSavedPapers') };
      const fileName = datedFileName('bib');
      downloadBlob(document, fileName, file);
      return { tone: 'done', text: exportedInWords(papers, fileName, warnings, firstWarning) };
    }
  }
}

/** Each tag of the saved papers with how many have it, alphabetically. */
function countTags(papers: readonly PaperRecord[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const paper of papers) for (const tag of paper.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0));
}
