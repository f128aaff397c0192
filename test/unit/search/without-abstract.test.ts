import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, filterPapers } from '../../../lib/search';
import { withoutAbstract } from '../../../lib/search/search-text';
import { missingFields } from '../../../lib/metadata/completeness';
import type { PaperRecord } from '../../../lib/paper/model';
import { DATA_FILE, DATA_PRESENT, loadDataset } from '../../../scripts/ranking-protocol';

if (!DATA_PRESENT) {
  const message = `${DATA_FILE} is missing: the popup's search without abstracts cannot be checked on real papers`;
  if (process.env.CI) throw new Error(`${message} (required because CI is set)`);
  console.warn(`\n!!! ${message}; that test is SKIPPED here and required in CI !!!\n`);
}

const record = (id: string, fields: Partial<PaperRecord> = {}): PaperRecord => ({
  id,
  title: `Paper ${id}`,
  authors: ['Ada Lovelace'],
  sources: {},
  tags: [],
  createdAt: 1,
  updatedAt: 1,
  savedAt: 1,
  publishedAt: '2024-01-02',
  primaryCategory: 'cs.LG',
  ...fields,
});

describe('a record held without its abstract (the popup)', () => {
  it('is found by the words of its abstract, as the whole record is', () => {
    const whole = record('arxiv:2401.00001', { abstract: 'We study quasicrystalline phonons in détente.' });
    const held = withoutAbstract(whole);
    expect(held).not.toHaveProperty('abstract');
    const { abstract: _abstract, ...rest } = whole;
    expect(held).toEqual(rest);
    for (const text of ['quasicrystal', 'phonons', 'detente', 'Lovelace', '2401.00001']) {
      expect(filterPapers([held], { ...DEFAULT_QUERY, text })).toEqual([held]);
    }
    expect(filterPapers([held], { ...DEFAULT_QUERY, text: 'graphene' })).toEqual([]);
  });

  it.skipIf(!DATA_PRESENT)('finds exactly what the whole records find, on real papers', () => {
    const whole = loadDataset().papers
      .slice(0, 400)
      .map((paper, index) => record(`arxiv:${paper.id}`, { title: paper.title, abstract: paper.abstract, authors: paper.authors, savedAt: index }));
    const held = whole.map(withoutAbstract);
    for (const text of ['attention', 'graph neural', 'diffusion model', 'robot', 'quantum error', 'lstm']) {
      const expected = filterPapers(whole, { ...DEFAULT_QUERY, text }).map((paper) => paper.id);
      expect(filterPapers(held, { ...DEFAULT_QUERY, text }).map((paper) => paper.id)).toEqual(expected);
    }
  });

  it('is not incomplete for want of an abstract; one that never had one still is', () => {
    const held = withoutAbstract(record('arxiv:2401.00002', { abstract: 'Some words.' }));
    expect(missingFields(held)).not.toContain('abstract');
    const none = record('arxiv:2401.00003');
    expect(withoutAbstract(none)).toBe(none);
    expect(missingFields(withoutAbstract(none))).toContain('abstract');
    expect(missingFields(withoutAbstract(record('arxiv:2401.00004', { abstract: '' })))).toContain('abstract');
  });
});
