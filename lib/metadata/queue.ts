import { canonicalArxivId } from '../paper/arxiv-id';
import { arxivIdOf, paperIdOf, readPaperId } from '../paper/paper-id';
import { parseArxivFeed } from './arxiv-feed';
import { BACKOFF_STEPS_MS, backoffDelay, jittered } from './backoff';
import type { FetchSource, FetchedPaper } from './fetched';
import { parseHfPaper } from './hf-paper';
import { RefusedResponseError, type Network, type NetworkResponse } from './network';
import type { QueueEntry, QueueMeta, QueueStore } from './queue-store';
import { ARXIV_BATCH_SIZE, arxivQueryUrl, hfMayKnow, hfPaperUrl, MIN_REQUEST_INTERVAL_MS } from './requests';
import { errorInWords } from '../text/problem-words';
import { t } from '../i18n/t';

/**
 * The enrichment scheduler: asks arXiv (then Hugging Face) for the metadata of queued papers,
 * politely, and survives the service worker being stopped at any moment.
 *
 * Everything it touches is injected (store, network, clock, randomness, how results are saved),
 * so the same code runs in the background and under fake time in tests. It holds no state worth
 * keeping in memory: entries and the time of the last request live in the store, so a new
 * instance after a restart continues where the old one stopped, without a burst of requests.
 *
 * Politeness (arXiv's API terms): up to 100 ids per request, at least 3 s between requests (to
 * either service), one request at a time, and a server's Retry-After is obeyed for all requests.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface QueueOptions {
  batchSize: number;
  minIntervalMs: number;
  /** Requests one run may send; the background runs again at `nextRunAt` (a service worker should not run for minutes). */
  maxRequestsPerRun: number;
  /** Consecutive failures on one source before moving on: arXiv → Hugging Face → stalled. */
  maxAttemptsPerSource: number;
  backoffStepsMs: readonly number[];
  /** How long a paper both services gave up on waits before arXiv is asked again. */
  stalledRetryMs: number;
  /** A longer Retry-After is cut to this: a broken header must not stop enrichment for weeks. */
  maxRetryAfterMs: number;
  /** When to try again after finding the browser offline (the `online` event may come sooner). */
  offlineRetryMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: Readonly<QueueOptions> = Object.freeze({
  batchSize: ARXIV_BATCH_SIZE,
  minIntervalMs: MIN_REQUEST_INTERVAL_MS,
  maxRequestsPerRun: 10,
  maxAttemptsPerSource: 6,
  backoffStepsMs: BACKOFF_STEPS_MS,
  stalledRetryMs: 24 * 3_600_000,
  maxRetryAfterMs: 24 * 3_600_000,
  offlineRetryMs: 60_000,
});

export interface EnrichmentQueueDeps {
  store: QueueStore;
  network: Network;
  clock: Clock;
  /** Saves fetched data into the library (one transaction per call). Throwing counts as a failed attempt. */
  applyResults(fetched: FetchedPaper[]): Promise<void>;
  /** The user's setting: when false, nothing touches the network (queued papers wait). */
  isEnabled(): Promise<boolean>;
  /**
   * Which of these papers still want looking up, checked right before each request: a paper the
   * user deleted or unsaved since it was queued leaves the queue instead of costing a request to
   * arXiv. Everything, when not given.
   */
  stillWanted?(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** In [0, 1), for back-off jitter; `Math.random` unless a test fixes it. */
  random?: () => number;
  options?: Partial<QueueOptions>;
}

/** Why a run ended. */
export type RunOutcome =
  | 'idle' // nothing is due
  | 'disabled' // the setting is off
  | 'budget' // maxRequestsPerRun reached while more was due
  | 'paused' // a server's Retry-After has not passed
  | 'offline' // the browser could not reach the server
  | 'server-trouble'; // 429, 5xx, throttling or a timeout: the rest waits for the next run

export interface RunReport {
  outcome: RunOutcome;
  /** HTTP requests sent in this run. */
  requests: number;
  /** Ids whose data was fetched and handed to applyResults. */
  enriched: string[];
  /** Ids whose attempt failed and that wait a back-off. */
  retrying: string[];
  /** Ids arXiv could not serve, now queued for Hugging Face. */
  movedToHf: string[];
  /** Ids both services gave up on; they wait a long back-off. */
  stalled: string[];
  /** Entries left in the queue. */
  remaining: number;
  /** When to run again (schedule an alarm then); undefined when the queue is empty or the setting off. */
  nextRunAt?: number;
  lastError?: string;
}

/** What one request's handling asks of the run. */
interface StepResult {
  stop?: Extract<RunOutcome, 'offline' | 'server-trouble'>;
  pauseUntil?: number;
}

export class EnrichmentQueue {
  private readonly store: QueueStore;
  private readonly network: Network;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly options: QueueOptions;
  /** The run in progress: a second runOnce joins it, so there is never a second connection. */
  private running: Promise<RunReport> | undefined;

  constructor(private readonly deps: EnrichmentQueueDeps) {
    this.store = deps.store;
    this.network = deps.network;
    this.clock = deps.clock;
    this.random = deps.random ?? Math.random;
    this.options = { ...DEFAULT_QUEUE_OPTIONS, ...deps.options };
  }

  /**
   * Queues papers for enrichment (PaperIds; bare arXiv ids are read as theirs; ids of papers the
   * services cannot know, and invalid ones, are ignored). A paper already
   * queued keeps its place and back-off: saving it again must not hammer a failing server.
   * Returns the ids newly queued.
   */
  async enqueue(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids.map(queueableId).filter((id): id is string => id !== null))];
    if (unique.length === 0) return [];
    const existing = await this.store.get(unique);
    const now = this.clock.now();
    const fresh: QueueEntry[] = unique
      .filter((_, index) => existing[index] === undefined)
      .map((id) => ({ id, addedAt: now, attempts: 0, nextAttemptAt: now, source: 'arxiv-api' }));
    if (fresh.length > 0) await this.store.put(fresh);
    return fresh.map((entry) => entry.id);
  }

  /** The user asked to try again now: queued papers start over with arXiv, due at once. */
  async retry(ids: readonly string[]): Promise<void> {
    const now = this.clock.now();
    const entries = (await this.store.get(ids)).filter((entry): entry is QueueEntry => entry !== undefined);
    await this.store.update(entries.map(({ id, addedAt }) => ({ id, addedAt, attempts: 0, nextAttemptAt: now, source: 'arxiv-api' })));
  }

  /** Drops papers from the queue (they were deleted from the library). */
  async remove(ids: readonly string[]): Promise<void> {
    await this.store.remove(ids);
  }

  /** The queue entries of these papers, for the UI ("fetching…", "stalled since …"). */
  async entries(ids: readonly string[]): Promise<(QueueEntry | undefined)[]> {
    return this.store.get(ids);
  }

  async size(): Promise<number> {
    return this.store.size();
  }

  /**
   * Sends the requests that are due, one at a time and spaced out, up to `maxRequestsPerRun`,
   * and saves what they bring. Call it on an alarm, after enqueueing, and when the browser comes
   * back online. A call while a run is in progress returns that run's report.
   */
  runOnce(): Promise<RunReport> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<RunReport> {
    const report: RunReport = { outcome: 'idle', requests: 0, enriched: [], retrying: [], movedToHf: [], stalled: [], remaining: 0 };
    if (!(await this.deps.isEnabled())) return this.finish(report, 'disabled', {});
    let meta = await this.store.readMeta();
    for (;;) {
      const now = this.clock.now();
      if (meta.pausedUntil !== undefined && meta.pausedUntil > now) return this.finish(report, 'paused', meta);
      const work = await this.nextWork(now);
      if (!work) return this.finish(report, 'idle', meta);
      if (report.requests >= this.options.maxRequestsPerRun) return this.finish(report, 'budget', meta);

      const wait = this.waitBeforeRequest(meta.lastRequestAt, now);
      if (wait > 0) await this.clock.sleep(wait);
      // The user may have turned enrichment off while we waited.
      if (!(await this.deps.isEnabled())) return this.finish(report, 'disabled', meta);
      // Written before the request goes out: if the worker dies mid-request, the next one still waits.
      meta = { lastRequestAt: this.clock.now() };
      await this.store.writeMeta(meta);
      report.requests++;

      const step = work.source === 'arxiv-api' ? await this.askArxiv(work.entries, report) : await this.askHf(work.entries[0]!, report);
      if (step.pauseUntil !== undefined) {
        meta = { ...meta, pausedUntil: step.pauseUntil };
        await this.store.writeMeta(meta);
      }
      if (step.stop) return this.finish(report, step.stop, meta);
    }
  }

  /** arXiv's batch first (its data is better), else one Hugging Face paper; only papers still wanted. */
  private async nextWork(now: number): Promise<{ source: FetchSource; entries: QueueEntry[] } | undefined> {
    // Each pass either answers or removes at least one entry, so this ends.
    for (;;) {
      const due = await this.due(now);
      if (!due || !this.deps.stillWanted) return due;
      const wanted = await this.deps.stillWanted(due.entries.map((entry) => entry.id));
      const gone = due.entries.filter((entry) => !wanted.has(entry.id)).map((entry) => entry.id);
      if (gone.length === 0) return due;
      // Removed, then read again: the batch fills up with the next due papers.
      await this.store.remove(gone);
    }
  }

  private async due(now: number): Promise<{ source: FetchSource; entries: QueueEntry[] } | undefined> {
    const arxiv = await this.store.due(now, this.options.batchSize, 'arxiv-api');
    if (arxiv.length > 0) return { source: 'arxiv-api', entries: arxiv };
    const hf = await this.store.due(now, 1, 'hf-api');
    return hf.length > 0 ? { source: 'hf-api', entries: hf } : undefined;
  }

  /** How long to wait so requests are `minIntervalMs` apart. A last request "in the future" (the clock was set back) waits one interval. */
  private waitBeforeRequest(lastRequestAt: number | undefined, now: number): number {
    if (lastRequestAt === undefined) return 0;
    const elapsed = now - lastRequestAt;
    if (elapsed < 0) return this.options.minIntervalMs;
    return Math.max(0, this.options.minIntervalMs - elapsed);
  }

  private async askArxiv(entries: QueueEntry[], report: RunReport): Promise<StepResult> {
    let response: NetworkResponse;
    try {
      response = await this.network.fetchText(arxivQueryUrl(entries.map(arxivIdOfEntry)));
    } catch (error) {
      return this.unreachable(entries, error, report);
    }
    if (isServerTrouble(response.status)) return this.serverTrouble(entries, response, t('metadataArxivAnsweredHttp', response.status), report);

    const feed = parseArxivFeed(response.text);
    if (!feed.ok) {
      if (feed.throttled) return this.serverTrouble(entries, response, feed.reason, report);
      // An error naming one id (a format arXiv refuses) must not hold back the rest of the batch,
      // which stays due and goes out in the next request.
      const named = feed.arxivError ? entries.filter((entry) => mentionsId(feed.reason, arxivIdOfEntry(entry))) : [];
      if (named.length > 0) await this.leaveArxiv(named, feed.reason, report);
      else await this.failed(entries, isSuccess(response.status) ? feed.reason : t('metadataArxivAnsweredHttpBecause', response.status, feed.reason), report);
      return {};
    }
    if (!isSuccess(response.status)) {
      await this.failed(entries, t('metadataArxivAnsweredHttp', response.status), report);
      return {};
    }

    // arXiv answers about arXiv ids; the library takes them under the entries' PaperIds.
    const asked = new Map(entries.map((entry) => [arxivIdOfEntry(entry), entry.id]));
    const papers = feed.papers.flatMap((paper) => {
      const id = asked.get(paper.id);
      return id === undefined ? [] : [{ ...paper, id }];
    });
    if (papers.length > 0 && !(await this.save(papers, entries, report))) return {};
    const served = new Set(papers.map((paper) => paper.id));
    const unserved = entries.filter((entry) => !served.has(entry.id));
    if (unserved.length > 0) await this.leaveArxiv(unserved, t('metadataArxivHasNoData'), report);
    return {};
  }

  private async askHf(entry: QueueEntry, report: RunReport): Promise<StepResult> {
    let response: NetworkResponse;
    try {
      response = await this.network.fetchText(hfPaperUrl(arxivIdOfEntry(entry)));
    } catch (error) {
      return this.unreachable([entry], error, report);
    }
    if (isServerTrouble(response.status)) return this.serverTrouble([entry], response, t('metadataHuggingFaceAnsweredHttp', response.status), report);
    if (response.status === 404) {
      await this.stall([entry], t('metadataNoServiceHasData'), report);
      return {};
    }
    if (!isSuccess(response.status)) {
      await this.failed([entry], t('metadataHuggingFaceAnsweredHttp', response.status), report);
      return {};
    }
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      await this.failed([entry], t('metadataHuggingFaceMalformedJson'), report);
      return {};
    }
    const parsed = parseHfPaper(json);
    if (!parsed.ok || parsed.paper.id !== arxivIdOfEntry(entry)) {
      await this.failed([entry], parsed.ok ? t('metadataHuggingFaceAnsweredAbout', parsed.paper.id) : parsed.reason, report);
      return {};
    }
    await this.save([{ ...parsed.paper, id: entry.id }], [entry], report);
    return {};
  }

  /** Hands papers to the library, then drops them from the queue. False (and a back-off) when saving failed. */
  private async save(papers: FetchedPaper[], entries: QueueEntry[], report: RunReport): Promise<boolean> {
    try {
      await this.deps.applyResults(papers);
    } catch (error) {
      // Nothing was written (the library's transaction rolled back): fetch again later.
      await this.failed(entries, t('metadataCouldNotSave', errorInWords(error, t('metadataLibraryCouldNotStore'))), report);
      return false;
    }
    const ids = papers.map((paper) => paper.id);
    await this.store.remove(ids);
    report.enriched.push(...ids);
    return true;
  }

  /** No answer at all. Offline (`TypeError`) costs no attempt: nothing is wrong with the papers. */
  private async unreachable(entries: QueueEntry[], error: unknown, report: RunReport): Promise<StepResult> {
    if (error instanceof TypeError) {
      report.lastError = t('metadataNetworkUnreachable');
      return { stop: 'offline' };
    }
    await this.failed(entries, describe(error), report);
    return { stop: 'server-trouble' };
  }

  /** 429, 5xx or throttling: back off these papers, obey Retry-After for every request, end the run. */
  private async serverTrouble(entries: QueueEntry[], response: NetworkResponse, reason: string, report: RunReport): Promise<StepResult> {
    const retryAfterMs = response.retryAfter === undefined ? undefined : Math.min(response.retryAfter * 1000, this.options.maxRetryAfterMs);
    await this.failed(entries, reason, report, retryAfterMs ?? 0);
    return retryAfterMs === undefined ? { stop: 'server-trouble' } : { stop: 'server-trouble', pauseUntil: this.clock.now() + retryAfterMs };
  }

  /**
   * One more failure for each entry: back off, or after `maxAttemptsPerSource` failures move on
   * (arXiv → Hugging Face → stalled). Never dropped: the paper stays queued whatever happens.
   */
  private async failed(entries: QueueEntry[], reason: string, report: RunReport, minDelayMs = 0): Promise<void> {
    const now = this.clock.now();
    const lastError = truncate(reason);
    const updated: QueueEntry[] = [];
    const exhausted: QueueEntry[] = [];
    for (const entry of entries) {
      const attempts = entry.attempts + 1;
      if (attempts >= this.options.maxAttemptsPerSource) {
        exhausted.push({ ...entry, lastError });
        continue;
      }
      const delay = Math.max(backoffDelay(attempts, this.random, this.options.backoffStepsMs), minDelayMs);
      updated.push({ ...entry, attempts, nextAttemptAt: now + delay, lastError });
      report.retrying.push(entry.id);
    }
    report.lastError = lastError;
    if (updated.length > 0) await this.store.update(updated);
    const fromArxiv = exhausted.filter((entry) => entry.source === 'arxiv-api');
    if (fromArxiv.length > 0) await this.leaveArxiv(fromArxiv, reason, report, Math.max(backoffDelay(1, this.random, this.options.backoffStepsMs), minDelayMs));
    const fromHf = exhausted.filter((entry) => entry.source === 'hf-api');
    if (fromHf.length > 0) await this.stall(fromHf, reason, report);
  }

  /** arXiv cannot serve these: Hugging Face is asked next (after `delayMs`), if it can know them at all. */
  private async leaveArxiv(entries: QueueEntry[], reason: string, report: RunReport, delayMs = 0): Promise<void> {
    const now = this.clock.now();
    const lastError = truncate(reason);
    const toHf = entries.filter((entry) => hfMayKnow(arxivIdOfEntry(entry)));
    if (toHf.length > 0) {
      await this.store.update(toHf.map((entry) => ({ ...entry, source: 'hf-api' as const, attempts: 0, nextAttemptAt: now + delayMs, lastError })));
      report.movedToHf.push(...toHf.map((entry) => entry.id));
    }
    const nowhere = entries.filter((entry) => !hfMayKnow(arxivIdOfEntry(entry)));
    if (nowhere.length > 0) await this.stall(nowhere, reason, report);
  }

  /** Both services gave up: wait long, then start over with arXiv. The entry stays, so the UI can show it. */
  private async stall(entries: QueueEntry[], reason: string, report: RunReport): Promise<void> {
    const now = this.clock.now();
    const lastError = truncate(reason);
    await this.store.update(
      entries.map((entry) => ({
        ...entry,
        source: 'arxiv-api' as const,
        attempts: 0,
        nextAttemptAt: now + jittered(this.options.stalledRetryMs, this.random),
        lastError,
        stalledAt: entry.stalledAt ?? now,
      })),
    );
    report.stalled.push(...entries.map((entry) => entry.id));
    report.lastError = lastError;
  }

  private async finish(report: RunReport, outcome: RunOutcome, meta: QueueMeta): Promise<RunReport> {
    report.outcome = outcome;
    report.remaining = await this.store.size();
    if (outcome === 'disabled' || report.remaining === 0) return report;
    const now = this.clock.now();
    if (outcome === 'offline') {
      report.nextRunAt = now + this.options.offlineRetryMs;
      return report;
    }
    const due = (await this.store.nextDueAt()) ?? now;
    const spaced = meta.lastRequestAt === undefined ? now : meta.lastRequestAt + this.options.minIntervalMs;
    report.nextRunAt = Math.max(due, spaced, meta.pausedUntil ?? 0, now);
    return report;
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function isServerTrouble(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `message` names `id` as a whole token (`2409.1234` is not named by `2409.12345`). */
/** The PaperId of a paper the services can be asked about: an arXiv paper, its id in any form arXiv writes (`arXiv:2409.12345v2`). */
function queueableId(id: string): string | null {
  const paperId = readPaperId(id);
  if (paperId !== null) return arxivIdOf(paperId) === null ? null : paperId;
  const arxiv = canonicalArxivId(id);
  return arxiv === null ? null : paperIdOf('arxiv', arxiv);
}

/** The arXiv id the services know a queued paper by (only papers with one are queued, see `enqueue`). */
function arxivIdOfEntry(entry: QueueEntry): string {
  return arxivIdOf(entry.id) ?? '';
}

function mentionsId(message: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`(?<![\\w./-])${escaped}(?![\\w/-]|\\.\\d)`).test(message);
}

/** Shown in the library's Metadata section: a refusal's own words, else what failed, never exception text. */
function describe(error: unknown): string {
  if (error instanceof RefusedResponseError) return error.message;
  return errorInWords(error, t('metadataRequestFailed'));
}

function truncate(text: string): string {
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
