import { WorkerMessageSchema, type WorkerProgress, type WorkerResult } from '../import/bibtex-worker-protocol';
import { t } from '../i18n/t';

/**
 * Reads a .bib file in a dedicated worker (lib/import/bibtex-worker.ts), so the page stays
 * responsive, and ends the worker when it runs over its time budget: the file is then refused in
 * words, naming the last long value it was reading, and nothing is written.
 */

/** Ten seconds, and two more per megabyte: the reader does over 1 MB/s on a slow machine (`npm run bench:import`). */
export function readingBudgetMs(bytes: number): number {
  return 10_000 + (2_000 * bytes) / 1_000_000;
}

/**
 * `library.html?readingBudgetMs=N` shortens the budget (never lengthens it), so the end-to-end test
 * can show a refusal whatever the machine's speed. Only the extension and its user open this page:
 * no web page can.
 */
function budgetFor(bytes: number): number {
  const asked = Number(new URLSearchParams(globalThis.location?.search ?? '').get('readingBudgetMs'));
  const budget = readingBudgetMs(bytes);
  return asked > 0 ? Math.min(asked, budget) : budget;
}

export function readBibtexInWorker(bytes: ArrayBuffer, onProgress: (fraction: number) => void, budgetMs = budgetFor(bytes.byteLength)): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../import/bibtex-worker.ts', import.meta.url), { type: 'module', name: 'papershelf-bibtex' });
    let latest: WorkerProgress = { type: 'progress', fraction: 0 };
    let done = false;
    const finish = (result: WorkerResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: tooSlow(budgetMs, latest) }), budgetMs);
    worker.addEventListener('message', (event) => {
      const message = WorkerMessageSchema.safeParse(event.data);
      if (!message.success) finish({ ok: false, reason: t('readerAnsweredUnexpected') });
      else if (message.data.type === 'done') finish(message.data.result);
      else {
        // A progress step between two slow fields names none: keep naming the last slow one, which is
        // what the reading was spending its time on.
        latest = { ...message.data, current: message.data.current ?? latest.current };
        onProgress(message.data.fraction);
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      finish({ ok: false, reason: t('readerStoppedWithError') });
    });
    worker.postMessage(bytes, [bytes]);
  });
}

function tooSlow(budgetMs: number, progress: WorkerProgress): string {
  const stopped = t('readerStoppedAfter', Math.round(budgetMs / 1000), Math.round(progress.fraction * 100));
  const current = progress.current;
  if (!current) return t('readerTooSlow', stopped);
  return t('readerTooSlowField', current.field, current.entry, current.line, current.length.toLocaleString('en'), stopped);

}
