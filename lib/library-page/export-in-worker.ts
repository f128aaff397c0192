import type { PaperRecord } from '../paper/model';
import { exportEntryOf } from './export-entry';
import { ExportWorkerMessageSchema, GIVEN_CHUNK, type ExportDone, type ExportPageMessage, type ExportProgress, type ExportRequest } from './export-protocol';

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
 * An export worker started before the click, so that the click does not wait for it: a new
 * worker loads its script and evaluates Zod, the exporter and its words before it can write
 * anything, a few hundred milliseconds of the time from click to file on this machine
 * (scripts/bench-export-page.ts). One waits at a time; each export takes it (`take`, its `start`),
 * and the page asks for the next with `prepare` once that export is over.
 */
export class SpareExportWorker {
  private waiting: ExportWorker | undefined;
  /** The waiting worker failed to load: the next export starts a new one instead. */
  private broken = false;
  private stopped = false;

  constructor(private readonly start: () => ExportWorker = startWorker) {}

  /** Starts a worker for the next export, unless one waits already. */
  prepare(): void {
    if (this.waiting || this.stopped) return;
    try {
      const worker = this.start();
      this.broken = false;
      worker.addEventListener('error', (event) => {
        // Before an export takes it: that export starts another. After: the export ends as failed.
        event.preventDefault();
        if (this.waiting === worker) this.broken = true;
      });
      this.waiting = worker;
    } catch {
      this.waiting = undefined;
    }
  }

  /** The waiting worker, or a new one when none waits (or it failed to load). */
  readonly take = (): ExportWorker => {
    const worker = this.waiting;
    this.waiting = undefined;
    if (worker && !this.broken) return worker;
    worker?.terminate();
    return this.start();
  };

  /** Ends the waiting worker, and prepares no other (the page closes). */
  stop(): void {
    this.stopped = true;
    this.waiting?.terminate();
    this.waiting = undefined;
  }
}

/** What the page asks for: the worker reads the papers itself unless the page hands them over. */
export type ExportAsk = Omit<ExportRequest, 'given'>;

/**
 * Runs one export in a dedicated worker (./export-worker.ts). When the page holds the papers to
 * export (`papers`, in the file's order) it hands over what the exporter reads of them, a chunk a
 * task, and the worker writes each as it arrives; else the worker reads the saved papers from the
 * library itself, so the export starts
 * before the page has read its library. Reading 50,000 papers from IndexedDB takes seconds (their
 * abstracts are most of the bytes), which is why what the page holds is not read again. The
 * page's thread only copies the chunks and hears progress. Every message back is checked before
 * use; anything else ends the export as `unexpected`.
 */
export function exportInWorker(ask: ExportAsk, onProgress: (progress: ExportProgress) => void, papers?: readonly PaperRecord[], start: () => ExportWorker = startWorker): ExportJob {
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
  const running = worker;
  const send = (message: ExportPageMessage) => running.postMessage(message);
  if (papers === undefined) send(ask);
  else {
    send({ ...ask, given: papers.length });
    void handOver(papers, send, () => over);
  }
  return { outcome, cancel: () => finish({ kind: 'cancelled' }) };
}

/**
 * Sends `papers` a chunk a task, so that input and painting go between two chunks (the worker
 * writes each while the next is copied); stops once `stopped()`.
 */
async function handOver(papers: readonly PaperRecord[], send: (message: ExportPageMessage) => void, stopped: () => boolean): Promise<void> {
  for (let start = 0; start < papers.length; start += GIVEN_CHUNK) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    if (stopped()) return;
    send({ type: 'papers', papers: papers.slice(start, start + GIVEN_CHUNK).map(exportEntryOf) });
  }
}
