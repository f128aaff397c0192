import type { PaperRecord } from '../paper/model';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup-schema';

/**
 * The text of a backup file in pieces, one per batch of papers, for a library too large to hold as
 * one array or one string (the page turns each piece into a Blob part as it comes). A piece is the
 * batch's papers' texts, one string each, not joined: joining made a second copy of every batch,
 * megabytes at a time, for the garbage collector to find (backing up 100,000 papers, the page's
 * heap peaked at 239 MB twice with joined batches, at 212 and 222 MB without). The text is the very one
 * `serializeBackup` writes for the same papers, so every reader of backups reads it and a small
 * backup comes out byte for byte as before.
 */
export async function* backupPieces(
  papers: AsyncIterable<readonly PaperRecord[]>,
  exportedAt: number,
  extra: { settings?: Record<string, unknown>; rules?: unknown[] } = {},
): AsyncGenerator<string[]> {
  yield [`{\n  "format": ${JSON.stringify(BACKUP_FORMAT)},\n  "version": ${BACKUP_VERSION},\n  "exportedAt": ${JSON.stringify(new Date(exportedAt).toISOString())},\n  "papers": [`];
  let any = false;
  for await (const batch of papers) {
    if (batch.length === 0) continue;
    const lines: string[] = [];
    for (const paper of batch) {
      lines.push(`${any ? ',' : ''}\n    ${indented(paper, '    ')}`);
      any = true;
    }
    yield lines;
  }
  let tail = any ? '\n  ]' : ']';
  if (extra.settings) tail += `,\n  "settings": ${indented(extra.settings, '  ')}`;
  if (extra.rules) tail += `,\n  "rules": ${indented(extra.rules, '  ')}`;
  yield [`${tail}\n}\n`];
}

/** `value` as JSON.stringify(…, null, 2) writes it at this depth (JSON strings hold no raw newline). */
function indented(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}
