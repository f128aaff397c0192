// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../../lib/import/backup-schema';
import { PaperMetadataSchema } from '../../../lib/import/plan';
import { parseHfPaper } from '../../../lib/metadata/hf-paper';
import { isoDay } from '../../../lib/metadata/text';
import { isCalendarDate } from '../../../lib/paper/dates';
import { IsoDateSchema, LIMITS, PaperInputSchema, PaperRecordSchema, type PaperInput } from '../../../lib/paper/model';
import { validatePaper } from '../../../lib/sites/validate';

/** The page's id (what an adapter and the APIs give) and the library's (PaperId). */
const PAGE_ID = '2409.12345';
const ID = 'arxiv:2409.12345';
const pagePaper = (overrides: Partial<PaperInput> = {}): PaperInput => ({ id: PAGE_ID, title: 'A Paper', site: 'arxiv', url: `https://arxiv.org/abs/${PAGE_ID}`, ...overrides });
const LONG_NAME = 'N'.repeat(LIMITS.author + 1);

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2017-06-12', true],
    ['2026-02-31', false],
    ['2023-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0999-01-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('%s is a day: %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
    expect(IsoDateSchema.safeParse(text).success).toBe(expected);
  });

  it('a page that says 2026-02-31 keeps its paper but gives no date', () => {
    const read = validatePaper(pagePaper({ publishedAt: '2026-02-31', authors: ['Ada Lovelace'] }));
    expect(read).toEqual(pagePaper({ authors: ['Ada Lovelace'] }));
  });

  it('an API that says 2026-02-31 gives no date', () => {
    expect(isoDay('2026-02-31T00:00:00.000Z')).toBeUndefined();
    const read = parseHfPaper({ id: PAGE_ID, title: 'A Paper', publishedAt: '2026-02-31T00:00:00.000Z' });
    expect(read.ok).toBe(true);
    expect(read.ok && read.paper).not.toHaveProperty('publishedAt');
  });

  it('an import or a backup that says 2026-02-31 is refused', () => {
    expect(PaperMetadataSchema.safeParse({ id: ID, title: 'A Paper', publishedAt: '2026-02-31' }).success).toBe(false);
    const record = { id: ID, title: 'A Paper', authors: [], publishedAt: '2026-02-31', sources: {}, tags: [], createdAt: 1, updatedAt: 1 };
    expect(PaperRecordSchema.safeParse(record).success).toBe(false);
    const backup = parseBackup(JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', papers: [record] }));
    expect(backup.ok).toBe(false);
  });
});

describe('author lists', () => {
  it('one over-long name on a page costs that name only', () => {
    const read = validatePaper(pagePaper({ authors: ['Ada Lovelace', LONG_NAME, 'Alan Turing'] }));
    expect(typeof read !== 'string' && read.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
  });

  it('an empty name costs that name only', () => {
    expect(PaperInputSchema.parse(pagePaper({ authors: ['Ada Lovelace', '  ', 'Alan Turing'] })).authors).toEqual(['Ada Lovelace', 'Alan Turing']);
  });

  it('one over-long name in an imported file costs that name only', () => {
    const parsed = PaperMetadataSchema.parse({ id: ID, title: 'A Paper', authors: [LONG_NAME, 'Grace Hopper'] });
    expect(parsed.authors).toEqual(['Grace Hopper']);
  });

  it('a name at the limit is kept, and a list that is not a list of strings is still refused', () => {
    const atLimit = 'M'.repeat(LIMITS.author);
    expect(PaperInputSchema.parse(pagePaper({ authors: [atLimit] })).authors).toEqual([atLimit]);
    expect(PaperInputSchema.safeParse({ ...pagePaper(), authors: ['Ada', 42] }).success).toBe(false);
    expect(PaperInputSchema.safeParse({ ...pagePaper(), authors: Array.from({ length: LIMITS.authors + 1 }, () => 'A') }).success).toBe(false);
  });
});
