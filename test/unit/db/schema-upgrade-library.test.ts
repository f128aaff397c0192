// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PaperRepository } from '../../../lib/db/repository';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import { makeCitationKey } from '../../../lib/bibtex/citation-key';
import { backupPapers, createBackup, parseBackup, serializeBackup } from '../../../lib/import/backup-schema';
import { missingFields } from '../../../lib/metadata/completeness';
import { CitationKeySchema, PaperRecordSchema, type PaperRecord } from '../../../lib/paper/model';
import { libraryOpener } from './library-at-version';

/**
 * A realistic library written by schema version 1 (the first release), upgraded to the latest
 * version in one go, as a browser that skipped every release in between would. 5,000 papers:
 * new- and old-style ids, titles and names in many scripts, abstracts of every length, tags, and
 * every mix of saved and hidden. Nothing the user made may change, every paper gets its own
 * citation key, and the enrichment queue appears. Then the other way a v1 library reaches the
 * latest version: a backup taken at v1, restored with `replaceLibrary`.
 */
const PAPERS = 5_000;
const NAME = 'schema-upgrade-library';

const openAt = libraryOpener(NAME);

/** mulberry32: the same library on every run, so a failure names the same paper again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_WORDS = ['Attention', 'Über', 'Learning', 'Quantum', 'Diffusion', 'Étude', 'Graph', 'Transformers', 'Scaling', '深層学習', 'Σ-algebras', 'Zero-shot'];
const REST = ['for Reasoning', 'of $\\alpha$-stable Laws', 'in Low-Resource Languages', 'with 10^9 Parameters', '— a Survey', 'und Verallgemeinerung', 'پژوهش در یادگیری', '🚀 at Scale', 'on {Braces} & Ampersands', 'Revisited'];
const NAMES = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Théo Núñez-O\'Brien', 'Zoë Ødegård', '李小龙', 'Ірина Шевченко', 'محمد الخوارزمي', 'Jean-Pierre Serre', 'A. N. Other', 'Emmy Noether', 'Paul Erdős'];
const TAGS = ['to-read', 'LLM', 'évaluation', 'quantum', '量子', 'survey', 'classic', 'RL', 'read later', 'ToDo'];
const OLD_ARCHIVES = ['hep-th', 'math', 'cond-mat', 'astro-ph', 'quant-ph', 'physics'];

/** The papers as schema v1 stored them: no citation key, no note, no provenance. */
function v1Library(count: number): PaperRecord[] {
  const next = random(20_261_127);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const seen = new Set<string>();
  const papers: PaperRecord[] = [];
  while (papers.length < count) {
    const index = papers.length;
    // One paper in five has an old-style id; their numbers are unique per archive.
    const id =
      next() < 0.2
        ? `${pick(OLD_ARCHIVES)}/${String(90 + Math.floor(next() * 17)).slice(-2).padStart(2, '0')}${String(1 + Math.floor(next() * 12)).padStart(2, '0')}${String(Math.floor(next() * 1000)).padStart(3, '0')}`
        : `${String(15 + Math.floor(next() * 12))}${String(1 + Math.floor(next() * 12)).padStart(2, '0')}.${String(Math.floor(next() * 100_000)).padStart(5, '0')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const createdAt = 1_600_000_000_000 + index * 3_600_000 + Math.floor(next() * 1_000);
    const authors = Array.from({ length: Math.floor(next() * 8) }, () => pick(NAMES));
    const state = next();
    const paper: PaperRecord = {
      id,
      // Many share a first author, a year and a first word: their natural citation keys collide.
      title: `${pick(FIRST_WORDS)} ${pick(REST)}${index % 7 === 0 ? ` ${index}` : ''}`,
      authors: [...new Set(authors)],
      sources: next() < 0.5 ? { huggingface: `https://huggingface.co/papers/${id}` } : { arxiv: `https://arxiv.org/abs/${id}`, huggingface: `https://huggingface.co/papers/${id}` },
      tags: [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => pick(TAGS)))],
      createdAt,
      updatedAt: createdAt + Math.floor(next() * 10_000_000),
    };
    if (next() < 0.7) paper.abstract = 'We study '.concat('the problem '.repeat(Math.floor(next() * 200)), pick(REST), '.');
    if (next() < 0.6) paper.publishedAt = `20${String(15 + Math.floor(next() * 12))}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    if (next() < 0.5) paper.primaryCategory = pick(['cs.LG', 'cs.CL', 'hep-th', 'math.GT', 'cond-mat.mtrl-sci', 'quant-ph']);
    if (next() < 0.3) paper.upvotes = Math.floor(next() * 500);
    // "N authors" on a card that names fewer: only ever more than the names (merge drops the rest).
    if (paper.authors.length > 2 && next() < 0.5) paper.authorCount = paper.authors.length + 1 + Math.floor(next() * 20);
    // Saved only, hidden only, both, or neither (kept for its tags).
    if (state < 0.55 || (state >= 0.85 && state < 0.95)) paper.savedAt = createdAt + 1_000;
    if (state >= 0.55 && state < 0.95) paper.hiddenAt = createdAt + 2_000;
    if (paper.savedAt === undefined && paper.hiddenAt === undefined && paper.tags.length === 0) paper.tags = ['kept'];
    // As v1 stored it: under its bare arXiv id (valid as a record once tagged).
    papers.push({ ...PaperRecordSchema.parse(tagged(paper)), id: paper.id });
  }
  return papers;
}

/** A v1 record under its PaperId, as the latest version holds it (schema v7). */
function tagged(record: PaperRecord): PaperRecord {
  return { ...record, id: `arxiv:${record.id}` };
}

/** What the user made of a paper, and everything else v1 knew: a v1 record without the key v2 adds. */
function withoutKey(record: PaperRecord): PaperRecord {
  const { citationKey: _added, ...rest } = record;
  return rest;
}

describe(`a version 1 library of ${PAPERS.toLocaleString('en')} papers`, () => {
  const library = v1Library(PAPERS);

  it('is as varied as a real one', () => {
    const saved = library.filter((paper) => paper.savedAt !== undefined).length;
    const hidden = library.filter((paper) => paper.hiddenAt !== undefined).length;
    const both = library.filter((paper) => paper.savedAt !== undefined && paper.hiddenAt !== undefined).length;
    const oldStyle = library.filter((paper) => paper.id.includes('/')).length;
    const tagged = library.filter((paper) => paper.tags.length > 0).length;
    console.log(`v1 library: ${library.length} papers, ${saved} saved, ${hidden} hidden (${both} both), ${oldStyle} old-style ids, ${tagged} tagged`);
    for (const share of [saved, hidden, both, oldStyle, tagged]) expect(share).toBeGreaterThan(PAPERS / 20);
    expect(library.some((paper) => /[^\u0000-\u007f]/.test(paper.title + paper.authors.join('')))).toBe(true);
  });

  it('upgrades to the latest version keeping every paper and all it held', async () => {
    const factory = new IDBFactory();
    const v1 = openAt(factory, 1);
    await v1.papers.bulkPut(library);
    expect(v1.verno).toBe(1);
    v1.close();

    const started = performance.now();
    const latest = openAt(factory);
    await latest.open();
    const upgradeMs = Math.round(performance.now() - started);
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    const upgraded = await latest.papers.toArray();
    console.log(`upgrade v1 → v${LATEST_SCHEMA_VERSION} of ${upgraded.length} papers: ${upgradeMs} ms (fake-indexeddb)`);

    // Every paper, each exactly as v1 wrote it apart from its new key.
    expect(upgraded).toHaveLength(PAPERS);
    const byId = new Map(upgraded.map((record) => [record.id, record]));
    for (const paper of library) expect(withoutKey(byId.get(`arxiv:${paper.id}`)!), paper.id).toEqual(tagged(paper));

    // Keys: one each, valid, unique (the index is unique too), and stable: oldest papers keep the bare key.
    const keys = upgraded.map((record) => record.citationKey);
    for (const key of keys) expect(CitationKeySchema.safeParse(key).success, String(key)).toBe(true);
    expect(new Set(keys).size).toBe(PAPERS);
    expect(latest.papers.schema.idxByName.citationKey?.unique).toBe(true);
    // Many papers shared a natural key: those got a suffix rather than a duplicate.
    const suffixed = upgraded.filter((record) => record.citationKey !== makeCitationKey(record, new Set())).length;
    console.log(`${suffixed} of ${PAPERS} keys needed a suffix to stay unique`);
    expect(suffixed).toBeGreaterThan(PAPERS / 10);

    // The indexes answer for the upgraded records as for fresh ones.
    expect(await latest.papers.where('savedAt').above(0).count()).toBe(library.filter((paper) => paper.savedAt !== undefined).length);
    expect(await latest.papers.where('hiddenAt').above(0).count()).toBe(library.filter((paper) => paper.hiddenAt !== undefined).length);
    for (const tag of [...TAGS, 'kept']) {
      expect(await latest.papers.where('tags').equals(tag).count(), tag).toBe(library.filter((paper) => paper.tags.includes(tag)).length);
    }

    // The enrichment queue exists and holds exactly the saved papers that lack metadata.
    const queued = (await latest.enrichment.toArray()).map((entry) => entry.id).sort();
    const lacking = upgraded.filter((record) => record.savedAt !== undefined && missingFields(record).length > 0).map((record) => record.id).sort();
    expect(queued).toEqual(lacking);
    expect(queued.length).toBeGreaterThan(0);

    // The repository reads the upgraded library as it reads its own.
    const repo = new PaperRepository(latest);
    const sample = library.slice(0, 50);
    const states = await repo.getStates(sample.map((paper) => `arxiv:${paper.id}`));
    for (const paper of sample) expect(states[`arxiv:${paper.id}`]).toEqual({ saved: paper.savedAt !== undefined, hidden: paper.hiddenAt !== undefined, tags: paper.tags });
  }, 60_000);

  it('backed up at version 1, restores into the latest version without losing anything', async () => {
    const backup = serializeBackup(createBackup(library, Date.UTC(2026, 10, 27)));
    const parsed = parseBackup(backup);
    if (!parsed.ok) throw new Error(parsed.reason);

    // A newer install that already holds other papers: `replace` restores the backup as it was.
    const latest = openAt(new IDBFactory());
    const repo = new PaperRepository(latest, () => Date.UTC(2026, 11, 1));
    await repo.save({ id: 'arxiv:2611.00001', title: 'Not in the backup', site: 'arxiv', url: 'https://arxiv.org/abs/2611.00001' });
    const started = performance.now();
    const { counts } = await repo.replaceLibrary({ papers: backupPapers(parsed.backup) });
    const restoreMs = Math.round(performance.now() - started);
    console.log(`backup of ${library.length} v1 papers (${(backup.length / 1e6).toFixed(1)} MB) restored into v${LATEST_SCHEMA_VERSION}: ${restoreMs} ms, ${JSON.stringify(counts)}`);

    const restored = await latest.papers.toArray();
    expect(restored).toHaveLength(PAPERS);
    const byId = new Map(restored.map((record) => [record.id, record]));
    for (const paper of library) expect(withoutKey(byId.get(`arxiv:${paper.id}`)!), paper.id).toEqual(tagged(paper));
    expect(new Set(restored.map((record) => record.citationKey)).size).toBe(PAPERS);
    for (const record of restored) expect(CitationKeySchema.safeParse(record.citationKey).success, record.id).toBe(true);
  }, 60_000);
});
