import { XMLParser } from 'fast-xml-parser';
import type { RemoteEntry } from '../sync/remote-folder';

// Namespace prefixes differ by server (`D:`, `d:`, `lp1:`): drop them and read local names.
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'response' || name === 'propstat' });

interface PropStat {
  prop?: { resourcetype?: unknown; getcontentlength?: unknown };
  status?: string;
}

/**
 * The entries of a PROPFIND (Depth: 1) answer, without the folder itself. `folderPath` is the
 * folder's URL path, so each `href` (absolute or a full URL, percent-encoded) becomes a name.
 */
export function parseMultistatus(xml: string, folderPath: string): RemoteEntry[] {
  const document = parser.parse(xml) as { multistatus?: { response?: { href?: unknown; propstat?: PropStat[] }[] } };
  const folder = decodeURIComponent(folderPath).replace(/\/?$/, '/');
  const entries: RemoteEntry[] = [];
  for (const response of document.multistatus?.response ?? []) {
    if (typeof response.href !== 'string') continue;
    const path = decodeURIComponent(new URL(response.href, 'http://host.invalid').pathname);
    if (!path.startsWith(folder)) continue;
    const name = path.slice(folder.length).replace(/\/$/, '');
    if (name === '' || name.includes('/')) continue;
    const ok = (response.propstat ?? []).find((stat) => typeof stat.status !== 'string' || / 200 /.test(stat.status));
    const type = ok?.prop?.resourcetype;
    const isFolder = typeof type === 'object' && type !== null && 'collection' in type;
    const length = Number(ok?.prop?.getcontentlength);
    entries.push({ name, folder: isFolder || path.endsWith('/'), ...(Number.isFinite(length) && !isFolder ? { size: length } : {}) });
  }
  return entries;
}
