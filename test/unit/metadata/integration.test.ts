// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { DexieQueueStore } from '../../../lib/db/enrichment-store';
import { applyFetchedToRecords } from '../../../lib/metadata/apply';
import { isComplete, missingFields } from '../../../lib/metadata/completeness';
import type { FetchedPaper } from '../../../lib/metadata/fetched';
import { EnrichmentQueue } from '../../../lib/metadata/queue';
import { mergePaper } from '../../../lib/paper/merge';
import type { PaperRecord } from '../../../lib/paper/model';
import { fixture } from './fixtures';
import { FakeClock, FakeNetwork, T0, xml } from './queue-harness';

const opened: PapershelfDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/**
 * The whole path as the background will run it: a paper saved from a Hugging Face card is queued
 * because it is incomplete, the queue fetches it, and the results are applied in one read-write
 * transaction over the papers table.
 */
describe('enrichment end to end (fake network, fake time, fake IndexedDB)', () => {
  it('completes a Hugging Face card from arXiv and keeps the user’s edits', async () => {
    const db = new PapershelfDatabase('integration', { indexedDB: new IDBFactory(), IDBKeyRange });
    opened.push(db);
    const clock = new FakeClock();
    const network = new FakeNetwork(clock, () => xml(fixture('arxiv-multi.xml')));
    const applyResults = async (fetched: FetchedPaper[]) => {
      await db.transaction('rw', db.papers, async () => {
        const records = await db.papers.bulkGet(fetched.map((paper) => paper.id));
        const byId = new Map(records.filter((record): record is PaperRecord => record !== undefined).map((record) => [record.id, record]));
        await db.papers.bulkPut(applyFetchedToRecords(byId, fetched, clock.now()));
      });
    };
    const queue = new EnrichmentQueue({ store: new DexieQueueStore(db), network, clock, random: () => 0.5, isEnabled: async () => true, applyResults });

    const saved = {
      ...mergePaper(undefined, { id: 'arxiv:1706.03762', title: 'Attention Is All You Need', authorCount: 8, publishedAt: '2017-06-13', site: 'huggingface', url: 'https://huggingface.co/papers/1706.03762' }, T0),
      savedAt: T0,
    };
    const edited: PaperRecord = {
      ...mergePaper(undefined, { id: 'arxiv:hep-th/9711200', title: 'Large N', site: 'arxiv', url: 'https://arxiv.org/abs/hep-th/9711200' }, T0),
      fieldSources: { title: 'user' },
    };
    await db.papers.bulkPut([saved, edited]);
    expect(missingFields(saved)).toEqual(['authors', 'publishedAt', 'primaryCategory', 'abstract']);

    await queue.enqueue([saved.id, edited.id]);
    clock.time += 10;
    const report = await queue.runOnce();
    expect(report).toMatchObject({ outcome: 'idle', requests: 1, remaining: 0 });
    expect(report.enriched.sort()).toEqual(['arxiv:1706.03762', 'arxiv:hep-th/9711200']);

    const attention = (await db.papers.get('arxiv:1706.03762'))!;
    expect(attention).toMatchObject({ authors: expect.arrayContaining(['Ashish Vaswani', 'Illia Polosukhin']), publishedAt: '2017-06-12', primaryCategory: 'cs.CL', savedAt: T0, updatedAt: T0 + 10 });
    expect(attention.authors).toHaveLength(8);
    expect(attention).not.toHaveProperty('authorCount');
    expect(attention.fieldSources).toMatchObject({ authors: 'arxiv-api', publishedAt: 'arxiv-api' });
    expect(isComplete(attention)).toBe(true);

    const maldacena = (await db.papers.get('arxiv:hep-th/9711200'))!;
    expect(maldacena).toMatchObject({ title: 'Large N', doi: '10.1023/A:1026654312961', journalRef: 'Adv.Theor.Math.Phys.2:231-252,1998' });
  });
});
