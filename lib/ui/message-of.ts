import { errorInWords } from '../text/problem-words';
import { t } from '../i18n/t';

/**
 * A thrown error in words for a status line: an error written for the reader as it is, storage and
 * network failures by name, anything else as `fallback` (its own text goes to the console).
 */
export function messageOf(error: unknown, fallback = t('somethingUnexpected')): string {
  const words = errorInWords(error, fallback);
  if (words === fallback) console.error('Papershelf:', error);
  return words;
}
