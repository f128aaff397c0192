// @vitest-environment node
/**
 * The page's side of the export worker: progress reaches the page, the file ends the export,
 * Cancel ends the worker at once, and a message the page did not expect ends it too.
 */
import { describe, expect, it } from 'vitest';
import { exportInWorker, SpareExportWorker, type ExportAsk, type ExportWorker } from '../../../lib/library-page/export-in-worker';
import type { PaperRecord } from '../../../lib/paper/model';

const REQUEST: ExportAsk = { type: 'export', options: { journalStyle: 'eprint', ascii: false } };

/** A worker the test speaks for: `say` sends the page a message, `fail` an error event. */
class FakeWorker implements ExportWorker {
  readonly received: unknown[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Array<(event: never) => void>>();
  postMessage(message: unknown): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  say(data: unknown): void {
    for (const listener of this.listeners.get('message') ?? []) listener({ data } as never);
  }
  fail(): void {
    for (const listener of this.listeners.get('error') ?? []) listener({ preventDefault() {} } as never);
  }
}

function started(papers?: readonly PaperRecord[]) {
  const worker = new FakeWorker();
  const progress: unknown[] = [];
  const job = exportInWorker(REQUEST, (step) => progress.push(step), papers, () => worker);
  return { worker, progress, job };
}

function record(index: number): PaperRecord {
  const id = `arxiv:2405.${String(index).padStart(5, '0')}`;
  return { id, title: `Paper ${index}`, authors: ['Ann Li'], abstract: 'Long words.', sources: {}, tags: [], createdAt: 1, updatedAt: 1, savedAt: 1 };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('exportInWorker', () => {
  it('sends the request, passes progress on and ends with the file', async () => {
    const { worker, progress, job } = started();
    // The page holds no papers: the worker reads them.
    expect(worker.received).toEqual([REQUEST]);
    worker.say({ type: 'progress', step: 'reading', done: 5_000, total: 50_000 });
    worker.say({ type: 'progress', step: 'writing', done: 1_000, total: 50_000 });
    const file = new Blob(['@misc{a,\n}\n']);
    worker.say({ type: 'done', file, papers: 1, warnings: 0 });
    expect(progress).toEqual([
      { type: 'progress', step: 'reading', done: 5_000, total: 50_000 },
      { type: 'progress', step: 'writing', done: 1_000, total: 50_000 },
    ]);
    expect(await job.outcome).toEqual({ kind: 'file', done: { type: 'done', file, papers: 1, warnings: 0 } });
    expect(worker.terminated).toBe(true);
  });

  it('hands over the papers the page holds, a chunk a task, after asking for their export', async () => {
    const papers = Array.from({ length: 6_000 }, (_, index) => record(index));
    const { worker } = started(papers);
    expect(worker.received).toEqual([{ ...REQUEST, given: 6_000 }, expect.objectContaining({ type: 'papers' })]);
    for (let wait = 0; wait < 10 && worker.received.length < 4; wait++) await nextTask();
    const chunks = worker.received.slice(1) as Array<{ type: string; papers: Array<Record<string, unknown>> }>;
    expect(chunks.map((chunk) => [chunk.type, chunk.papers.length])).toEqual([['papers', 2_500], ['papers', 2_500], ['papers', 1_000]]);
    expect(chunks.flatMap((chunk) => chunk.papers.map((paper) => paper['id']))).toEqual(papers.map((paper) => paper.id));
    expect(chunks[0]!.papers[0]).toEqual({ id: papers[0]!.id, title: 'Paper 0', authors: ['Ann Li'], tags: [] });
  });

  it('Cancel while handing over sends nothing more', async () => {
    const { worker, job } = started(Array.from({ length: 6_000 }, (_, index) => record(index)));
    expect(worker.received).toHaveLength(2);
    job.cancel();
    for (let wait = 0; wait < 5; wait++) await nextTask();
    expect(worker.received).toHaveLength(2);
    expect(worker.terminated).toBe(true);
    expect(await job.outcome).toEqual({ kind: 'cancelled' });
  });

  it('Cancel ends the worker at once; what it says after is not heard', async () => {
    const { worker, progress, job } = started();
    worker.say({ type: 'progress', step: 'reading', done: 5_000, total: 50_000 });
    job.cancel();
    expect(worker.terminated).toBe(true);
    worker.say({ type: 'progress', step: 'reading', done: 10_000, total: 50_000 });
    worker.say({ type: 'done', file: new Blob(['x']), papers: 1, warnings: 0 });
    expect(await job.outcome).toEqual({ kind: 'cancelled' });
    expect(progress).toHaveLength(1);
  });

  it('ends the export when the worker says something unexpected, fails or cannot read', async () => {
    for (const [act, reason] of [
      [(worker: FakeWorker) => worker.say({ type: 'done', file: 'not a file', papers: 1, warnings: 0 }), 'unexpected'],
      [(worker: FakeWorker) => worker.say({ type: 'progress', step: 'reading', done: -1, total: 3 }), 'unexpected'],
      [(worker: FakeWorker) => worker.fail(), 'failed'],
      [(worker: FakeWorker) => worker.say({ type: 'failed', reason: 'unreadable' }), 'unreadable'],
    ] as const) {
      const { worker, job } = started();
      act(worker);
      expect(await job.outcome).toEqual({ kind: 'failed', reason });
      expect(worker.terminated).toBe(true);
    }
  });
});

describe('SpareExportWorker', () => {
  it('starts the next export\'s worker ahead, hands it to that export, and starts another only when asked', async () => {
    const made: FakeWorker[] = [];
    const spare = new SpareExportWorker(() => (made.push(new FakeWorker()), made.at(-1)!));
    spare.prepare();
    spare.prepare();
    expect(made).toHaveLength(1);
    const job = exportInWorker(REQUEST, () => {}, undefined, spare.take);
    // The export spoke to the worker started ahead, not to a new one.
    expect(made).toHaveLength(1);
    expect(made[0]!.received).toEqual([REQUEST]);
    made[0]!.say({ type: 'done', file: new Blob(['x']), papers: 1, warnings: 0 });
    expect((await job.outcome).kind).toBe('file');
    spare.prepare();
    expect(made).toHaveLength(2);
    expect(made[1]!.received).toEqual([]);
    spare.stop();
    expect(made[1]!.terminated).toBe(true);
    // Stopped (the page closed): nothing more is started ahead.
    spare.prepare();
    expect(made).toHaveLength(2);
  });

  it('a worker that failed to load while waiting is not used: the export starts a new one', () => {
    const made: FakeWorker[] = [];
    const spare = new SpareExportWorker(() => (made.push(new FakeWorker()), made.at(-1)!));
    spare.prepare();
    made[0]!.fail();
    exportInWorker(REQUEST, () => {}, undefined, spare.take);
    expect(made).toHaveLength(2);
    expect(made[0]!.terminated).toBe(true);
    expect(made[1]!.received).toEqual([REQUEST]);
  });
});
