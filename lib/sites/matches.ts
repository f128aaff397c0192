/**
 * The pages Papershelf runs on, as manifest match patterns. The content script's manifest entry
 * and the built-manifest test both read this list, so it lives in exactly one place. Each adapter's
 * `matches()` then decides, per URL, which page kinds it reads (a `/list/…` pattern cannot say
 * "new, recent, pastweek or YYYY-MM", and client-side navigation changes the URL under the script).
 *
 * No host permissions: content-script matches are all the site access Papershelf needs. arXiv
 * answers on arxiv.org (www.arxiv.org redirects there), so only that host is listed.
 */
export const CONTENT_MATCHES = [
  // Hugging Face: every page, because the site navigates into its listings (daily, weekly,
  // monthly, trending, search, single paper pages) without a page load; on other pages the script
  // only compares addresses (lib/content/location-watch.ts). The install prompt is the same: a
  // browser names hosts, not paths.
  'https://huggingface.co/*',
  // arXiv listings: /list/<cat>/new, /recent, /pastweek, /YYYY-MM.
  'https://arxiv.org/list/*',
  // arXiv catch-up: /catchup/<cat>/<date> and /catchup?…
  'https://arxiv.org/catchup*',
  // arXiv search results: /search/?query=…, /search/advanced?…, /search/<archive>?…
  'https://arxiv.org/search*',
  // arXiv abstract pages: one paper.
  'https://arxiv.org/abs/*',
] as const;
