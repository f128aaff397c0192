import { ADAPTERS } from '.';

/**
 * The pages Papershelf runs on, as manifest match patterns: every adapter's own. The content
 * script's manifest entry and the built-manifest test both read this list. Each adapter's
 * `matches()` then decides, per URL, which page kinds it reads (a `/list/…` pattern cannot say
 * "new, recent, pastweek or YYYY-MM", and client-side navigation changes the URL under the script).
 *
 * No host permissions: content-script matches are all the site access Papershelf needs.
 */
export const CONTENT_MATCHES: readonly string[] = ADAPTERS.flatMap((adapter) => adapter.matchPatterns);

