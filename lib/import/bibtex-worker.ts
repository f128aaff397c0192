// First, as in every entrypoint: no Zod parser compiled with `new Function` under the extension's CSP.
import '../zod-setup';
// Then where its words come from: a tag or an entry it refuses is explained in words.
import '../i18n-english-setup';
import { parseBibtexLibrary, type BibtexProgress } from './bibtex-import';
import { decodeBibtexBytes } from './guard';

/**
 * The library page reads .bib files here, off its main thread: a large or hostile file cannot
 * freeze the page, and the page ends this worker when it runs over its time budget
 * (lib/library-page/bibtex-reader.ts). One message in (the file's bytes), progress messages
 * and one result out; the protocol is ./bibtex-worker-protocol.ts.
 */
type Post = (message: unknown) => void;
const post: Post = (message) => (globalThis as unknown as { postMessage: Post }).postMessage(message);

/** Progress at most this often, and whenever a slow step starts (so the page can name it). */
const PROGRESS_EVERY_MS = 100;

globalThis.addEventListener('message', (event: Event) => {
  const bytes = (event as MessageEvent<unknown>).data;
  if (!(bytes instanceof ArrayBuffer)) return;
  const decoded = decodeBibtexBytes(bytes);
  if (!decoded.ok) {
    post({ type: 'done', result: decoded });
    return;
  }
  let last = 0;
  const result = parseBibtexLibrary(decoded.text, (progress: BibtexProgress) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS && !progress.current) return;
    last = now;
    post({ type: 'progress', ...progress });
  });
  post({ type: 'done', result });
});
