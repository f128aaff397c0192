/**
 * A Papershelf backup read piece by piece, for a file too large to hold as one string (a year of
 * triage: a million papers, hundreds of megabytes). The file is the one `serializeBackup` writes
 * (and lib/library-page/backup.ts streams): one JSON object whose `papers` member is an array. This
 * reader finds where each value of that object, and each paper of the array, starts and ends, and
 * hands each paper to JSON.parse alone; nothing but the paper being read and the small members
 * (format, version, settings, rules) is kept.
 *
 * Linear in the file: each character is looked at once, except for the one value that straddles
 * two pieces, which is looked at again when the next piece comes; a value may be at most
 * MAX_VALUE_CHARS long, so that cost is bounded too.
 */
import { t } from '../i18n/t';

/** The longest one value (a paper, the settings, the rules) may be: a paper is at most ~0.5 MB. */
export const MAX_VALUE_CHARS = 8 * 1024 * 1024;

/** A problem in the file, in words; the reader stops at the first. */
export class BackupFileError extends Error {}

type Step = 'start' | 'key' | 'colon' | 'value' | 'after-value' | 'paper' | 'after-paper' | 'done';

export class BackupStreamReader {
  private buffer = '';
  private position = 0;
  private step: Step = 'start';
  private key = '';
  private papersSeen = false;
  /** `papers` had an element already: a `,` or `]` follows each. */
  private firstPaper = true;
  /** The top-level members other than `papers`, parsed. */
  readonly head: Record<string, unknown> = {};

  /** Reads `text` after what came before; answers the papers completed in it, parsed (unchecked). */
  push(text: string): unknown[] {
    this.buffer = this.position === 0 ? this.buffer + text : this.buffer.slice(this.position) + text;
    this.position = 0;
    return this.run(false);
  }

  /** The file ended: answers the top-level members other than `papers`. Throws when the file is cut short. */
  finish(): Record<string, unknown> {
    this.run(true);
    if (this.step !== 'done') throw new BackupFileError(t('backupEndsEarly'));
    return this.head;
  }

  /** Whether the file had a `papers` member. */
  get hasPapers(): boolean {
    return this.papersSeen;
  }

  private run(atEnd: boolean): unknown[] {
    const papers: unknown[] = [];
    const text = this.buffer;
    for (;;) {
      let at = this.position;
      while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      // A byte-order mark before the object.
      if (this.step === 'start' && text.charCodeAt(at) === 0xfeff) at++;
      this.position = at;
      if (at >= text.length) return papers;
      const char = text[at]!;
      switch (this.step) {
        case 'start':
          if (char !== '{') throw new BackupFileError(char === '[' ? t('backupNotABackup') : t('backupNotJson'));
          this.position = at + 1;
          this.step = 'key';
          break;
        case 'key': {
          if (char === '}') {
            this.position = at + 1;
            this.step = 'done';
            break;
          }
          const end = this.valueEnd(text, at, atEnd);
          if (end < 0) return papers;
          const key = parse(text.slice(at, end));
          if (typeof key !== 'string') throw new BackupFileError(t('backupNotJson'));
          this.key = key;
          this.position = end;
          this.step = 'colon';
          break;
        }
        case 'colon':
          if (char !== ':') throw new BackupFileError(t('backupNotJson'));
          this.position = at + 1;
          this.step = 'value';
          break;
        case 'value': {
          if (this.key === 'papers' && !this.papersSeen && char === '[') {
            this.papersSeen = true;
            this.position = at + 1;
            this.step = 'paper';
            break;
          }
          const end = this.valueEnd(text, at, atEnd);
          if (end < 0) return papers;
          if (this.key === 'papers') throw new BackupFileError(t('backupNoPaperList'));
          this.head[this.key] = parse(text.slice(at, end));
          this.position = end;
          this.step = 'after-value';
          break;
        }
        case 'after-value':
          if (char !== ',' && char !== '}') throw new BackupFileError(t('backupNotJson'));
          this.position = at + 1;
          this.step = char === ',' ? 'key' : 'done';
          break;
        case 'paper': {
          if (char === ']' && this.firstPaper) {
            this.position = at + 1;
            this.step = 'after-value';
            break;
          }
          const end = this.valueEnd(text, at, atEnd);
          if (end < 0) return papers;
          papers.push(parse(text.slice(at, end)));
          this.firstPaper = false;
          this.position = end;
          this.step = 'after-paper';
          break;
        }
        case 'after-paper':
          if (char !== ',' && char !== ']') throw new BackupFileError(t('backupNotJson'));
          this.position = at + 1;
          this.step = char === ',' ? 'paper' : 'after-value';
          if (char === ',') this.firstPaper = false;
          break;
        case 'done':
          throw new BackupFileError(t('backupNotJson'));
      }
    }
  }

  /**
   * Where the JSON value starting at `start` ends (exclusive), or -1 when the text so far ends
   * inside it. Only its extent is found here; JSON.parse checks the value itself.
   */
  private valueEnd(text: string, start: number, atEnd: boolean): number {
    const end = scanValue(text, start);
    if (end >= 0) {
      if (end - start > MAX_VALUE_CHARS) throw new BackupFileError(tooLarge());
      return end;
    }
    if (text.length - start > MAX_VALUE_CHARS) throw new BackupFileError(tooLarge());
    if (atEnd) throw new BackupFileError(t('backupEndsEarly'));
    return -1;
  }
}

const tooLarge = (): string => t('backupValueTooLarge', MAX_VALUE_CHARS / 2 ** 20);

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's own text ("Unexpected token … at position 5") is for developers.
    throw new BackupFileError(t('backupNotJson'));
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The end (exclusive) of the JSON value at `start`, or -1 when `text` ends inside it. */
function scanValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 0x22 /* " */) return stringEnd(text, start);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) {
    // A number, true, false or null: up to the next delimiter.
    let at = start;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === 0x2c || code === 0x7d || code === 0x5d || isSpace(code)) return at;
      at++;
    }
    return -1;
  }
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      const end = stringEnd(text, at);
      if (end < 0) return -1;
      at = end;
      continue;
    }
    if (code === 0x7b || code === 0x5b) depth++;
    else if (code === 0x7d || code === 0x5d) {
      depth--;
      if (depth === 0) return at + 1;
    }
    at++;
  }
  return -1;
}

/** The end (exclusive) of the string whose opening quote is at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 0x5c /* \ */) at += 2;
    else if (code === 0x22) return at + 1;
    else at++;
  }
  return -1;
}
