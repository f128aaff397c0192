import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../lib/sites';

/**
 * arXiv's other addresses, decided in the registry's terms (which adapter, if any, reads them):
 * - www.arxiv.org answers with a redirect to arxiv.org, so a reader's browser is on arxiv.org when
 *   the content script could run; the adapter still reads www URLs (a test or a saved page may
 *   carry them), and the manifest lists arxiv.org only;
 * - export.arxiv.org is arXiv's host for programs (its API, bulk harvesting), not for readers:
 *   its /abs and /list pages are not Papershelf's to change;
 * - /html/<id> is a paper's full text (LaTeXML), read rather than triaged; its abstract page
 *   (/abs/<id>) has the controls. No capture of it exists to test selectors against.
 * The end-to-end side (test/e2e/arxiv-hosts.test.ts) checks the same in Chromium at these URLs.
 */
describe('arXiv addresses beyond the listings', () => {
  it.each([
    ['https://www.arxiv.org/list/hep-th/new', 'arxiv'],
    ['https://www.arxiv.org/abs/2609.22268', 'arxiv'],
    ['https://arxiv.org/abs/2609.22268v2', 'arxiv'],
    ['https://export.arxiv.org/abs/2609.22268', undefined],
    ['https://export.arxiv.org/list/hep-th/new', undefined],
    ['https://export.arxiv.org/api/query?id_list=2609.22268', undefined],
    ['https://arxiv.org/html/2609.22268v1', undefined],
    ['https://arxiv.org/html/2609.22268', undefined],
    ['https://arxiv.org/pdf/2609.22268', undefined],
  ])('%s is read by %s', (url, site) => {
    expect(adapterFor(new URL(url))?.site).toBe(site);
  });
});
