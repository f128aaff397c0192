import type { Table } from 'dexie';
import type { FetchSource } from '../metadata/fetched';
import { QueueEntrySchema, QueueMetaSchema, type QueueEntry, type QueueMeta, type QueueStore } from '../metadata/queue-store';
import type { PapershelfDatabase } from './database';

/** The settings-table row that holds the queue's meta (schema v3); the settings table keys rows by name. */
export const ENRICHMENT_META_KEY = 'enrichment-meta';

interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The enrichment queue's state in IndexedDB (table `enrichment`, schema v3), so that it survives
 * the service worker being stopped and the browser being restarted. Rows are checked on the way
 * out: a row this version cannot read is never due, but it is not deleted either.
 */
export class DexieQueueStore implements QueueStore {
  constructor(private readonly db: PapershelfDatabase) {}

  async due(now: number, limit: number, source: FetchSource): Promise<QueueEntry[]> {
    if (limit <= 0) return [];
    // The nextAttemptAt index gives "longest overdue first"; the source filter runs on those rows only.
    const rows = await this.db.enrichment
      .where('nextAttemptAt')
      .belowOrEqual(now)
      .filter((row) => row.source === source && QueueEntrySchema.safeParse(row).success)
      .limit(limit)
      .toArray();
    return rows;
  }

  async get(ids: readonly string[]): Promise<(QueueEntry | undefined)[]> {
    const rows = await this.db.enrichment.bulkGet([...ids]);
    return rows.map((row) => (row && QueueEntrySchema.safeParse(row).success ? row : undefined));
  }

  async put(entries: readonly QueueEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.enrichment.bulkPut(entries.map((entry) => QueueEntrySchema.parse(entry)));
  }

  async update(entries: readonly QueueEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => QueueEntrySchema.parse(entry));
    await this.db.transaction('rw', this.db.enrichment, async () => {
      const present = await this.db.enrichment.bulkGet(rows.map((row) => row.id));
      const still = rows.filter((_, index) => present[index] !== undefined);
      if (still.length > 0) await this.db.enrichment.bulkPut(still);
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.enrichment.bulkDelete([...ids]);
  }

  size(): Promise<number> {
    return this.db.enrichment.count();
  }

  async nextDueAt(): Promise<number | undefined> {
    return (await this.db.enrichment.orderBy('nextAttemptAt').first())?.nextAttemptAt;
  }

  async readMeta(): Promise<QueueMeta> {
    const row = await this.metaTable().get(ENRICHMENT_META_KEY);
    const parsed = QueueMetaSchema.safeParse(row?.value ?? {});
    return parsed.success ? parsed.data : {};
  }

  async writeMeta(meta: QueueMeta): Promise<void> {
    await this.metaTable().put({ key: ENRICHMENT_META_KEY, value: QueueMetaSchema.parse(meta) });
  }

  /** The settings table, typed for this row: it holds other rows (settings, rules) of other shapes. */
  private metaTable(): Table<MetaRow, string> {
    return this.db.table<MetaRow, string>('settings');
  }
}
