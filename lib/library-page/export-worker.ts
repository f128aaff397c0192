// First, as in every entrypoint: no Zod parser compiled with `new Function` under the extension's CSP.
import '../zod-setup';
// Then where its words come from: the exporter's warnings are in words.
import '../i18n-english-setup';
import type { BibEntryInput } from '../bibtex';
import { isExportEntry } from './export-entry';
import { ExportPageMessageSchema, type ExportWorkerMessage } from './export-protocol';
import { exportSavedPapers } from './export-saved';

/**
 * The library page's BibTeX export, off its main thread: 50,000 saved papers take seconds to
 * write (and to read, when the page has not read them yet), and the page stays responsive
 * meanwhile (and can end this worker: Cancel). The papers handed over and one request in,
 * progress and one result out; the protocol is ./export-protocol.ts. One worker, one export.
 */
type Post = (message: ExportWorkerMessage) => void;
const post: Post = (message) => (globalThis as unknown as { postMessage: Post }).postMessage(message);

const given: BibEntryInput[] = [];
let refused = false;

globalThis.addEventListener('message', (event: Event) => {
  const message = ExportPageMessageSchema.safeParse((event as MessageEvent<unknown>).data);
  if (!message.success) refused = true;
  else if (message.data.type === 'papers') {
    for (const paper of message.data.papers) {
      if (isExportEntry(paper)) given.push(paper);
      else refused = true;
    }
  }
  if (refused) {
    post({ type: 'failed', reason: 'failed' });
    return;
  }
  if (message.data?.type !== 'export') return;
  exportSavedPapers(message.data, post, { factory: indexedDB, keyRange: IDBKeyRange }, message.data.given ? given : undefined).catch(() => post({ type: 'failed', reason: 'failed' }));
});
