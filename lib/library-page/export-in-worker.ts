import { ExportWorkerMessageSchema, type ExportDone, type ExportProgress, type ExportRequest } from './export-protocol';

/** How an export ended: with the file, cancelled by the reader, or failed (why, for the words). */
export type ExportOutcome = { kind: 'file'; done: ExportDone } | { kind: 'cancelled' } | { kind: 'failed'; reason: 'unreadable' | 'failed' | 'unexpected' };

export interface ExportJob {
  /** Resolves once, with the file or why there is none; never rejects. */
  readonly outcome: Promise<ExportOutcome>;
  /** Ends the worker at once: the outcome is `cancelled` unless it already ended. */
  cancel(): void;
}

/** The smallest part of a Worker an export uses (tests hand in their own). */
export interface ExportWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

const startWorker = (): ExportWorker => new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module', name: 'papershelf-export' });

/**
 * Runs one export in a dedicated worker (./export-worker.ts), which reads the saved papers from the
 * library itself: the page need not have read them, and its main thread only hears progress.
 * Every message back is checked before use; anything else ends the export as `unexpected`.
 */
export function exportInWorker(request: ExportRequest, onProgress: (progress: ExportProgress) => void, start: () => ExportWorker = startWorker): ExportJob {
  let settle: (outcome: ExportOutcome) => void = () => {};
  const outcome = new Promise<ExportOutcome>((resolve) => (settle = resolve));
  let worker: ExportWorker | undefined;
  let over = false;
  const finish = (result: ExportOutcome): void => {
    if (over) return;
    over = true;
    worker?.terminate();
    settle(result);
  };
  try {
    worker = start();
  } catch {
    finish({ kind: 'failed', reason: 'failed' });
    return { outcome, cancel: () => {} };
  }
  worker.addEventListener('message', (event) => {
    if (over) return;
    const message = ExportWorkerMessageSchema.safeParse(event.data);
    if (!message.success) finish({ kind: 'failed', reason: 'unexpected' });
    else if (message.data.type === 'progress') onProgress(message.data);
    else if (message.data.type === 'done') finish({ kind: 'file', done: message.data });
    else finish({ kind: 'failed', reason: message.data.reason });
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    finish({ kind: 'failed', reason: 'failed' });
  });
  worker.postMessage(request);
  return { outcome, cancel: () => finish({ kind: 'cancelled' }) };
}
