import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parseBackup } from '../../lib/import/backup-schema';
import { noArxivIdReason, parseBibtexLibrary } from '../../lib/import/bibtex-import';
import { planParsedImport, type ImportPlan } from '../../lib/import/plan';
import { BROWSER_PATH, launch, readFixture, readLibrary, type Session, closeSession } from './harness.ts';
import { huggingFaceDaily, plainPapers } from './listing-pages.ts';
import { controls } from './controls.ts';

/**
 * The full-page library view: an import is previewed (counts and rejected entries, the same as
 * the planner gives in Node) before anything is written, a bad file writes nothing, a backup
 * downloads and restores exactly, and the BibTeX settings reach the popup's export.
 */
const LIBRARY_BIB = resolve(import.meta.dirname, '..', 'fixtures', 'import', 'library.bib');

type LibraryRecord = Record<string, unknown> & { id: string };

const byId = (records: ReadonlyArray<Record<string, unknown>>): LibraryRecord[] =>
  [...(records as LibraryRecord[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const countsLine = (counts: ImportPlan['counts']) => `${counts.new} new, ${counts.merged} merged, ${counts.unchanged} unchanged, ${counts.rejected} rejected`;

/** The plan the page should show for `text` against an empty library. */
async function expectedPlan(text: string): Promise<ImportPlan> {
  const planned = planParsedImport(new Map(), parseBibtexLibrary(text), Date.now());
  if (!planned.ok) throw new Error(`the fixture does not plan: ${planned.reason}`);
  return planned.plan;
}

describe.skipIf(!BROWSER_PATH)('the library page: import, backup, settings', () => {
  let session: Session;
  let page: Page;
  let errors: string[];

  const preview = () => page.getByRole('region', { name: 'Import preview' });
  const fileInput = () => page.getByLabel('Import a file');
  const alert = () => page.getByRole('alert');

  async function choose(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await fileInput().setInputFiles(file);
  }

  async function download(click: () => Promise<void>, on: Page = page): Promise<{ name: string; bytes: Buffer }> {
    const [event] = await Promise.all([on.waitForEvent('download'), click()]);
    const path = await event.path();
    return { name: event.suggestedFilename(), bytes: readFileSync(path) };
  }

  beforeAll(async () => {
    session = await launch();
    ({ page, errors } = await session.openLibrary());
  });
  afterAll(() => closeSession(session));

  test('the page is the built library.html, with its five sections and labelled controls', async () => {
    expect(await page.title()).toBe('Papershelf library');
    for (const name of ['Import', 'Papers', 'Backup', 'Export', 'Settings']) {
      expect(await page.getByRole('region', { name, exact: true }).getByRole('heading', { name, exact: true }).count()).toBe(1);
    }
    expect(await fileInput().getAttribute('accept')).toContain('.bib');
    expect(await page.getByRole('button', { name: 'Download backup' }).isEnabled()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Papers to export' }).count()).toBe(1);
  });

  test('a .bib file is previewed with the planner\'s counts, then imported with its tags and keys', async () => {
    const text = readFixture('import/library.bib');
    const plan = await expectedPlan(text);
    // What the fixture is about; if it changes, the assertions below still follow the planner.
    expect(plan.counts.rejected).toBeGreaterThan(0);
    expect(plan.counts.new).toBeGreaterThan(5);

    await choose(LIBRARY_BIB);
    await preview().waitFor();
    expect(await preview().getByText(countsLine(plan.counts), { exact: true }).count()).toBe(1);
    // Entries that are not arXiv papers are counted apart from damaged ones, and listed on request.
    expect(plan.rejected.every((entry) => entry.reason === noArxivIdReason())).toBe(true);
    expect(await preview().getByRole('list', { name: 'Rejected entries' }).count()).toBe(0);
    await preview().getByText(`${plan.rejected.length} entry has no arXiv id (books, journal articles without a preprint) and is left out`).click();
    const notArxiv = preview().getByRole('list', { name: 'Entries with no arXiv id' }).getByRole('listitem');
    expect(await notArxiv.allTextContents()).toEqual(plan.rejected.map((entry) => `${entry.entry} (line ${entry.line})`));
    // A .bib file is not a backup: no Merge / Replace choice.
    expect(await preview().getByRole('radio').count()).toBe(0);
    expect(await readLibrary(session)).toEqual([]); // previewing writes nothing

    await preview().getByRole('button', { name: `Import ${plan.records.length} papers` }).click();
    await page.getByRole('status').filter({ hasText: `Imported: ${plan.counts.new} new, ${plan.counts.merged} merged.` }).waitFor();
    expect(await preview().count()).toBe(0);

    const library = byId(await readLibrary(session));
    expect(library.map((record) => record.id)).toEqual(byId(plan.records).map((record) => record.id));
    const times = ['savedAt', 'createdAt', 'updatedAt', 'citationKey'];
    const withoutTimes = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([key]) => !times.includes(key)));
    for (const [index, record] of library.entries()) {
      expect(record.savedAt, record.id).toBeTypeOf('number');
      expect(withoutTimes(record)).toEqual(withoutTimes(byId(plan.records)[index]!));
    }
    // Tags from keywords, the duplicate entry's folded in; and the file's own citation keys.
    const attention = library.find((record) => record.id === 'arxiv:1706.03762')!;
    expect([...(attention.tags as string[])].sort()).toEqual(['attention', 'classic', 'nlp', 'transformers']);
    const fileKeys = new Map<string, string>();
    for (const entry of plan.entries) if (entry.status === 'new' && entry.citationKey) fileKeys.set(entry.id, entry.citationKey);
    expect(fileKeys.size).toBe(plan.counts.new);
    for (const record of library) expect(record.citationKey, record.id).toBe(fileKeys.get(record.id));
  });

  test('a malformed file shows its reason and leaves the library exactly as it was', async () => {
    const before = byId(await readLibrary(session));
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00]);

    const wrongBackup = JSON.stringify({
      format: 'papershelf-backup',
      version: 1,
      exportedAt: '2026-12-01T10:00:00.000Z',
      papers: [{ id: '2401.00001', name: 'A paper with the wrong fields', tags: 'many' }],
    });
    const wrongExport = JSON.stringify({ papers: [{ name: 'not PaperMemory either' }] });
    const cases: Array<{ name: string; body: string }> = [
      { name: 'picture.bib', body: png.toString('latin1') },
      { name: 'wrong-fields.json', body: wrongBackup },
      { name: 'backup-corrupt.json', body: readFixture('import/backup-corrupt.json') },
      { name: 'not-papermemory.json', body: wrongExport },
    ];
    for (const { name, body } of cases) {
      // First a good file, so a preview is open when the bad one replaces it.
      await choose(LIBRARY_BIB);
      await preview().waitFor();
      await choose({ name, mimeType: name.endsWith('.bib') ? 'text/x-bibtex' : 'application/json', buffer: name.endsWith('.bib') ? png : Buffer.from(body) });
      const message = alert().filter({ hasText: `Could not import ${name}.` });
      await message.waitFor();
      const shown = (await message.textContent())!.toLowerCase();
      if (name.endsWith('.bib')) expect(shown).toContain('the file holds binary data, not text');
      else if (name === 'not-papermemory.json') expect(shown).toContain('not a papermemory export');
      else {
        const reason = parseBackup(body);
        expect(reason.ok).toBe(false);
        if (!reason.ok) expect(shown).toContain(reason.reason.toLowerCase());
      }
      expect(await preview().count(), name).toBe(0);
      expect(await page.getByRole('button', { name: /^Import \d+ papers?$/ }).count(), name).toBe(0);
    }
    expect(byId(await readLibrary(session))).toEqual(before);
  });

  test('a .bib file with damaged entries lists each with its line and reason, and the rest import in one go', async () => {
    const before = byId(await readLibrary(session));
    await choose(resolve(import.meta.dirname, '..', 'fixtures', 'import', 'damaged.bib'));
    await preview().getByText('4 new, 0 merged, 0 unchanged, 5 rejected', { exact: true }).waitFor();
    const listed = await preview().getByRole('list', { name: 'Rejected entries' }).getByRole('listitem').allTextContents();
    expect(listed).toEqual([
      expect.stringMatching(/^unbalanced \(line 10\): the entry does not end before the next “@” on line 16/),
      expect.stringMatching(/^@ misc this line starts .* \(line 21\): an “@” that starts no entry/),
      'missingcomma (line 23): a comma is missing before the field “eprint” on line 25',
      'unterminated (line 28): the quoted value of “title” that starts on line 29 is never closed (a “"” is missing)',
      'lines 37–40 (line 37): binary data between entries, skipped',
    ]);
    expect(byId(await readLibrary(session))).toEqual(before); // previewing writes nothing
    await preview().getByRole('button', { name: 'Import 4 papers' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 4 new, 0 merged.' }).waitFor();
    const ids = (await readLibrary(session)).map((record) => record.id);
    expect(ids.filter((id) => !before.some((record) => record.id === id)).sort()).toEqual(['arxiv:2401.00001', 'arxiv:2401.00003', 'arxiv:2401.00006', 'arxiv:2401.00007']);
  });

  test('a reference manager\'s bookkeeping keywords are offered, not imported as tags unless asked', async () => {
    await choose(resolve(import.meta.dirname, '..', 'fixtures', 'import', 'shapes', 'zotero.bib'));
    const option = preview().getByRole('checkbox', { name: /^Also import the reference manager’s keywords as tags/ });
    await option.waitFor();
    expect(await option.isChecked()).toBe(false);
    expect(await option.getAttribute('aria-label')).toBeNull();
    expect(await preview().textContent()).toContain('“/unread”');
    await preview().getByRole('button', { name: /^Import \d+ papers$/ }).click();
    await page.getByRole('status').filter({ hasText: /^Imported: / }).waitFor();
    const simclr = (await readLibrary(session)).find((record) => record.id === 'arxiv:2007.06637')!;
    expect(simclr.tags).toEqual(['contrastive']);
  });

  test('a file that takes too long to read is refused in words, naming the field, and the library is unchanged', async () => {
    const before = byId(await readLibrary(session));
    // Titles of dense LaTeX just under the length the parser is given, each different (no reader can
    // remember one): some 12 s of reading in Chromium on a quiet 2-core machine, against a budget
    // shortened to 1.5 s through the page's address, so the refusal never depends on the machine.
    await page.goto(`${page.url().replace(/\?.*$/, '')}?readingBudgetMs=1500`);
    await page.getByRole('heading', { name: 'Papershelf library' }).waitFor();
    const title = (index: number) => Array.from({ length: 125 }, (_, word) => `a${String((index * 31 + word) % 100).padStart(2, '0')}--b \\textbf{c} `).join('');
    const bib = Array.from({ length: 1_000 }, (_, index) => `@misc{slow${index}, title = {${title(index)}}, eprint = {2403.${String(index).padStart(5, '0')}}}`).join('\n');
    await choose({ name: 'slow.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from(bib) });
    const message = alert().filter({ hasText: 'Could not import slow.bib.' });
    await message.waitFor({ timeout: 15_000 });
    expect(await message.textContent()).toMatch(
      /This file takes too long to read: field “title” of entry “slow\d+” \(line \d+\) is 2,\d{3} characters of LaTeX \(stopped after 2 seconds, \d+% read\)/,
    );
    expect(await preview().count()).toBe(0);
    expect(byId(await readLibrary(session))).toEqual(before);
    // The page stayed responsive: the next file reads as usual.
    await choose({ name: 'quick.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from('@misc{q, title = {Quick}, eprint = {2403.99999}}') });
    await preview().getByText('1 new, 0 merged, 0 unchanged, 0 rejected', { exact: true }).waitFor();
    await preview().getByRole('button', { name: 'Cancel' }).click();
    await page.goto(page.url().replace(/\?.*$/, ''));
    await page.getByRole('heading', { name: 'Papershelf library' }).waitFor();
  }, 60_000);

  test('entries the background would refuse are rejected in the preview, and the rest import', async () => {
    const before = (await readLibrary(session)).length;
    const keywords = Array.from({ length: 501 }, (_, index) => `k${index}`).join(', ');
    const bib = [
      `@misc{manytags, title = {Too Many Tags}, eprint = {2402.00002}, archivePrefix = {arXiv}, keywords = {${keywords}}}`,
      `@misc{longnote, title = {A Very Long Note}, eprint = {2402.00003}, archivePrefix = {arXiv}, annote = {${'word '.repeat(5_000)}}}`,
      '@misc{fine, title = {A Fine Paper}, eprint = {2402.00004}, archivePrefix = {arXiv}}',
    ].join('\n\n');
    await choose({ name: 'edge.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from(bib) });
    await preview().getByText('1 new, 0 merged, 0 unchanged, 2 rejected', { exact: true }).waitFor();
    const reasons = await preview().getByRole('list', { name: 'Rejected entries' }).getByRole('listitem').allTextContents();
    expect(reasons).toEqual(['manytags: it has 501 tags; a paper has at most 500', 'longnote: its note is longer than 20,000 characters']);
    await preview().getByRole('button', { name: 'Import 1 paper' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 1 new, 0 merged.' }).waitFor();
    const library = await readLibrary(session);
    expect(library.length).toBe(before + 1);
    expect(library.map((record) => record.id)).toContain('arxiv:2402.00004');
  });

  test('Download backup lists every paper, and Replace restores exactly it; open listings follow both without a reload', async () => {
    // A listing tab that shows the paper the second file brings.
    const listingUrl = 'https://huggingface.co/papers/date/2026-09-26';
    session.serve(listingUrl, { body: huggingFaceDaily([...plainPapers(2), { id: '2401.01234', title: 'An Extra Paper', authors: ['Jane Doe'], abstract: 'Extra.' }]) });
    const listing = await session.context.newPage();
    await listing.goto(listingUrl);
    const extraSaved = () => controls(listing, '2401.01234').getByRole('button', { name: 'Save' }).getAttribute('aria-pressed');
    await expect.poll(extraSaved).toBe('false');

    const library = byId(await readLibrary(session));
    const backupFile = await download(() => page.getByRole('button', { name: 'Download backup' }).click());
    expect(backupFile.name).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = parseBackup(backupFile.bytes.toString('utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(byId(parsed.backup.papers)).toEqual(library);
    expect(parsed.backup.settings).toEqual({ bibtexJournalStyle: 'eprint', bibtexAscii: false, keyboardShortcuts: true, metadataLookups: true, forYou: true });

    // One more paper, from a second file.
    const extra = '@misc{extra2024,\n  title = {An Extra Paper},\n  author = {Doe, Jane},\n  eprint = {2401.01234},\n  archivePrefix = {arXiv}\n}\n';
    await choose({ name: 'extra.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from(extra) });
    await preview().getByText('1 new, 0 merged, 0 unchanged, 0 rejected', { exact: true }).waitFor();
    await preview().getByRole('button', { name: 'Import 1 paper' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 1 new, 0 merged.' }).waitFor();
    expect((await readLibrary(session)).length).toBe(library.length + 1);
    await expect.poll(extraSaved).toBe('true');

    // The backup: merged, it changes nothing; replacing is what restores it.
    await choose({ name: backupFile.name, mimeType: 'application/json', buffer: backupFile.bytes });
    await preview().waitFor();
    expect(await preview().textContent()).toContain('is a Papershelf backup');
    expect(await preview().getByText(`0 new, 0 merged, ${library.length} unchanged, 0 rejected`, { exact: true }).count()).toBe(1);
    expect(await preview().getByRole('button', { name: /^Import/ }).count()).toBe(0);

    await preview().getByRole('radio', { name: /^Replace/ }).check();
    await preview().getByText(`${library.length} new, 0 merged, 0 unchanged, 0 rejected`, { exact: true }).waitFor();
    expect(await preview().textContent()).toContain(`the ${library.length + 1} papers in it now`);
    expect(await preview().getByRole('button', { name: 'Download a backup first' }).count()).toBe(1);
    // Offered, and it works: the safety copy holds the library as it is now, the extra paper too.
    const safety = await download(() => preview().getByRole('button', { name: 'Download a backup first' }).click());
    const safetyParsed = parseBackup(safety.bytes.toString('utf8'));
    expect(safetyParsed.ok && safetyParsed.backup.papers.length).toBe(library.length + 1);

    await preview().getByRole('button', { name: `Import ${library.length} papers` }).click();
    await preview().getByRole('alertdialog', { name: 'Confirm Replace' }).getByRole('button', { name: 'Replace the library' }).click();
    await page.getByRole('status').filter({ hasText: `Imported: ${library.length} new, 0 merged.` }).waitFor();
    expect(byId(await readLibrary(session))).toEqual(byId(parsed.backup.papers));
    // The restored library does not hold the extra paper: the open tab says so.
    await expect.poll(extraSaved).toBe('false');
    await listing.close();
  });

  test('the journal style and pure ASCII reach the popup\'s Export BibTeX', async () => {
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByRole('radio', { name: 'Also journal = {arXiv preprint arXiv:…}' }).check();
    await settings.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await settings.getByRole('checkbox', { name: 'Write accents as LaTeX commands (pure ASCII)' }).check();
    await expect
      .poll(() => page.evaluate(() => new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('papershelf');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get('settings');
          request.onsuccess = () => resolve(request.result?.value);
          request.onerror = () => reject(request.error);
        };
      })))
      .toEqual({ bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true, keyboardShortcuts: true, metadataLookups: true, forYou: true });
    expect(await settings.getByRole('radio', { name: 'Also journal = {arXiv preprint arXiv:…}' }).isChecked()).toBe(true);

    const popup = await session.openPopup();
    expect(await popup.getByRole('link', { name: 'Library' }).getAttribute('href')).toBe('/library.html');
    const exportButton = popup.getByRole('button', { name: 'Export BibTeX' });
    await expect.poll(() => exportButton.isEnabled()).toBe(true);
    const bib = await download(() => exportButton.click(), popup);
    const text = bib.bytes.toString('latin1');
    expect(text).toContain('journal = {arXiv preprint arXiv:');
    expect([...bib.bytes].filter((byte) => byte > 0x7f)).toEqual([]);
    expect(text).toContain('M{\\"u}ller'); // the accents are there, as LaTeX
    await popup.close();

    // The page's own export, limited to one tag.
    await page.getByRole('combobox', { name: 'Papers to export' }).selectOption('transformers');
    const tagged = await download(() => page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export BibTeX' }).click());
    const entries = tagged.bytes.toString('utf8').match(/^@\w+\{/gm) ?? [];
    expect(entries.length).toBe(1);
    expect(tagged.bytes.toString('utf8')).toContain('eprint = {1706.03762}');
    expect(errors).toEqual([]);
  });
});
