import { isCanonicalArxivId } from '../paper/arxiv-id';

/** arXiv's API user manual: ask for many ids at once, at most one request every 3 seconds, one connection. */
export const ARXIV_BATCH_SIZE = 100;
export const MIN_REQUEST_INTERVAL_MS = 3_000;

const ARXIV_QUERY = 'https://export.arxiv.org/api/query';
const HF_PAPERS = 'https://huggingface.co/api/papers/';

/**
 * The manifest's host permissions: exactly the two APIs above, nothing else (read by wxt.config.ts
 * and checked against the built manifest by test/e2e/built-manifest.test.ts).
 */
export const API_HOST_PERMISSIONS = ['https://export.arxiv.org/api/*', 'https://huggingface.co/api/papers/*'] as const;

/**
 * The query for a batch of canonical ids. Canonical ids hold only letters, digits, `.`, `-` and
 * `/`, all safe in a query string, so the commas stay literal as in arXiv's own examples.
 * `max_results` matches the batch: the default (10) would silently cut a larger one.
 */
export function arxivQueryUrl(ids: readonly string[]): string {
  for (const id of ids) if (!isCanonicalArxivId(id)) throw new RangeError(`not a canonical arXiv id: ${id}`);
  return `${ARXIV_QUERY}?id_list=${ids.join(',')}&max_results=${ids.length}`;
}

/** Hugging Face's paper API for one id. */
export function hfPaperUrl(id: string): string {
  if (!hfMayKnow(id)) throw new RangeError(`Hugging Face has no papers with old-style ids: ${id}`);
  return `${HF_PAPERS}${id}`;
}

/** Hugging Face's paper pages exist only for new-style ids (`2409.12345`), never for `hep-th/9901001`. */
export function hfMayKnow(id: string): boolean {
  return /^\d{4}\.\d{4,5}$/.test(id);
}
