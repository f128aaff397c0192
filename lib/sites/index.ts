import { arxivAdapter } from './arxiv';
import { huggingfaceAdapter } from './huggingface';
import type { SiteAdapter } from './types';

/** Every site Papershelf knows. Adding a site means one adapter here, its fixtures and its tests. */
export const ADAPTERS: readonly SiteAdapter[] = [huggingfaceAdapter, arxivAdapter];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.matches(url));
}
