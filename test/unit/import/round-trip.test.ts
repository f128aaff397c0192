// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exportBibtexWithReport } from '../../../lib/bibtex';
import { parseBibtexLibrary } from '../../../lib/import/bibtex-import';
import { planParsedImport } from '../../../lib/import/plan';
import type { PaperRecord } from '../../../lib/paper/model';
import { arxivIdOf } from '../../../lib/paper/paper-id';
import { TRICKY_PAPERS } from '../../fixtures/bibtex/tricky-papers';

/**
 * Export, import into an empty library, export again: the same text. The keys travel in the file,
 * and everything the exporter writes must come back from it.
 */
const CORPUS = TRICKY_PAPERS;

function roundTrip(ascii: boolean) {
  const first = exportBibtexWithReport(CORPUS, { ascii });
  const parsed = parseBibtexLibrary(first.text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const planned = planParsedImport(new Map(), parsed, 1_700_000_000_000);
  if (!planned.ok) throw new Error(planned.reason);
  // What the repository does on import: a new paper keeps its file's key.
  const keys = new Map(planned.plan.entries.map((entry) => [entry.id, entry.citationKey]));
  const records: PaperRecord[] = planned.plan.records.map((record) => ({ ...record, citationKey: keys.get(record.id) ?? record.citationKey }));
  // The corpus names papers by arXiv id; the library by PaperId.
  const byId = new Map(records.map((record) => [arxivIdOf(record.id), record]));
  const again = exportBibtexWithReport(
    first.keys.map((_, index) => byId.get(CORPUS.filter((paper, i, all) => all.findIndex((p) => p.id === paper.id) === i)[index]!.id)!),
    { ascii },
  );
  return { first, again, rejected: planned.plan.rejected };
}

describe('BibTeX round trip', () => {
  for (const ascii of [false, true]) {
    it(`gives back the same text (${ascii ? 'ASCII' : 'UTF-8'})`, () => {
      const { first, again, rejected } = roundTrip(ascii);
      expect(rejected).toEqual([]);
      expect(again.text).toBe(first.text);
    });
  }
});

describe('tags with separators', () => {
  it('come back whole: a semicolon inside a tag does not split it', () => {
    const text = exportBibtexWithReport([{ id: 'arxiv:2401.00001', title: 'Tags', authors: ['Ada Lovelace'], tags: ['a; b', 'plain'] }]).text;
    const parsed = parseBibtexLibrary(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.papers[0]?.tags).toEqual(['a; b', 'plain']);
  });

  // Tags hold no commas now (a comma separates tags); a library from before may still have one.
  it('a comma tag from an older library comes back as the tags it separates', () => {
    const text = exportBibtexWithReport([{ id: 'arxiv:2401.00001', title: 'Tags', authors: ['Ada Lovelace'], tags: ['c, d', 'plain'] }]).text;
    expect(text).toContain('keywords = {{c, d}, plain}');
    const parsed = parseBibtexLibrary(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.papers[0]?.tags).toEqual(['c', 'd', 'plain']);
  });
});
