/**
 * Metadata enrichment: fills what listing pages leave out (every author, the v1 date, the primary
 * category, publication data) from arXiv's API, with Hugging Face's paper API as the fallback.
 * Pure parsers and rules plus a scheduler over injected store, network and clock; no browser APIs
 * beyond `fetch` in fetchNetwork, no Dexie (that store is lib/db/enrichment-store.ts).
 */
export { applyFetched, applyFetchedToRecords, isProtected, type ApplyResult } from './apply';
export { parseArxivFeed, type ArxivFeedResult } from './arxiv-feed';
export { BACKOFF_STEPS_MS, backoffDelay } from './backoff';
export { isComplete, missingFields, type MissingField } from './completeness';
export { FetchedPaperSchema, FetchSourceSchema, type FetchedPaper, type FetchSource } from './fetched';
export { parseHfPaper, type HfPaperResult } from './hf-paper';
export { fetchNetwork, parseRetryAfter, type FetchNetworkOptions, type Network, type NetworkResponse } from './network';
export {
  DEFAULT_QUEUE_OPTIONS,
  EnrichmentQueue,
  type Clock,
  type EnrichmentQueueDeps,
  type QueueOptions,
  type RunOutcome,
  type RunReport,
} from './queue';
export { QueueEntrySchema, QueueMetaSchema, type QueueEntry, type QueueMeta, type QueueStore } from './queue-store';
export { ARXIV_BATCH_SIZE, arxivQueryUrl, hfPaperUrl, MIN_REQUEST_INTERVAL_MS } from './requests';
export { venueFromJournalRef } from './venue';
