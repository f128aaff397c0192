import type { MessageKey, MessageSource } from './t';

/** One entry of a messages.json, in the format Chromium and Firefox read. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
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

/** A catalogue read as a MessageSource: what the browser would answer with that catalogue's language. */
export function catalogueSource(catalogue: Readonly<Record<string, CatalogueEntry>>): MessageSource {
  return (key: MessageKey, substitutions: string[]) => {
    const entry = catalogue[key];
    if (!entry) throw new Error(`messages.json has no message "${key}"`);
    return fillMessage(entry, substitutions);
  };
}
