// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { PapershelfDatabase } from '../../../lib/db/database';
import { arxivFeed, arxivServesAll, harness as makeHarness, ids, idsOf, T0, xml, type Harness, type Responder } from './queue-harness';
import { fixture } from './fixtures';
import { RefusedResponseError } from '../../../lib/metadata/network';

const opened: PapershelfDatabase[] = [];
function harness(...args: Parameters<typeof makeHarness>): Harness {
  const h = makeHarness(...args);
  opened.push(h.db);
  return h;
}
function restart(h: Harness, ...args: Parameters<Harness['restart']>): Harness {
  const next = h.restart(...args);
  opened.push(next.db);
  return next;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
// Hugging Face names papers by arXiv id.
const hfPaper = (paperId: string) => hfPaperOf(paperId.replace(/^arxiv:/, ''));
const hfPaperOf = (id: string) => xml(JSON.stringify({ id, title: `HF ${id}`, authors: [{ name: 'Ada Lovelace' }], publishedAt: '2024-09-19T00:00:00.000Z' }));
const status = (code: number, retryAfter?: number) => (retryAfter === undefined ? { status: code, text: '' } : { status: code, text: '', retryAfter });

describe('EnrichmentQueue: batching and politeness', () => {
  it('asks arXiv for 250 papers in 3 requests of at most 100 ids, 3 s apart', async () => {
    const h = harness();
    const all = ids(250);
    expect(await h.queue.enqueue(all)).toHaveLength(250);
    const report = await h.queue.runOnce();

    expect(h.network.requests.map((request) => idsOf(request.url).length)).toEqual([100, 100, 50]);
    expect(h.network.requests.map((request) => request.at - T0)).toEqual([0, 3_000, 6_000]);
    expect(h.network.requests[0]!.url).toBe(`https://export.arxiv.org/api/query?id_list=${all.slice(0, 100).map((id) => id.replace(/^arxiv:/, '')).join(',')}&max_results=100`);
    expect(new Set(h.network.requests.flatMap((request) => idsOf(request.url)))).toEqual(new Set(all));
    expect(h.applied.map((paper) => paper.id).sort()).toEqual(all);
    expect(report).toMatchObject({ outcome: 'idle', requests: 3, remaining: 0, retrying: [], movedToHf: [], stalled: [] });
    expect(report.enriched).toHaveLength(250);
    expect(report.nextRunAt).toBeUndefined();
    expect(await h.queue.size()).toBe(0);
  });

  it('keeps one connection: a concurrent run joins the one in progress', async () => {
    const h = harness();
    await h.queue.enqueue(ids(250));
    const [first, second] = await Promise.all([h.queue.runOnce(), h.queue.runOnce()]);
    expect(second).toBe(first);
    expect(h.network.maxInFlight).toBe(1);
    expect(h.network.requests).toHaveLength(3);
    // A later run is a new run.
    await h.queue.enqueue(['arxiv:2501.00001']);
    expect((await h.queue.runOnce()).enriched).toEqual(['arxiv:2501.00001']);
  });

  it('spaces requests 3 s apart across runs', async () => {
    const h = harness();
    await h.queue.enqueue(['arxiv:2409.00001']);
    await h.queue.runOnce();
    h.clock.time += 500;
    await h.queue.enqueue(['arxiv:2409.00002']);
    await h.queue.runOnce();
    expect(h.network.requests.map((request) => request.at - T0)).toEqual([0, 3_000]);
    expect(h.clock.sleeps).toEqual([2_500]);
  });

  it('continues after a restart in the middle without a burst', async () => {
    const first = harness(arxivServesAll, { maxRequestsPerRun: 1 });
    await first.queue.enqueue(ids(250));
    const report = await first.queue.runOnce();
    expect(report).toMatchObject({ outcome: 'budget', requests: 1, remaining: 150, nextRunAt: T0 + 3_000 });

    // The service worker is stopped; a new one starts a second later with a fresh queue object.
    first.clock.time += 1_000;
    const second = restart(first, {});
    const after = await second.queue.runOnce();
    expect(after).toMatchObject({ outcome: 'idle', requests: 2, remaining: 0 });
    expect(second.network.requests.map((request) => request.at - T0)).toEqual([0, 3_000, 6_000]);
    // Nobody was asked for twice.
    const asked = second.network.requests.flatMap((request) => idsOf(request.url));
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('sends nothing while the setting is off, and keeps the queue', async () => {
    const h = harness();
    h.enabled.value = false;
    await h.queue.enqueue(ids(3));
    expect(await h.queue.runOnce()).toMatchObject({ outcome: 'disabled', requests: 0, remaining: 3 });
    expect(h.network.requests).toEqual([]);
    h.enabled.value = true;
    expect(await h.queue.runOnce()).toMatchObject({ outcome: 'idle', requests: 1, remaining: 0 });
  });

  it('stops when the setting is turned off while waiting for its turn', async () => {
    const h = harness();
    await h.queue.enqueue(['arxiv:2409.00001']);
    await h.queue.runOnce();
    await h.queue.enqueue(['arxiv:2409.00002']);
    let calls = 0;
    const queue = h.queueWith({ isEnabled: async () => ++calls === 1 });
    expect(await queue.runOnce()).toMatchObject({ outcome: 'disabled', requests: 0, remaining: 1 });
    expect(h.network.requests).toHaveLength(1);
  });
});

describe('EnrichmentQueue: papers no longer wanted', () => {
  /** The harness's queue, with `stillWanted` answering from `wanted`; asked for what, and when. */
  function withWanted(h: Harness, wanted: Set<string>) {
    const asked: string[][] = [];
    const queue = h.queueWith({
      stillWanted: async (ids) => {
        asked.push([...ids]);
        return new Set(ids.filter((id) => wanted.has(id)));
      },
    });
    return { queue, asked };
  }

  it('papers deleted or unsaved since they were queued leave the queue, and the batch fills up with the next ones', async () => {
    const h = harness();
    const all = ids(150);
    const deleted = new Set(all.filter((_, index) => index % 5 === 0)); // 30 of them
    const { queue } = withWanted(h, new Set(all.filter((id) => !deleted.has(id))));
    await queue.enqueue(all);
    const report = await queue.runOnce();

    const requested = h.network.requests.flatMap((request) => idsOf(request.url));
    expect(h.network.requests.map((request) => idsOf(request.url).length)).toEqual([100, 20]);
    expect(requested.filter((id) => deleted.has(id))).toEqual([]);
    expect(new Set(requested)).toEqual(new Set(all.filter((id) => !deleted.has(id))));
    expect(report).toMatchObject({ outcome: 'idle', requests: 2, remaining: 0 });
    expect(await queue.size()).toBe(0);
  });

  it('a queue of papers all deleted sends nothing and empties', async () => {
    const h = harness();
    const { queue, asked } = withWanted(h, new Set());
    await queue.enqueue(ids(3));
    expect(await queue.runOnce()).toMatchObject({ outcome: 'idle', requests: 0, remaining: 0 });
    expect(h.network.requests).toEqual([]);
    expect(asked).toEqual([ids(3)]);
  });

  it('the Hugging Face step asks too: a paper deleted while it waited for Hugging Face is not fetched', async () => {
    const h = harness(() => status(503));
    const wanted = new Set(['arxiv:2409.00001']);
    const { queue } = withWanted(h, wanted);
    await queue.enqueue(['arxiv:2409.00001']);
    // arXiv fails until the paper moves on to Hugging Face.
    for (let attempt = 0; attempt < 12 && (await queue.entries(['arxiv:2409.00001']))[0]?.source === 'arxiv-api'; attempt++) {
      await queue.runOnce();
      h.clock.time = Math.max(h.clock.time, (await queue.entries(['arxiv:2409.00001']))[0]?.nextAttemptAt ?? h.clock.time);
    }
    expect((await queue.entries(['arxiv:2409.00001']))[0]?.source).toBe('hf-api');
    const before = h.network.requests.length;
    wanted.clear();
    expect(await queue.runOnce()).toMatchObject({ requests: 0, remaining: 0 });
    expect(h.network.requests).toHaveLength(before);
  });
});

describe('EnrichmentQueue: failures', () => {
  it('backs off 30 s, 2 min, 10 min, 1 h, 6 h; then Hugging Face; then a long wait, never dropping the paper', async () => {
    const h = harness(() => status(503));
    await h.queue.enqueue(['arxiv:2409.00001']);
    const delays: number[] = [];
    const seen: string[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const report = await h.queue.runOnce();
      expect(report.requests).toBe(1);
      const [entry] = await h.queue.entries(['arxiv:2409.00001']);
      expect(entry).toBeDefined();
      delays.push(entry!.nextAttemptAt - h.clock.now());
      seen.push(`${entry!.source}:${entry!.attempts}${entry!.stalledAt === undefined ? '' : ':stalled'}`);
      // Before it is due nothing is sent.
      h.clock.time = entry!.nextAttemptAt - 1;
      expect((await h.queue.runOnce()).requests).toBe(0);
      h.clock.time = entry!.nextAttemptAt;
    }
    expect(delays).toEqual([30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, 30 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, 24 * HOUR]);
    expect(seen).toEqual([
      'arxiv-api:1', 'arxiv-api:2', 'arxiv-api:3', 'arxiv-api:4', 'arxiv-api:5', 'hf-api:0',
      'hf-api:1', 'hf-api:2', 'hf-api:3', 'hf-api:4', 'hf-api:5', 'arxiv-api:0:stalled',
    ]);
    expect(h.network.requests.slice(5, 7).map((request) => request.url)).toEqual([
      expect.stringContaining('export.arxiv.org'),
      'https://huggingface.co/api/papers/2409.00001',
    ]);
    const [entry] = await h.queue.entries(['arxiv:2409.00001']);
    expect(entry).toMatchObject({ lastError: 'Hugging Face answered HTTP 503' });
    expect(h.applied).toEqual([]);
  });

  it('jitters back-off with the injected randomness', async () => {
    const h = harness(() => status(500));
    const low = h.queueWith({ random: () => 0 });
    await low.enqueue(['arxiv:2409.00001']);
    await low.runOnce();
    const [entry] = await low.entries(['arxiv:2409.00001']);
    expect(entry!.nextAttemptAt - h.clock.now()).toBe(24 * SECOND);
  });

  it('honours Retry-After for the papers asked and for every request', async () => {
    let busy = true;
    const h = harness((url) => (busy ? status(429, 120) : arxivServesAll(url)));
    await h.queue.enqueue(['arxiv:2409.00001']);
    expect(await h.queue.runOnce()).toMatchObject({ outcome: 'server-trouble', requests: 1, retrying: ['arxiv:2409.00001'], nextRunAt: T0 + 120 * SECOND });
    const [entry] = await h.queue.entries(['arxiv:2409.00001']);
    expect(entry!.nextAttemptAt).toBe(T0 + 120 * SECOND);

    // Another paper is due at once, but the server asked everyone to wait.
    busy = false;
    h.clock.time = T0 + 60 * SECOND;
    await h.queue.enqueue(['arxiv:2409.00002']);
    expect(await h.queue.runOnce()).toMatchObject({ outcome: 'paused', requests: 0, nextRunAt: T0 + 120 * SECOND });
    // The pause is in the store: a restarted worker keeps it too.
    const restarted = restart(h);
    expect(await restarted.queue.runOnce()).toMatchObject({ outcome: 'paused', requests: 0 });

    restarted.clock.time = T0 + 120 * SECOND;
    expect(await restarted.queue.runOnce()).toMatchObject({ outcome: 'idle', requests: 1, remaining: 0 });
    expect(idsOf(restarted.network.requests[1]!.url).sort()).toEqual(['arxiv:2409.00001', 'arxiv:2409.00002']);
  });

  it('cuts an absurd Retry-After to a day', async () => {
    const h = harness(() => status(503, 10 ** 9));
    await h.queue.enqueue(['arxiv:2409.00001']);
    expect((await h.queue.runOnce()).nextRunAt).toBe(T0 + 24 * HOUR);
  });

  it('loses nothing offline and resumes online', async () => {
    let online = false;
    const h = harness((url) => (online ? arxivServesAll(url) : new TypeError('Failed to fetch')));
    await h.queue.enqueue(ids(3));
    const offline = await h.queue.runOnce();
    expect(offline).toMatchObject({ outcome: 'offline', requests: 1, remaining: 3, retrying: [], nextRunAt: T0 + MINUTE });
    // Offline is not the papers' fault: no attempt is counted and they stay due.
    expect((await h.queue.entries(ids(3))).map((entry) => [entry?.attempts, entry?.nextAttemptAt])).toEqual([
      [0, T0],
      [0, T0],
      [0, T0],
    ]);
    expect(h.applied).toEqual([]);

    online = true;
    h.clock.time += 5 * SECOND;
    expect(await h.queue.runOnce()).toMatchObject({ outcome: 'idle', requests: 1, remaining: 0 });
    expect(h.applied).toHaveLength(3);
  });

  it('counts a timeout as a failed attempt', async () => {
    const h = harness(() => new DOMException('The operation timed out.', 'TimeoutError'));
    await h.queue.enqueue(['arxiv:2409.00001']);
    expect(await h.queue.runOnce()).toMatchObject({ outcome: 'server-trouble', retrying: ['arxiv:2409.00001'] });
    expect((await h.queue.entries(['arxiv:2409.00001']))[0]).toMatchObject({ attempts: 1, lastError: 'it took too long and was stopped' });
  });

  it('records a refused answer (too large, redirected elsewhere) in words, without an error name', async () => {
    const h = harness(() => new RefusedResponseError('The answer from export.arxiv.org is larger than 5 MB; Papershelf did not read it.'));
    await h.queue.enqueue(['arxiv:2409.00001']);
    expect(await h.queue.runOnce()).toMatchObject({ outcome: 'server-trouble', retrying: ['arxiv:2409.00001'] });
    expect((await h.queue.entries(['arxiv:2409.00001']))[0]).toMatchObject({ attempts: 1, lastError: 'The answer from export.arxiv.org is larger than 5 MB; Papershelf did not read it.' });
  });

  it('writes nothing for a malformed body and tries again later', async () => {
    const h = harness(() => xml(fixture('arxiv-malformed.xml')));
    await h.queue.enqueue(['arxiv:1706.03762', 'arxiv:2409.00001']);
    const report = await h.queue.runOnce();
    expect(report).toMatchObject({ outcome: 'idle', requests: 1, retrying: ['arxiv:1706.03762', 'arxiv:2409.00001'], enriched: [] });
    expect(h.applied).toEqual([]);
    expect((await h.queue.entries(['arxiv:1706.03762']))[0]).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 30 * SECOND, lastError: expect.stringMatching(/^not XML/) });
  });

  it('backs off on an arXiv error feed that names no paper of the batch', async () => {
    const h = harness(() => xml(fixture('arxiv-error.xml')));
    await h.queue.enqueue(['arxiv:2409.00001']);
    await h.queue.runOnce();
    expect((await h.queue.entries(['arxiv:2409.00001']))[0]).toMatchObject({ source: 'arxiv-api', attempts: 1, lastError: 'arXiv: incorrect id format for 1234.12345' });
  });

  it('sends a paper arXiv refuses by name to Hugging Face and the rest of its batch again', async () => {
    const bad = 'arxiv:2409.00002';
    const h = harness((url) => {
      if (url.startsWith('https://huggingface.co/')) return hfPaper(bad);
      const asked = idsOf(url);
      return asked.includes(bad) ? xml(fixture('arxiv-error.xml').replaceAll('1234.12345', bad.replace(/^arxiv:/, ''))) : xml(arxivFeed(asked));
    });
    await h.queue.enqueue(['arxiv:2409.00001', bad, 'arxiv:2409.00003']);
    const report = await h.queue.runOnce();
    expect(h.network.requests.map((request) => request.url)).toEqual([
      'https://export.arxiv.org/api/query?id_list=2409.00001,2409.00002,2409.00003&max_results=3',
      'https://export.arxiv.org/api/query?id_list=2409.00001,2409.00003&max_results=2',
      'https://huggingface.co/api/papers/2409.00002',
    ]);
    expect(report).toMatchObject({ outcome: 'idle', requests: 3, movedToHf: [bad], remaining: 0 });
    expect(h.applied.map((paper) => [paper.id, paper.source])).toEqual([
      ['arxiv:2409.00001', 'arxiv-api'],
      ['arxiv:2409.00003', 'arxiv-api'],
      [bad, 'hf-api'],
    ]);
  });

  it('asks Hugging Face for what arXiv has no data on, 3 s later', async () => {
    const h = harness((url) => (url.startsWith('https://huggingface.co/') ? hfPaper('arxiv:2409.99999') : xml(fixture('arxiv-unknown-id.xml'))));
    await h.queue.enqueue(['arxiv:1706.03762', 'arxiv:2409.99999']);
    const report = await h.queue.runOnce();
    expect(report).toMatchObject({ outcome: 'idle', requests: 2, enriched: ['arxiv:1706.03762', 'arxiv:2409.99999'], movedToHf: ['arxiv:2409.99999'], remaining: 0 });
    expect(h.network.requests.map((request) => [request.url.slice(0, 30), request.at - T0])).toEqual([
      ['https://export.arxiv.org/api/q', 0],
      ['https://huggingface.co/api/pap', 3_000],
    ]);
    expect(h.applied[1]).toMatchObject({ id: 'arxiv:2409.99999', source: 'hf-api', title: 'HF 2409.99999', publishedAt: '2024-09-19' });
  });

  it('stalls a paper neither service knows, and stalls an old-style id arXiv lacks without asking HF', async () => {
    const h = harness((url) => (url.startsWith('https://huggingface.co/') ? { status: 404, text: fixture('hf-not-found.json') } : xml(fixture('arxiv-empty.xml'))));
    await h.queue.enqueue(['arxiv:2409.99999', 'arxiv:hep-th/9901001']);
    const report = await h.queue.runOnce();
    expect(report).toMatchObject({ outcome: 'idle', requests: 2, movedToHf: ['arxiv:2409.99999'], remaining: 2, nextRunAt: T0 + 24 * HOUR });
    expect(report.stalled.sort()).toEqual(['arxiv:2409.99999', 'arxiv:hep-th/9901001']);
    const entries = await h.queue.entries(['arxiv:2409.99999', 'arxiv:hep-th/9901001']);
    expect(entries.map((entry) => [entry?.source, entry?.stalledAt])).toEqual([
      ['arxiv-api', T0 + 3_000],
      ['arxiv-api', T0],
    ]);
    expect(h.network.requests.filter((request) => request.url.includes('hep-th'))).toHaveLength(1);
  });

  it('retries a Hugging Face answer that is not JSON or names another paper', async () => {
    let body = 'not json';
    const h = harness((url) => (url.startsWith('https://huggingface.co/') ? xml(body) : xml(fixture('arxiv-empty.xml'))));
    await h.queue.enqueue(['arxiv:2409.99999']);
    await h.queue.runOnce();
    expect((await h.queue.entries(['arxiv:2409.99999']))[0]).toMatchObject({ source: 'hf-api', attempts: 1, lastError: 'Hugging Face answered with malformed JSON' });
    body = JSON.stringify({ id: '2409.11111', title: 'Another' });
    h.clock.time += 30 * SECOND;
    await h.queue.runOnce();
    expect((await h.queue.entries(['arxiv:2409.99999']))[0]).toMatchObject({ attempts: 2, lastError: 'Hugging Face answered about 2409.11111' });
    expect(h.applied).toEqual([]);
  });

  it('keeps papers queued when saving the results fails', async () => {
    const h = harness();
    const queue = h.queueWith({
      applyResults: async () => {
        throw new Error('QuotaExceededError');
      },
    });
    await queue.enqueue(['arxiv:2409.00001']);
    expect(await queue.runOnce()).toMatchObject({ enriched: [], retrying: ['arxiv:2409.00001'], remaining: 1 });
    expect((await queue.entries(['arxiv:2409.00001']))[0]).toMatchObject({ attempts: 1, lastError: 'could not save: the browser says its storage is full' });
  });

  it('does not bring back a paper removed while its request was out', async () => {
    let queueRef: Harness['queue'] | undefined;
    const respond: Responder = async () => {
      await queueRef!.remove(['arxiv:2409.00001']);
      return status(503);
    };
    const h = harness(respond);
    queueRef = h.queue;
    await h.queue.enqueue(['arxiv:2409.00001']);
    await h.queue.runOnce();
    expect(await h.queue.size()).toBe(0);
  });
});

describe('EnrichmentQueue: the queue itself', () => {
  it('enqueues canonical ids once and leaves a queued paper’s back-off alone', async () => {
    const h = harness(() => status(503));
    expect(await h.queue.enqueue(['2409.00001v2', 'arxiv:2409.00001', 'arXiv:2409.00002', 'not an id'])).toEqual(['arxiv:2409.00001', 'arxiv:2409.00002']);
    await h.queue.runOnce();
    expect(await h.queue.enqueue(['arxiv:2409.00001'])).toEqual([]);
    expect((await h.queue.entries(['arxiv:2409.00001']))[0]).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 30 * SECOND });
  });

  it('retry() starts a paper over with arXiv, due now', async () => {
    const h = harness(() => status(503));
    await h.queue.enqueue(['arxiv:2409.00001']);
    await h.queue.runOnce();
    h.clock.time += SECOND;
    await h.queue.retry(['arxiv:2409.00001', 'arxiv:2409.00009']);
    expect(await h.queue.entries(['arxiv:2409.00001', 'arxiv:2409.00009'])).toEqual([
      { id: 'arxiv:2409.00001', addedAt: T0, attempts: 0, nextAttemptAt: T0 + SECOND, source: 'arxiv-api' },
      undefined,
    ]);
  });
});
