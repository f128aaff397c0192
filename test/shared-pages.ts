import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real pages captured from the sites live in `../shared/pages` beside the project, never in it.
 * Locally they may be missing: tests that need them then say so loudly and skip. With `CI` set they
 * are required, and their absence fails the run.
 */
export const SHARED_PAGES_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'pages');
export const SHARED_PAGES_PRESENT = existsSync(SHARED_PAGES_DIR);
export const SHARED_PAGES_REQUIRED = Boolean(process.env.CI);

if (!SHARED_PAGES_PRESENT) {
  const message = `shared pages not found at ${SHARED_PAGES_DIR}: tests on real captured pages cannot run`;
  if (SHARED_PAGES_REQUIRED) throw new Error(`${message} (required because CI is set)`);
  console.warn(`\n!!! ${message}; they are SKIPPED here and required in CI !!!\n`);
}

/** Paths relative to the shared pages folder, e.g. `huggingface/papers-daily-2026-09-28.html`. */
export function listSharedPages(subdir: string): string[] {
  if (!SHARED_PAGES_PRESENT) return [];
  const dir = join(SHARED_PAGES_DIR, subdir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(subdir, name));
}

export function readSharedPage(relativePath: string): string {
  return readFileSync(join(SHARED_PAGES_DIR, relativePath), 'utf8');
}
