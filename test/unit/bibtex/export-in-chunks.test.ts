/**
 * ExportInChunks writes entries as they arrive (the library page's export worker, handed the
 * papers a chunk at a time) and must give exactly exportBibtexInParts's parts, keys and warnings,
 * whatever the chunks: keys that the whole file changes (repeated, invalid, missing, the same but
 * for case), repeated papers, entries that are no arXiv id (the first one too), and text that
 * warns of its characters.
 */
import { describe, expect, it } from 'vitest';
import { ExportInChunks, exportBibtexInParts, type BibEntryInput, type ExportOptions } from '../../../lib/bibtex';
import { DATA_PRESENT } from '../../../scripts/ranking-protocol';
import { realRecord } from '../../../scripts/real-library';

const TRICKY: BibEntryInput[] = [
  { id: 'not an id', title: 'Nothing to cite' },
  { id: 'arxiv:2401.00001', title: 'Attention on graphs', authors: ['Ann Müller'], publishedAt: '2024-01-02', citationKey: 'muller2024attention' },
  { id: 'arxiv:2401.00002', title: 'Attention again', authors: ['Ann Müller'], publishedAt: '2024-01-03' },
  { id: 'arxiv:2401.00003', title: 'Same key as the first', authors: ['Bo Li'], citationKey: 'muller2024attention' },
  { id: 'arxiv:2401.00004', title: 'A key BibTeX cannot read', authors: ['Bo Li'], citationKey: 'bad key!' },
  { id: 'arxiv:2401.00001', title: 'The first paper again', authors: ['Ann Müller'], citationKey: 'again' },
  { id: 'arxiv:2401.00005', title: 'Case only', authors: ['Cy Ng'], citationKey: 'MULLER2024ATTENTION' },
  { id: 'arxiv:2401.00006', title: 'Anonymous ☃ work', citationKey: 'anon' },
  { id: '2401.00007', title: 'Bare id, ☃ in the title', authors: ['Dee Øster'], authorCount: 3, citationKey: 'oster', tags: ['graphs', 'a,b'] },
  { id: 'arxiv:2401.00008', title: 'A later one taking the made key', authors: ['Ann Müller'], publishedAt: '2024-05-01', citationKey: 'muller2024attentiona' },
];

function inChunks(entries: readonly BibEntryInput[], size: number, options: ExportOptions = {}) {
  const writer = new ExportInChunks(options);
  for (let start = 0; start < entries.length; start += size) writer.add(entries.slice(start, start + size));
  expect(writer.count).toBe(entries.length);
  return writer.finish();
}

describe('ExportInChunks', () => {
  for (const options of [{}, { ascii: true, journalStyle: 'arxiv-journal' }] as const) {
    it(`gives exportBibtexInParts's parts, keys and warnings, whatever the chunks (${JSON.stringify(options)})`, () => {
      const expected = exportBibtexInParts(TRICKY, options);
      // The cases above are all there.
      expect(new Set(expected.warnings.map((warning) => warning.kind))).toEqual(new Set(['invalid-id', 'duplicate-paper', 'invalid-key', 'duplicate-key', 'authors-missing', 'authors-incomplete', 'characters']));
      for (const size of [1, 2, 3, TRICKY.length]) expect(inChunks(TRICKY, size, options)).toEqual(expected);
      // The first entry kept has no blank line before it, even when it was written after one.
      expect(inChunks(TRICKY.slice(1), 4, options).parts[0]!.startsWith('@')).toBe(true);
    });
  }

  it('is empty for no entries', () => {
    expect(new ExportInChunks().finish()).toEqual(exportBibtexInParts([]));
  });

  it.skipIf(!DATA_PRESENT)('gives the same file for real papers, some keys missing, repeated or changed in case', () => {
    const entries: BibEntryInput[] = Array.from({ length: 3_000 }, (_, index) => {
      const record = realRecord(index, { size: 3_000, savedEvery: 1 });
      if (index % 97 === 0) return { ...record, citationKey: undefined };
      if (index % 89 === 0) return { ...record, citationKey: realRecord(index - 1, { size: 3_000, savedEvery: 1 }).citationKey!.toUpperCase() };
      return record;
    });
    const expected = exportBibtexInParts(entries);
    const chunked = inChunks(entries, 250);
    expect(chunked.parts.join('') === expected.parts.join('')).toBe(true);
    expect(chunked.keys).toEqual(expected.keys);
    expect(chunked.warnings).toEqual(expected.warnings);
  });
});
