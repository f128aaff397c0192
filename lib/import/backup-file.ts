import type { PaperRecord } from '../paper/model';
import { t } from '../i18n/t';
import { MAX_REPLACEMENT_CHARACTERS, notUtf8Reason } from './guard';
import { backupHeadProblem, checkBackupPaper, repeatedPaper } from './backup-schema';
import { BackupFileError, BackupStreamReader } from './backup-stream';

/**
 * A backup file of any size, read as a stream (./backup-stream.ts) twice: first every paper is
 * checked, and a file with one problem is refused whole, with its reason, before anything is
 * written; then the papers come again in batches for the caller to write. Neither pass holds more
 * than one batch of papers.
 */

/** The file's text in pieces, from its start, each time it is called (a File can be read again). */
export type TextSource = () => AsyncIterable<string>;

export interface BackupSummary {
  papers: number;
  exportedAt?: string;
  settings?: Record<string, unknown>;
  rules?: unknown[];
}

export type BackupCheck = { ok: true; summary: BackupSummary } | { ok: false; reason: string };

/**
 * Checks every paper of the backup: valid, and no id twice. Papershelf writes its backups in id
 * order, so a repeat is seen as an id not after the one before; only a file out of order (edited
 * by hand) is read a second time with every id kept, to tell which one repeats.
 */
export async function checkBackupFile(source: TextSource): Promise<BackupCheck> {
  let ordered = true;
  const first = await readPapers(source, (record, index, previous) => {
    if (previous !== undefined && record.id <= previous) ordered = false;
    return ordered;
  });
  if (!first.ok || ordered) return first;
  const seen = new Set<string>();
  return readPapers(source, (record, index) => {
    if (seen.has(record.id)) throw new BackupFileError(repeatedPaper(index, record.id));
    seen.add(record.id);
    return true;
  });
}

/**
 * The papers of a checked backup, `size` at a time, each batch awaited by `write` before more of
 * the file is read. Stops at the first problem (the file changed since it was checked).
 */
export async function readBackupBatches(source: TextSource, write: (records: PaperRecord[]) => Promise<void>, size: number): Promise<BackupCheck> {
  let batch: PaperRecord[] = [];
  return readPapers(
    source,
    (record) => {
      batch.push(record);
      return true;
    },
    async (final) => {
      while (batch.length >= size || (final && batch.length > 0)) {
        const next = batch.slice(0, size);
        batch = batch.slice(size);
        await write(next);
      }
    },
  );
}

/**
 * One pass over the file: each paper checked and handed to `take` (with the id before it);
 * `take` answering false stops the pass (the answer so far stands). `afterPiece` runs after each
 * piece of text, and once more at the end with `final` true.
 */
async function readPapers(
  source: TextSource,
  take: (record: PaperRecord, index: number, previous: string | undefined) => boolean,
  afterPiece: (final: boolean) => Promise<void> = async () => {},
): Promise<BackupCheck> {
  const reader = new BackupStreamReader();
  let index = 0;
  let previous: string | undefined;
  let replaced = 0;
  let headChecked = false;
  try {
    for await (const piece of source()) {
      replaced += replacementCharacters(piece);
      if (replaced > MAX_REPLACEMENT_CHARACTERS) return { ok: false, reason: notUtf8Reason() };
      const papers = reader.push(piece);
      if (papers.length > 0 && !headChecked) {
        // Papershelf writes the format and version before the papers: a file that is not a backup
        // is refused at its first paper instead of after reading all of it.
        const problem = 'format' in reader.head ? backupHeadProblem(reader.head) : undefined;
        if (problem) return { ok: false, reason: problem };
        headChecked = 'format' in reader.head;
      }
      for (const paper of papers) {
        const checked = checkBackupPaper(paper, index, undefined);
        if (!checked.ok) return checked;
        if (!take(checked.record, index, previous)) return { ok: true, summary: { papers: index } };
        previous = checked.record.id;
        index++;
      }
      await afterPiece(false);
    }
    const head = reader.finish();
    const problem = backupHeadProblem(head);
    if (problem) return { ok: false, reason: problem };
    if (!reader.hasPapers) return { ok: false, reason: t('backupNoPaperList') };

    await afterPiece(true);
    return { ok: true, summary: summaryOf(head, index) };
  } catch (error) {
    if (error instanceof BackupFileError) return { ok: false, reason: error.message };
    throw error;
  }
}

function summaryOf(head: Record<string, unknown>, papers: number): BackupSummary {
  const summary: BackupSummary = { papers };
  if (typeof head['exportedAt'] === 'string') summary.exportedAt = head['exportedAt'];
  const settings = head['settings'];
  if (typeof settings === 'object' && settings !== null && !Array.isArray(settings)) summary.settings = settings as Record<string, unknown>;
  if (Array.isArray(head['rules'])) summary.rules = head['rules'];
  return summary;
}

function replacementCharacters(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) count++;
  return count;
}
