import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A file from test/fixtures/metadata, as text. */
export function fixture(name: string): string {
  return readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'metadata', name), 'utf8');
}
