/**
 * The pages Papershelf runs on. Used by the manifest (wxt.config.ts) and by the tests that check
 * the built manifest, so the list lives in exactly one place.
 *
 * `/papers*` covers the daily list (`/papers`, `/papers/date/YYYY-MM-DD`); later page kinds of the
 * same site are recognised by the adapter, not by extra match patterns.
 */
export const CONTENT_MATCHES = ['https://huggingface.co/papers*'] as const;
