// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MACRO_CHARS } from '../../../lib/import/bib-scan';
import { parseBibtexLibrary } from '../../../lib/import/bibtex-import';
import { decodeBibtexBytes } from '../../../lib/import/guard';
import type { ParsedImport } from '../../../lib/import/plan';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'import');

function parsed(text: string): Extract<ParsedImport, { ok: true }> {
  const result = parseBibtexLibrary(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}

describe('one damaged entry does not refuse the file', () => {
  it('lists each kind of damage with its key (or first line), line and reason, and reads every other entry', () => {
    const decoded = decodeBibtexBytes(readFileSync(resolve(FIXTURES, 'damaged.bib')));
    if (!decoded.ok) throw new Error(decoded.reason);
    const result = parsed(decoded.text);
    expect(result.papers.map((paper) => `${paper.entry} ${paper.metadata.id}`)).toEqual([
      'good1 arxiv:2401.00001',
      'good2 arxiv:2401.00003',
      'good3 arxiv:2401.00006',
      'good4 arxiv:2401.00007',
    ]);
    expect(result.rejected).toEqual([
      {
        entry: 'unbalanced',
        line: 10,
        reason: 'the entry does not end before the next “@” on line 16: the value of “title” runs from line 11 to line 14, so a “{” in it is probably not closed',
      },
      { entry: '@ misc this line starts with an at sign but no entry', line: 21, reason: 'an “@” that starts no entry (a type and “{” should follow it)' },
      { entry: 'missingcomma', line: 23, reason: 'a comma is missing before the field “eprint” on line 25' },
      { entry: 'unterminated', line: 28, reason: 'the quoted value of “title” that starts on line 29 is never closed (a “"” is missing)' },
      { entry: 'lines 37–40', line: 37, reason: 'binary data between entries, skipped' },
    ]);
  });

  it('an entry that does not end, and a brace that is not closed, name their lines', () => {
    const result = parsed('@misc{a, title = {Open\n}\n@misc{b, title = {B}, eprint = {2401.00002}}\n@misc{c, title = {C {x}, eprint = {2401.00003}\n\n@misc{d, title = {D}, eprint = {2401.00004}}');
    expect(result.papers.map((paper) => paper.entry)).toEqual(['b', 'd']);
    expect(result.rejected).toEqual([
      { entry: 'a', line: 1, reason: 'the entry does not end before the next “@” on line 3: the value of “title” runs from line 1 to line 2, so a “{” in it is probably not closed' },
      { entry: 'c', line: 4, reason: 'the “{” of “title” on line 4 is never closed (the next entry starts on line 6)' },
    ]);
  });

  it('an entry with no key is named by its line', () => {
    const result = parsed('@misc{title = {No Key}, eprint = {2401.00001}}\n@misc{, title = {Empty Key}, eprint = {2401.00002}}');
    expect(result.papers.map((paper) => paper.entry)).toEqual(['entry on line 1', 'entry on line 2']);
  });

  it('an @ inside a comment or an e-mail address between entries is not an entry', () => {
    const result = parsed('Questions to me@example.org.\n@misc{a, title = {A}, eprint = {2401.00001}}');
    expect(result.rejected).toEqual([]);
    expect(result.papers).toHaveLength(1);
  });
});

describe('@string macros', () => {
  it('expand into names and journals; the month macros are numbers', () => {
    const result = parsed(
      '@string{and = " and "}\n@string{S = "Srivastava, Nitish"}\n@string{jmlr = "J. Mach. Learn. Res."}\n' +
        '@article{a, title = {T}, author = S # and # {Hinton, Geoffrey}, journal = jmlr, year = 2014, month = jun, day = 1, eprint = {1401.00001}}',
    );
    expect(result.papers[0]?.metadata).toMatchObject({ authors: ['Nitish Srivastava', 'Geoffrey Hinton'], venue: { kind: 'journal', name: 'J. Mach. Learn. Res.' }, publishedAt: '2014-06-01' });
    expect(result.warnings).toEqual([]);
  });

  it('an undefined macro keeps its name as text, never glued to its neighbours, with a note naming it', () => {
    const text = readFileSync(resolve(FIXTURES, 'shapes', 'strings-undefined.bib'), 'utf8');
    const result = parsed(text);
    expect(result.papers[0]?.metadata.authors).toEqual(['Avramescu_A', 'Allmendinger', 'Lopez-Ibanez']);
    expect(result.papers[1]?.metadata.authors).toEqual(['Bahdanau_D', 'Cho_K']);
    expect(result.warnings).toEqual([
      'the @string “Avramescu_A” is not defined in the file: avramescu2018 on line 4 has its name as text instead',
      'the @string “and” is not defined in the file: 2 entries (the first: avramescu2018 on line 4) have its name as text instead',
      'the @string “Allmendinger” is not defined in the file: avramescu2018 on line 4 has its name as text instead',
      'the @string “Lopez-Ibanez” is not defined in the file: avramescu2018 on line 4 has its name as text instead',
      'the @string “NIPS” is not defined in the file: avramescu2018 on line 4 has its name as text instead',
      'the @string “Bahdanau_D” is not defined in the file: bahdanau2014 on line 14 has its name as text instead',
      'the @string “Cho_K” is not defined in the file: bahdanau2014 on line 14 has its name as text instead',
      'the @string “ICLR” is not defined in the file: bahdanau2014 on line 14 has its name as text instead',
    ]);
  });

  it('a 381-byte macro bomb is refused in words, at once', () => {
    // Each macro doubles the one before: 2^20 characters from a few hundred bytes.
    let bomb = '@string{m0 = "x"}\n';
    for (let level = 1; level <= 20; level++) bomb += `@string{m${level} = m${level - 1} # m${level - 1}}\n`;
    bomb += '@misc{a, title = m20, eprint = {2401.00001}}\n';
    const started = performance.now();
    const result = parsed(bomb);
    expect(performance.now() - started).toBeLessThan(2_000); // the unguarded expansion took 20 s
    expect(result.papers).toEqual([]);
    expect(result.rejected.map(({ entry, reason }) => `${entry}: ${reason}`)).toEqual([
      `@string{m17 = m16 # m16}: the @string “m17” expands to more than ${MAX_MACRO_CHARS.toLocaleString('en')} characters through @string macros`,
      '@string{m18 = m17 # m17}: it uses the @string “m17”, which could not be read (see line 18)',
      '@string{m19 = m18 # m18}: it uses the @string “m18”, which could not be read (see line 19)',
      '@string{m20 = m19 # m19}: it uses the @string “m19”, which could not be read (see line 20)',
      'a: it uses the @string “m20”, which could not be read (see line 21)',
    ]);
  });

  it('many uses of a large macro are refused whole once they pass the expansion cap', () => {
    let text = `@string{big = "${'y'.repeat(90_000)}"}\n`;
    for (let index = 0; index < 60; index++) text += `@misc{e${index}, title = {T}, abstract = big, eprint = {2401.${String(index).padStart(5, '0')}}}\n`;
    const result = parseBibtexLibrary(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^the file cannot be read: its @string macros expand to more than 4 million characters \(the macro “big” on line \d+ among them\)$/);
  });
});

describe('long fields cost linear time', () => {
  it('a 400,000-character title is refused by length, the file read in well under a second', () => {
    const title = 'Long \\textbf{words} '.repeat(20_000);
    const started = performance.now();
    const result = parsed(`@misc{long, title = {${title}}, eprint = {2401.00001}}\n@misc{fine, title = {Fine}, eprint = {2401.00002}}`);
    expect(performance.now() - started).toBeLessThan(3_000); // the parser alone took 49 s on a 400 KB field
    expect(result.papers.map((paper) => paper.entry)).toEqual(['fine']);
    expect(result.rejected).toEqual([{ entry: 'long', line: 1, reason: 'title: it is 400,000 characters of LaTeX; a title holds at most 2,000' }]);
  });

  it('a value of 200,000 lines is scanned once, not once per line', () => {
    const lines = 'a line of an abstract\n'.repeat(200_000);
    const started = performance.now();
    const result = parsed(`@misc{a, title = {T}, abstract = {${lines}}, eprint = {2401.00001}}\n@misc{b, title = {B}, eprint = {2401.00002}}`);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result.papers.map((paper) => paper.entry)).toEqual(['a', 'b']);
  });

  it('a 400,000-character abstract with TeX is read without the parser and dropped for its length', () => {
    const abstract = 'We show $x^2$ --- and {\\"o} \\cite{k}. '.repeat(10_000);
    const started = performance.now();
    const result = parsed(`@misc{a, title = {T}, abstract = {${abstract}}, eprint = {2401.00001}}`);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result.papers[0]?.metadata.abstract).toBeUndefined();
  });
});
