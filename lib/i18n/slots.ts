/**
 * Messages with markup inside (a `<kbd>` key, a `<code>` path) stay whole sentences for the
 * translator: the message gets a slot marker as a placeholder's value, and the view puts its
 * element where the translation placed the marker.
 */
const OPEN = '\u2063[';
const CLOSE = ']\u2063';

/** The value to pass for placeholder number `index` (0-based) of a message shown with withParts. */
export function slot(index: number): string {
  return `${OPEN}${index}${CLOSE}`;
}

const SLOT = /\u2063\[(\d+)\]\u2063/;

/** The message's text with each slot replaced by its part: strings and parts in reading order. */
export function withParts<Part>(message: string, parts: readonly Part[]): Array<string | Part> {
  const pieces = message.split(SLOT);
  // split with a capture group alternates text, slot index, text…
  return pieces.map((piece, index) => (index % 2 === 0 ? piece : (parts[Number(piece)] ?? ''))).filter((piece) => piece !== '');
}
