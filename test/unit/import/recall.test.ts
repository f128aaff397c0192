// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBibtexLibrary } from '../../../lib/import/bibtex-import';
import { arxivIdOf } from '../../../lib/paper/paper-id';

/**
 * Recall and precision of the arXiv ids the importer finds, on small files written in the style of
 * each exporter (test/fixtures/import/shapes/README.md). Each entry says what it should give
 * (`% expected: <id>` or `none`). Fails below 99% recall or on any wrong id. Printed figures:
 * `npx vitest run --project unit test/unit/import/recall.test.ts`.
 */
const SHAPES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'import', 'shapes');
const EXPECTED = /% expected: (\S+)\n@\w+\{([^,\s]+),/g;

interface Tally {
  arxivEntries: number;
  found: number;
  wrong: string[];
  missed: string[];
  others: number;
}

function measure(): { tally: Tally; perFile: Record<string, string> } {
  const tally: Tally = { arxivEntries: 0, found: 0, wrong: [], missed: [], others: 0 };
  const perFile: Record<string, string> = {};
  for (const name of readdirSync(SHAPES).filter((file) => file.endsWith('.bib')).sort()) {
    const text = readFileSync(resolve(SHAPES, name), 'utf8');
    const parsed = parseBibtexLibrary(text);
    if (!parsed.ok) throw new Error(`${name}: ${parsed.reason}`);
    // The files name papers by arXiv id; the importer gives their PaperIds.
    const got = new Map(parsed.papers.map((paper) => [paper.entry, arxivIdOf(paper.metadata.id) ?? paper.metadata.id]));
    let found = 0;
    let total = 0;
    for (const [, expected, key] of text.matchAll(EXPECTED)) {
      const id = got.get(key!);
      if (expected === 'none') {
        tally.others++;
        if (id !== undefined) tally.wrong.push(`${name} ${key}: ${id} for an entry with no arXiv id`);
        continue;
      }
      total++;
      if (id === expected) found++;
      else if (id === undefined) tally.missed.push(`${name} ${key}: ${expected}`);
      else tally.wrong.push(`${name} ${key}: ${id} instead of ${expected}`);
    }
    tally.arxivEntries += total;
    tally.found += found;
    perFile[name] = `${found}/${total}`;
  }
  return { tally, perFile };
}

describe('arXiv ids in the shapes real exporters write', () => {
  it('recall ≥ 99% and no wrong id', () => {
    const { tally, perFile } = measure();
    const recall = tally.found / tally.arxivEntries;
    console.log(
      `recall ${(recall * 100).toFixed(1)}% (${tally.found}/${tally.arxivEntries} arXiv entries), precision ${tally.wrong.length === 0 ? '100%' : 'below 100%'}, ` +
        `${tally.others} entries with no arXiv id; per file ${JSON.stringify(perFile)}`,
    );
    expect(tally.wrong).toEqual([]);
    expect(tally.missed).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.99);
    expect(tally.arxivEntries).toBeGreaterThanOrEqual(40);
  });
});
