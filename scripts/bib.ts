#!/usr/bin/env node
// `npm run bib -- <backup.json> [--tag T] [--ascii] [--journal]`: the BibTeX of a Papershelf backup,
// written by the same code as the extension's export (saved papers, newest first), to stdout.
// Notes about the export go to stderr; a backup that cannot be read exits 1 with the reason.
// Refusals are in words from the English catalogue.
import '../lib/i18n-english-setup';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportBibtexWithReport } from '../lib/bibtex/index';
import { parseBackup } from '../lib/import/backup-schema';
import { exportOptionsFrom, readSettings } from '../lib/settings';

const USAGE = 'usage: npm run bib -- <backup.json> [--tag T] [--ascii] [--journal]';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { tag: { type: 'string', multiple: true }, ascii: { type: 'boolean' }, journal: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`bib: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const backup = parseBackup(text);
  if (!backup.ok) {
    console.error(`bib: ${file} is not a usable Papershelf backup: ${backup.reason}`);
    return 1;
  }
  const settings = readSettings({ value: backup.backup.settings ?? {} });
  const wanted = (values.tag ?? []).map((tag) => tag.toLocaleLowerCase());
  const papers = backup.backup.papers
    .filter((paper) => paper.savedAt !== undefined)
    .filter((paper) => wanted.length === 0 || paper.tags.some((tag) => wanted.includes(tag.toLocaleLowerCase())))
    .sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
  const { text: bib, warnings } = exportBibtexWithReport(
    papers,
    exportOptionsFrom({ ...settings, bibtexJournalStyle: values.journal ? 'arxiv-journal' : settings.bibtexJournalStyle, bibtexAscii: values.ascii ?? settings.bibtexAscii }),
  );
  process.stdout.write(bib);
  for (const warning of warnings) console.error(`bib: ${warning.message}`);
  console.error(`bib: ${papers.length} paper${papers.length === 1 ? '' : 's'} exported${wanted.length ? ` with tag ${values.tag!.join(' or ')}` : ''}.`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
