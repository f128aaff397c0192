// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../../lib/bibtex';
import { parseBackup } from '../../../lib/import/backup-schema';

/** `npm run bib` writes what the extension writes: the same code on the same papers. */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BACKUP = resolve(ROOT, 'test/fixtures/import/backup-v1.json');

function bib(...args: string[]) {
  return spawnSync(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/bib.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run bib', () => {
  const backup = parseBackup(readFileSync(BACKUP, 'utf8'));
  if (!backup.ok) throw new Error(backup.reason);
  const saved = backup.backup.papers.filter((paper) => paper.savedAt !== undefined).sort((a, b) => b.savedAt! - a.savedAt!);

  it('prints the BibTeX of every saved paper, newest first, exactly as the exporter writes it', () => {
    const run = bib(BACKUP);
    expect(run.status).toBe(0);
    expect(saved.length).toBeGreaterThan(1);
    expect(run.stdout).toBe(exportBibtex(saved));
    expect(run.stderr).toContain(`${saved.length} papers exported`);
  });

  it('filters by tag, case-insensitively', () => {
    const tag = saved[saved.length - 1]!.tags[0]!;
    const run = bib(BACKUP, '--tag', tag.toUpperCase());
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(exportBibtex(saved.filter((paper) => paper.tags.some((t) => t.toLowerCase() === tag.toLowerCase()))));
  });

  it('refuses a damaged backup with the reason and exit code 1, printing no BibTeX', () => {
    const run = bib(resolve(ROOT, 'test/fixtures/import/backup-corrupt.json'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/not a usable Papershelf backup: paper 2 .* cannot be read: tag 2 is empty/);
  });

  it('explains its usage when called wrong', () => {
    const run = bib();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run bib');
  });
});
