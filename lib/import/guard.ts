/**
 * Checks every imported file passes before any parser sees it: a size cap, UTF-8, and text rather
 * than binary data. Each returns a reason in words, so the import preview can say what went wrong.
 */
import { t } from '../i18n/t';

/** 20 MiB: about 100,000 BibTeX entries, far beyond a personal library (read at over 1 MB/s, see `npm run bench:import`). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * A few U+FFFD can be genuine (copied from a page that already had them); more is the mark of a
 * file in another encoding (Latin-1, UTF-16) read as UTF-8, where every accent became U+FFFD.
 */
export const MAX_REPLACEMENT_CHARACTERS = 2;

/** Why a file decoded with many U+FFFD replacement characters is refused. */
export const notUtf8Reason = (): string => t('importNotUtf8Replacements');

export type GuardResult = { ok: true } | { ok: false; reason: string };
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

export function checkImportSize(bytes: number): GuardResult {
  if (bytes <= MAX_IMPORT_BYTES) return { ok: true };
  return { ok: false, reason: t('importFileTooLarge', megabytes(bytes), megabytes(MAX_IMPORT_BYTES)) };
}

/**
 * Decodes a file's bytes strictly: a byte sequence that is not UTF-8 fails instead of turning into
 * U+FFFD. Prefer this over `File.text()`, which replaces silently. A leading BOM is dropped.
 */
export function decodeImportBytes(bytes: ArrayBuffer | Uint8Array): DecodeResult {
  const size = checkImportSize(bytes.byteLength);
  if (!size.ok) return size;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, reason: t('importNotUtf8') };
  }
  const checked = checkImportText(text);
  return checked.ok ? { ok: true, text } : checked;
}

/**
 * Decodes a .bib file's bytes leniently: bytes that are not UTF-8 become U+FFFD instead of
 * refusing the file, because binary junk between entries is reported as such and skipped by the
 * BibTeX scanner, which also refuses a file whose entries hold many U+FFFD (another encoding).
 */
export function decodeBibtexBytes(bytes: ArrayBuffer | Uint8Array): DecodeResult {
  const size = checkImportSize(bytes.byteLength);
  if (!size.ok) return size;
  return { ok: true, text: withoutBom(new TextDecoder('utf-8').decode(bytes)) };
}

/**
 * Checks text that was already decoded (by `File.text()` or a test). Runs in time linear in the
 * text, and stops at the size cap before looking at the content.
 */
export function checkImportText(text: string): GuardResult {
  const size = checkImportSize(utf8Length(text, MAX_IMPORT_BYTES));
  if (!size.ok) return size;
  // NUL never occurs in BibTeX or JSON text; it is the first sign of a binary file (PDF, zip, image).
  if (text.includes('\u0000')) return { ok: false, reason: t('importBinaryData') };
  if (countUpTo(text, '\uFFFD', MAX_REPLACEMENT_CHARACTERS + 1) > MAX_REPLACEMENT_CHARACTERS) {
    return { ok: false, reason: notUtf8Reason() };
  }
  return { ok: true };
}

/** Strips a leading byte-order mark, which `JSON.parse` rejects and BibTeX parsers may keep. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The UTF-8 size of `text`, counted only as far as needed: once it passes `cap`, any larger
 * number says the same thing, so a 50 MB string is not walked to its end.
 */
export function utf8Length(text: string, cap = MAX_IMPORT_BYTES): number {
  if (text.length > cap) return text.length; // every UTF-16 unit is at least one UTF-8 byte
  if (text.length * 3 <= cap) return text.length; // every UTF-16 unit is at most three bytes
  let bytes = 0;
  for (let index = 0; index < text.length && bytes <= cap; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4; // a surrogate pair is one four-byte character
      index++;
    } else bytes += 3;
  }
  return bytes;
}

function countUpTo(text: string, needle: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1 && count < limit; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

function megabytes(bytes: number): string {
  return t('megabytes', (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, ''));
}
