// First, as in every entrypoint: no Zod parser compiled with `new Function` under the extension's CSP.
import '../zod-setup';
// Then where its words come from: the exporter's warnings are in words.
import '../i18n-english-setup';
import { ExportRequestSchema, type ExportWorkerMessage } from './export-protocol';
import { exportSavedPapers } from './export-saved';

/**
 * The library page's BibTeX export, off its main thread: 50,000 saved papers take seconds to
 * read and write, and the page stays responsive meanwhile (and can end this worker: Cancel).
 * One request in, progress and one result out; the protocol is ./export-protocol.ts.
 */
type Post = (message: ExportWorkerMessage) => void;
const post: Post = (message) => (globalThis as unknown as { postMessage: Post }).postMessage(message);

globalThis.addEventListener('message', (event: Event) => {
  const request = ExportRequestSchema.safeParse((event as MessageEvent<unknown>).data);
  if (!request.success) {
    post({ type: 'failed', reason: 'failed' });
    return;
  }
  exportSavedPapers(request.data, post, { factory: indexedDB, keyRange: IDBKeyRange }).catch(() => post({ type: 'failed', reason: 'failed' }));
});
