/**
 * Every word Papershelf shows a person comes from public/_locales/<language>/messages.json through
 * `t`. The messages are looked up by a source set once at start-up (lib/i18n-setup.ts sets the
 * browser's `i18n.getMessage`; unit tests set one that reads messages.json), so this module, and
 * the components that call it, stay pure: no browser API, nothing read at import time.
 *
 * The keys' type comes from the English catalogue itself: a key that is not in messages.json, or a
 * message with placeholders called without its values, fails the typecheck.
 */
type Catalogue = typeof import('../../public/_locales/en/messages.json');

export type MessageKey = keyof Catalogue;

type Value = string | number;

/** The values a message's placeholders take, in the order of their `$1`, `$2`… (at least one when it has any). */
type Substitutions<K extends MessageKey> = Catalogue[K] extends { placeholders: object } ? [Value, ...Value[]] : [];

/** Looks a message up by key, `$1`… replaced by the substitutions, as the browser's i18n.getMessage does. */
export type MessageSource = (key: MessageKey, substitutions: string[]) => string;

let source: MessageSource | undefined;

export function setMessageSource(next: MessageSource): void {
  source = next;
}

/** The message `key` in the user's language, its placeholders filled with `substitutions`. */
export function t<K extends MessageKey>(key: K, ...substitutions: Substitutions<K>): string {
  if (!source) throw new Error('Papershelf: t() was called before lib/i18n-setup set where messages come from.');
  // Numbers arrive formatted by the caller (toLocaleString) where a reader sees them; String() is for ids and counts shown raw.
  return source(key, (substitutions as Value[]).map(String));
}

/** Keys whose message has placeholders: tables of such keys keep t() asking for their values. */
export type KeyWithValues = { [K in MessageKey]: Catalogue[K] extends { placeholders: object } ? K : never }[MessageKey];

/**
 * A number with its noun: the `one` message for 1, else `many` ("1 paper", "12 papers"), the number
 * as `shown` (by default with English digit grouping, as every count on the pages).
 */
export function plural(count: number, one: KeyWithValues, many: KeyWithValues, shown = count.toLocaleString('en')): string {
  return t(count === 1 ? one : many, shown);
}
