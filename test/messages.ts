import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './import-graph';
import { catalogueSource as sourceOf, type CatalogueEntry } from '../lib/i18n/fill';
import type { MessageSource } from '../lib/i18n/t';

export { fillMessage, type CatalogueEntry } from '../lib/i18n/fill';

export const CATALOGUE_PATH = join(PROJECT_ROOT, 'public', '_locales', 'en', 'messages.json');

export function readCatalogue(path = CATALOGUE_PATH): Record<string, CatalogueEntry> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, CatalogueEntry>;
}

/** The English catalogue as a MessageSource: what the browser would answer with English as its language. */
export function catalogueSource(catalogue = readCatalogue()): MessageSource {
  return sourceOf(catalogue);
}
