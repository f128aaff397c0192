import { ADAPTERS } from '../lib/sites';
import type { SiteAdapter, SiteTestPages } from '../lib/sites/types';

/**
 * Each registered site's test pages: the `testPages` export of the module that exports its adapter
 * (lib/sites/<site>.ts). Found through the registry, so a new site's pages join every test that
 * reads them (mutation, field slots, e2e page kinds) without a line in those tests.
 */
const modules = import.meta.glob<Record<string, unknown>>('../lib/sites/*.ts', { eager: true });

export interface SitePages {
  adapter: SiteAdapter;
  pages: SiteTestPages;
}

/** Sites whose module exports no `testPages` (the conventions test names them). */
export const SITES_WITHOUT_TEST_PAGES: string[] = [];

export const SITE_PAGES: SitePages[] = ADAPTERS.flatMap((adapter) => {
  const module = Object.values(modules).find((exports) => Object.values(exports).includes(adapter));
  const pages = module?.testPages as SiteTestPages | undefined;
  if (!pages) {
    SITES_WITHOUT_TEST_PAGES.push(adapter.site);
    return [];
  }
  return [{ adapter, pages }];
});

/** Every page kind the registered sites' fixtures and captures name. */
export const PAGE_KINDS: string[] = [...new Set(SITE_PAGES.flatMap(({ pages }) => [...pages.fixtures, ...pages.captures].map((page) => page.kind)))];
