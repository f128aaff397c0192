import type { Table, Transaction } from 'dexie';
import { readPaperId } from '../paper/paper-id';
import { operationRow, SYNC_OPS, type OperationRow } from './operation-log';
import { buildSearchIndex } from './search-index';

/**
 * Schema v7's upgrade: every stored paper id becomes its PaperId (`2409.12345` → `arxiv:2409.12345`),
 * in `papers`, the enrichment queue and sync's operation log, and the search index is rebuilt
 * under the new ids.
 *
 * IndexedDB cannot change a record's primary key in place (Dexie's `modify()` refuses to), so each
 * record is deleted and put again under its new key. A library may hold a million records: they
 * are read in key order a batch at a time, never all at once, all inside the one upgrade
 * transaction (an interrupted upgrade leaves the library at v6, untouched).
 */
export const RETAG_BATCH = 2_000;

export async function tagPaperIds(tx: Transaction): Promise<void> {
  await retagKeyedById(tx.table('papers'));
  await retagKeyedById(tx.table('enrichment'));
  await retagOperations(tx.table(SYNC_OPS));
  // The index is not kept during upgrades (search-index.ts): built once, under the new ids.
  await buildSearchIndex(tx);
}

/**
 * A table keyed by `id`: each record whose id is a bare arXiv id moves to its PaperId. Tagged ids
 * (`arxiv:…`) sort between the bare ones (`2409.12345` < `arxiv:…` < `hep-th/…`), so the walk
 * reads the keys below that range, then those above it, and never meets a record it has moved.
 */
async function retagKeyedById(table: Table<{ id: string }, string>): Promise<void> {
  const TAGGED_FROM = 'arxiv:';
  const TAGGED_UNTIL = 'arxiv;'; // the next character after ':': every `arxiv:…` key is below it
  for (let after: string | undefined; ; ) {
    const batch = await (after === undefined ? table.where(':id').below(TAGGED_FROM) : table.where(':id').between(after, TAGGED_FROM, false, false)).limit(RETAG_BATCH).toArray();
    if (batch.length === 0) break;
    await moveToPaperIds(table, batch);
    after = batch[batch.length - 1]!.id;
  }
  for (let after: string | undefined; ; ) {
    const batch = await (after === undefined ? table.where(':id').aboveOrEqual(TAGGED_UNTIL) : table.where(':id').above(after)).limit(RETAG_BATCH).toArray();
    if (batch.length === 0) break;
    await moveToPaperIds(table, batch);
    after = batch[batch.length - 1]!.id;
  }
}

async function moveToPaperIds(table: Table<{ id: string }, string>, batch: ReadonlyArray<{ id: string }>): Promise<void> {
  const oldKeys: string[] = [];
  const moved: Array<{ id: string }> = [];
  for (const record of batch) {
    const id = readPaperId(record.id);
    // An id no version could have written is left as it is: validation refuses it wherever it is read.
    if (id === null || id === record.id) continue;
    oldKeys.push(record.id);
    moved.push({ ...record, id });
  }
  if (moved.length === 0) return;
  // Deleted first: the old record still holds its unique citation key.
  await table.bulkDelete(oldKeys);
  await table.bulkPut(moved);
}

/**
 * The operation log: a paper's operations name it in the row's key, its `target` and the
 * operation itself. Keys start with the operation's clock, so a moved row lands near where it was
 * and may be read again further on; it is then already tagged and left alone.
 */
async function retagOperations(table: Table<OperationRow, string>): Promise<void> {
  for (let after: string | undefined; ; ) {
    const batch = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(RETAG_BATCH).toArray();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.key;
    const old: string[] = [];
    const moved: OperationRow[] = [];
    for (const row of batch) {
      const { op } = row;
      if (op.kind === 'setting' || op.kind === 'rule') continue;
      const paper = readPaperId(op.paper);
      if (paper === null || paper === op.paper) continue;
      old.push(row.key);
      moved.push(operationRow({ ...op, paper }, row.pending === 1));
    }
    if (old.length === 0) continue;
    await table.bulkDelete(old);
    await table.bulkPut(moved);
  }
}
