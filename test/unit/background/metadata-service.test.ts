// @vitest-environment node
/**
 * The background's enrichment service (lib/background/metadata-service.ts) on a fake-indexeddb library with a
 * recording network: what it asks the queue to fetch after the library changed under it. Real time:
 * the one request here goes out at once (the 3 s spacing applies between requests).
 */
import { describe, expect, it, vi } from 'vitest';
import { startEnrichment } from '../../../lib/background/metadata-service';
import type { Network } from '../../../lib/metadata/network';
import { fakeLibraries } from '../fake-library';
import { arxivFeed, idsOf, xml } from '../metadata/queue-harness';

const alarms = vi.hoisted(() => ({ create: vi.fn(async (_name: string, _info: { when: number }) => undefined), clear: vi.fn(async (_name: string) => true), onAlarm: { addListener: vi.fn() } }));
vi.mock('wxt/browser', () => ({ browser: { alarms } }));

const setup = fakeLibraries('enrichment-service');

/** Offline until `online` is set; records the ids of every request that reached the "server". */
function switchableNetwork() {
  const state = { online: false, asked: [] as string[][] };
  const network: Network = {
    async fetchText(url) {
      if (!state.online) throw new TypeError('Failed to fetch');
      state.asked.push(idsOf(url));
      return xml(arxivFeed(idsOf(url)));
    },
  };
  return { state, network };
}

const paper = (id: string) => ({ id, title: `Paper ${id}`, authorCount: 3, site: 'huggingface' as const, url: `https://huggingface.co/papers/${id}` });

describe('the enrichment service', () => {
  it('does not look up papers deleted or unsaved while they waited in the queue', async () => {
    const { db, repo } = setup();
    const { state, network } = switchableNetwork();
    const service = startEnrichment(db, repo, network);
    for (const id of ['arxiv:2609.00001', 'arxiv:2609.00002', 'arxiv:2609.00003']) await repo.save(paper(id));
    await service.consider(['arxiv:2609.00001', 'arxiv:2609.00002', 'arxiv:2609.00003']);
    // Offline: all three wait in the queue.
    await vi.waitFor(async () => expect(await db.enrichment.count()).toBe(3));
    expect(state.asked).toEqual([]);

    await repo.deletePapers(['arxiv:2609.00001']);
    await repo.unsaveMany(['arxiv:2609.00002']);
    state.online = true;
    await db.enrichment.toCollection().modify({ nextAttemptAt: 0 }); // due now, not after the offline wait
    await service.kick();

    expect(state.asked).toEqual([['arxiv:2609.00003']]);
    expect(await db.enrichment.count()).toBe(0);
    expect((await repo.get('arxiv:2609.00003'))?.authors).not.toEqual([]);
  });

  it('sets a wake-up before each run, so a background unloaded mid-run resumes the queue', async () => {
    const { db, repo } = setup();
    let alarmDuringRun: number | undefined;
    const network: Network = {
      async fetchText(url) {
        alarmDuringRun = alarms.create.mock.calls.at(-1)?.[1].when;
        return xml(arxivFeed(idsOf(url)));
      },
    };
    const service = startEnrichment(db, repo, network);
    await repo.save(paper('arxiv:2609.00004'));
    alarms.create.mockClear();
    alarms.clear.mockClear();
    const before = Date.now();
    await service.consider(['arxiv:2609.00004']);
    await vi.waitFor(async () => expect(await db.enrichment.count()).toBe(0));
    expect(alarmDuringRun).toBeGreaterThanOrEqual(before);
    await vi.waitFor(() => expect(alarms.clear).toHaveBeenCalledWith('papershelf:enrichment'));
  });
});
