import { errorInWords } from '../text/problem-words';

/**
 * A thrown error in words for a status line: an error written for the reader as it is, storage and
 * network failures by name, anything else as `fallback` (its own text goes to the console).
 */
export function messageOf(error: unknown, fallback = 'something unexpected went wrong'): string {
  const words = errorInWords(error, fallback);
  if (words === fallback) console.error('Papershelf:', error);
  return words;
}
