import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './import-graph';
import type { MessageKey, MessageSource } from '../lib/i18n/t';

/** One entry of a messages.json, in the format Chromium and Firefox read. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export const CATALOGUE_PATH = join(PROJECT_ROOT, 'public', '_locales', 'en', 'messages.json');

export function readCatalogue(path = CATALOGUE_PATH): Record<string, CatalogueEntry> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, CatalogueEntry>;
}

/**
 * A message filled in as the browsers do: `$name$` by its placeholder's content, `$1`… in that
 * content by the substitutions (missing ones empty), `$$` as a dollar sign.
 */
export function fillMessage(entry: CatalogueEntry, substitutions: readonly string[]): string {
  const numbered = (text: string) => text.replace(/\$(\d)/g, (_, digit: string) => substitutions[Number(digit) - 1] ?? '');
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));
  return entry.message.replace(/\$\$|\$(\w+)\$/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const content = placeholders.get(name.toLowerCase());
    return content === undefined ? whole : numbered(content);
  });
}

/** The English catalogue as a MessageSource: what the browser would answer with English as its language. */
export function catalogueSource(catalogue = readCatalogue()): MessageSource {
  return (key: MessageKey, substitutions: string[]) => {
    const entry = catalogue[key];
    if (!entry) throw new Error(`messages.json has no message "${key}"`);
    return fillMessage(entry, substitutions);
  };
}
