import { browser } from 'wxt/browser';
import type { PapershelfDatabase } from '../db/database';
import { DexieQueueStore } from '../db/enrichment-store';
import type { PaperRepository } from '../db/repository';
import { missingFields } from '../metadata/completeness';
import { fetchNetwork, type Network } from '../metadata/network';
import { EnrichmentQueue, type RunReport } from '../metadata/queue';
import { ENRICHMENT_STATUS_KEY, EnrichmentStatusSchema, type EnrichmentStatus } from '../metadata/status';
import { errorInWords } from '../text/problem-words';
import { t } from '../i18n/t';

/** The alarm that wakes the background for the queue's next due request. */
const ALARM = 'papershelf:enrichment';
/** Chromium fires alarms at most this soon for a packed extension; an earlier wish waits this long. */
const MIN_ALARM_DELAY_MS = 30_000;

export interface EnrichmentService {
  /** Queues the saved papers among `ids` that lack metadata, and runs the queue. */
  consider(ids: readonly string[]): Promise<void>;
  /** The user asked: look these papers up again now, complete or not. */
  refresh(ids: readonly string[]): Promise<void>;
  /** Runs what is due (settings changed, the browser came online, an alarm). */
  kick(): Promise<RunReport | undefined>;
}

/**
 * Metadata enrichment in the background service worker: one queue per worker, run after a save,
 * on its alarm, when the browser comes back online and when the worker starts. The queue itself
 * (lib/metadata/queue.ts) keeps everything that matters in IndexedDB, so a worker stopped in the
 * middle of a run loses nothing and the next one waits out the rate limit.
 */
export function startEnrichment(db: PapershelfDatabase, repo: PaperRepository, network: Network = fetchNetwork()): EnrichmentService {
  const queue = new EnrichmentQueue({
    store: new DexieQueueStore(db),
    network,
    clock: { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    isEnabled: async () => (await repo.getSettings()).metadataLookups,
    applyResults: async (fetched) => void (await repo.applyFetched(fetched)),
    // Deleted or unsaved since queued (a delete, an unsave, a restore that replaced the library).
    stillWanted: async (ids) => new Set((await db.papers.bulkGet([...ids])).flatMap((record) => (record?.savedAt !== undefined ? [record.id] : []))),
    // Offline fails at once and costs nothing: look again soon (the `online` event may come first).
    options: { offlineRetryMs: MIN_ALARM_DELAY_MS },
  });

  const remember = (status: EnrichmentStatus) => db.settings.put({ key: ENRICHMENT_STATUS_KEY, value: EnrichmentStatusSchema.parse(status) });

  const kick = async (): Promise<RunReport | undefined> => {
    try {
      // A wake-up first: Firefox unloads an idle event page, and Chromium stops its service worker,
      // possibly in the middle of a run; without an alarm set, nothing would ever resume the queue.
      await browser.alarms.create(ALARM, { when: Date.now() + MIN_ALARM_DELAY_MS });
      const report = await queue.runOnce();
      if (report.nextRunAt !== undefined) {
        await browser.alarms.create(ALARM, { when: Math.max(report.nextRunAt, Date.now() + 1_000) });
      } else await browser.alarms.clear(ALARM);
      await remember({ outcome: report.outcome, at: Date.now(), nextRunAt: report.nextRunAt, lastError: report.lastError?.slice(0, 500) });
      return report;
    } catch (error) {
      // The queue keeps its entries: the next alarm, save or start tries again.
      const next = Date.now() + MIN_ALARM_DELAY_MS;
      await browser.alarms.create(ALARM, { when: next });
      await remember({ outcome: 'failed', at: Date.now(), nextRunAt: next, lastError: errorInWords(error, t('metadataLookUpStopped')) }).catch(() => undefined);
      return undefined;
    }
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void kick();
  });
  globalThis.addEventListener?.('online', () => void kick());
  void kick();

  return {
    async consider(ids) {
      const records = await db.papers.bulkGet([...ids]);
      const incomplete = records.filter((record) => record?.savedAt !== undefined && missingFields(record).length > 0).map((record) => record!.id);
      if (incomplete.length === 0) return;
      await queue.enqueue(incomplete);
      void kick();
    },
    async refresh(ids) {
      await queue.enqueue(ids);
      await queue.retry(ids);
      void kick();
    },
    kick,
  };
}
