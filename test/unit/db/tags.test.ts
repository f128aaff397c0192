// @vitest-environment node
import type { DBCoreTable } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { tagCounts, tagSpellings } from '../../../lib/db/queries';
import { PaperRepository, RepositoryError } from '../../../lib/db/repository';
import type { PaperInput, PaperRecord } from '../../../lib/paper/model';

const open: PapershelfDatabase[] = [];

/**
 * A fresh library per test. `reads` logs every request that loads whole records (a get, or a
 * query or cursor with values), so a test can show that a query works from index keys alone.
 */
function setup() {
  const db = new PapershelfDatabase('papershelf-tags-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  const reads: string[] = [];
  const steps = { count: 0, unique: 0 };
  db.use({
    stack: 'dbcore',
    name: 'record-read-spy',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const log = (what: string, loadsRecords: boolean) => {
          if (loadsRecords) reads.push(`${what} ${name}`);
        };
        const spied: DBCoreTable = {
          ...table,
          get: (request) => {
            log('get', true);
            return table.get(request);
          },
          getMany: (request) => {
            log('getMany', true);
            return table.getMany(request);
          },
          query: (request) => {
            log('query', request.values === true);
            return table.query(request);
          },
          openCursor: async (request) => {
            log('cursor', request.values === true);
            if (request.unique) steps.unique++;
            const cursor = await table.openCursor(request);
            if (!cursor) return cursor;
            // Counts the steps a cursor takes past its first entry.
            const { continue: next, advance } = cursor;
            cursor.continue = (key) => {
              steps.count++;
              next.call(cursor, key);
            };
            cursor.advance = (count) => {
              steps.count++;
              advance.call(cursor, count);
            };
            return cursor;
          },
        };
        return spied;
      },
    }),
  });
  open.push(db);
  let time = 1_700_000_000_000;
  const repo = new PaperRepository(db, () => time++);
  return { db, repo, reads, steps };
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function paper(id: string): PaperInput {
  return { id, title: `Paper ${id}`, site: 'arxiv', url: `https://arxiv.org/abs/${id}` };
}

/** A stored record as an older release (or another path) may have left it, bypassing setTags. */
function record(id: string, tags: string[]): PaperRecord {
  return { id, title: `Paper ${id}`, authors: [], sources: {}, tags, savedAt: 1, createdAt: 1, updatedAt: 1, citationKey: `key${id.replace('.', '')}` };
}

const A = 'arxiv:2401.00001';
const B = 'arxiv:2401.00002';
const C = 'arxiv:2401.00003';

async function tagsOf(repo: PaperRepository, id: string): Promise<string[] | undefined> {
  return (await repo.get(id))?.tags;
}

describe('setTags keeps the spelling first used', () => {
  it('a tag another paper has takes the library’s spelling', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['LLM', 'Vision']);
    const states = await repo.setTags(paper(B), ['llm', 'VISION', 'new one']);
    expect(states[B]?.tags).toEqual(['LLM', 'Vision', 'new one']);
    expect(await tagsOf(repo, B)).toEqual(['LLM', 'Vision', 'new one']);
  });

  it('a tag the paper has keeps the paper’s spelling', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['LLM']);
    expect((await repo.setTags(paper(A), ['llm', 'rl']))[A]?.tags).toEqual(['LLM', 'rl']);
  });

  it('when the library holds several spellings, the most common one wins', async () => {
    const { db, repo } = setup();
    await db.papers.bulkPut([record(A, ['llm']), record(B, ['LLM']), record(C, ['LLM'])]);
    expect((await repo.setTags(paper('arxiv:2401.00004'), ['Llm']))['arxiv:2401.00004']?.tags).toEqual(['LLM']);
  });

  it('matches however the accent was typed and whatever the case of accented letters', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['École', 'Ünïcode']);
    expect((await repo.setTags(paper(B), ['e\u0301cole', 'ÜNÏCODE']))[B]?.tags).toEqual(['École', 'Ünïcode']);
  });

  it('matches case mappings that change length ("İ" lower-cases to "i" + a combining dot)', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['İstanbul']);
    expect((await repo.setTags(paper(B), ['i\u0307stanbul']))[B]?.tags).toEqual(['İstanbul']);
  });

  it('a new tag is stored cleaned: trimmed, whitespace folded, NFC, repeats dropped', async () => {
    const { repo } = setup();
    expect((await repo.setTags(paper(A), ['  deep \t learning ', 'e\u0301cole', 'Deep Learning']))[A]?.tags).toEqual(['deep learning', '\u00e9cole']);
  });

  it('looks spellings up in the tags index without loading any other paper', async () => {
    const { db, repo, reads } = setup();
    await db.papers.bulkPut(Array.from({ length: 50 }, (_, index) => record(`arxiv:2402.${String(index).padStart(5, '0')}`, ['LLM', `t${index}`])));
    // A paper the library has (a new one would also look up free citation keys).
    await db.papers.put(record(A, ['old']));
    reads.length = 0;
    await repo.setTags(paper(A), ['old', 'llm']);
    // The paper itself, read by setTags and again by the write it joins; no other record.
    expect(reads).toEqual(['get papers', 'get papers']);
    expect(await tagsOf(repo, A)).toEqual(['old', 'LLM']);
  });
});

describe('tagSpellings', () => {
  it('lists each spelling once, in index order, from the index alone', async () => {
    const { db, reads } = setup();
    expect(await tagSpellings(db)).toEqual([]);
    await db.papers.bulkPut([record(A, ['b', 'a']), record(B, ['a', 'a b']), record(C, ['A', 'a\u0000'])]);
    reads.length = 0;
    expect(await tagSpellings(db)).toEqual(['A', 'a', 'a\u0000', 'a b', 'b']);
    expect(reads).toEqual([]);
  });

  it('seeks past the papers that share a spelling instead of stepping through them', async () => {
    const { db, steps } = setup();
    await db.papers.bulkPut(Array.from({ length: 2_000 }, (_, index) => record(`arxiv:2404.${String(index).padStart(5, '0')}`, index === 7 ? ['same', 'zebra'] : ['same'])));
    steps.count = 0;
    expect(await tagSpellings(db)).toEqual(['same', 'zebra']);
    // A cursor walking the index would step about 2,000 times; a seek per spelling, a handful.
    expect(steps.count).toBeLessThan(10);
    // Nor a `nextunique` cursor: fake-indexeddb skips duplicates for it, but Chromium steps
    // through every entry behind it (hundreds of milliseconds at 100,000 papers).
    expect(steps.unique).toBe(0);
  });
});

describe('setTags refuses a bad tag with the user’s words, and stores nothing', () => {
  it.each([
    [['ok', '   '], 'A tag cannot be empty.'],
    [['ideas, later'], 'A tag cannot contain a comma: commas separate tags.'],
    [['x'.repeat(80)], 'A tag is at most 64 characters (this one has 80).'],
    [['bell\u0007'], 'A tag cannot contain control characters.'],
  ])('%j', async (tags, message) => {
    const { db, repo } = setup();
    const refusal = repo.setTags(paper(A), tags);
    await expect(refusal).rejects.toThrow(RepositoryError);
    await expect(repo.setTags(paper(A), tags)).rejects.toThrow(message);
    expect(await db.papers.count()).toBe(0);
  });

  it('leaves the stored tags as they were', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['kept']);
    await expect(repo.setTags(paper(A), ['kept', 'a,b'])).rejects.toThrow(RepositoryError);
    expect(await tagsOf(repo, A)).toEqual(['kept']);
  });

  it('has no cap but the sanity bound against hostile input: 500 tags', async () => {
    const { repo } = setup();
    const tags = Array.from({ length: 500 }, (_, index) => `t${index}`);
    expect((await repo.setTags(paper(A), tags))[A]?.tags).toHaveLength(500);
    await expect(repo.setTags(paper(A), [...tags, 'one more'])).rejects.toThrow(new RepositoryError('A paper can have at most 500 tags.'));
  });

  it('a tag stored before these rules (a comma from an older import) stays until removed', async () => {
    const { db, repo } = setup();
    await db.papers.put(record(A, ['ideas, later']));
    expect((await repo.setTags(paper(A), ['ideas, later', 'new']))[A]?.tags).toEqual(['ideas, later', 'new']);
    expect((await repo.setTags(paper(A), ['new']))[A]?.tags).toEqual(['new']);
    // Once gone from the paper, or on another paper, it is a new tag like any other.
    await expect(repo.setTags(paper(A), ['new', 'ideas, later'])).rejects.toThrow(RepositoryError);
    await expect(repo.setTags(paper(B), ['ideas, later'])).rejects.toThrow(RepositoryError);
  });
});

describe('tagCounts', () => {
  it('is empty for an empty library', async () => {
    const { repo } = setup();
    expect(await repo.tagCounts()).toEqual([]);
  });

  it('counts the papers per tag, most used first, then alphabetically whatever the case', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['LLM', 'vision', 'Agents']);
    await repo.setTags(paper(B), ['llm', 'banana']);
    await repo.setTags(paper(C), ['LLM', 'apple']);
    await repo.hide(paper('arxiv:2401.00004'));
    expect(await repo.tagCounts()).toEqual([
      { tag: 'LLM', count: 3 },
      { tag: 'Agents', count: 1 },
      { tag: 'apple', count: 1 },
      { tag: 'banana', count: 1 },
      { tag: 'vision', count: 1 },
    ]);
  });

  it('groups spellings an older library holds side by side, named by the most common', async () => {
    const { db, repo } = setup();
    await db.papers.bulkPut([record(A, ['rl', 'NLP']), record(B, ['RL', 'nlp']), record(C, ['RL'])]);
    expect(await repo.tagCounts()).toEqual([
      { tag: 'RL', count: 3 },
      { tag: 'NLP', count: 2 },
    ]);
  });

  it('follows removals: a tag no paper carries any more is gone', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['x', 'y']);
    await repo.setTags(paper(B), ['x']);
    await repo.setTags(paper(A), ['x']);
    expect(await repo.tagCounts()).toEqual([{ tag: 'x', count: 2 }]);
  });

  it('works from the tags index alone: 5,000 papers, no record loaded', async () => {
    const { db, reads } = setup();
    const papers = Array.from({ length: 5_000 }, (_, index) =>
      record(`arxiv:2403.${String(index).padStart(5, '0')}`, [`topic ${index % 40}`, ...(index % 2 === 0 ? ['Even'] : index % 1000 === 1 ? ['even'] : [])]),
    );
    await db.papers.bulkPut(papers);
    reads.length = 0;
    const counts = await tagCounts(db);
    expect(reads).toEqual([]);
    expect(counts[0]).toEqual({ tag: 'Even', count: 2_505 });
    expect(counts).toHaveLength(41);
    expect(counts.slice(1).every(({ count }) => count === 125)).toBe(true);
  });
});
