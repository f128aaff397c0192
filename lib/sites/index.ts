import type { Site } from '../paper/model';
import { arxivAdapter } from './arxiv';
import { huggingfaceAdapter } from './huggingface';
import type { SiteAdapter } from './types';

/**
 * Every site Papershelf knows, one line each. Adding a site means its adapter module (name, URL
 * patterns, link, styles, test pages), its fixtures and its tests, and a line here; the content
 * script's matches, its stylesheet and the site tests' page lists are derived from this list.
 * Keyed by `Site` so that the compiler finds a site name without an adapter (lib/paper/sites.ts
 * keeps the names a record may hold: lib/paper cannot import this folder, which imports it).
 */
const BY_SITE = {
  huggingface: huggingfaceAdapter,
  arxiv: arxivAdapter,
} as const satisfies Record<Site, SiteAdapter>;

export const ADAPTERS: readonly SiteAdapter[] = Object.values(BY_SITE);

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.matches(url));
}
