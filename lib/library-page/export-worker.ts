// First, as in every entrypoint: no Zod parser compiled with `new Function` under the extension's CSP.
import '../zod-setup';
// Then where its words come from: the exporter's warnings are in words.
import '../i18n-english-setup';
import { ExportPageMessageSchema, type ExportWorkerMessage } from './export-protocol';
import { ExportOfGiven, exportSavedPapers } from './export-saved';

/**
 * The library page's BibTeX export, off its main thread: 50,000 saved papers take seconds to
 * write (and to read, when the page has not read them yet), and the page stays responsive
 * meanwhile (and can end this worker: Cancel). One request in, then the papers the page hands
 * over, if any; progress and one result out. The protocol is ./export-protocol.ts. One worker,
 * one export: anything out of turn ends it.
 */
type Post = (message: ExportWorkerMessage) => void;
const postNow: Post = (message) => (globalThis as unknown as { postMessage: Post }).postMessage(message);

/**
 * Progress at most this often: each step repaints the page's status line, and on a busy two-core
 * machine a page repainting for every chunk took the CPU the writing needed.
 */
const PROGRESS_EVERY_MS = 250;
let lastProgress = -Infinity;
let lastStep: string | undefined;
const post: Post = (message) => {
  if (message.type === 'progress') {
    const now = performance.now();
    // A new step is always told: the status line says what is being done.
    if (message.step === lastStep && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    lastStep = message.step;
  }
  postNow(message);
};

let asked = false;
let given: ExportOfGiven | undefined;
let refused = false;

const refuse = () => {
  refused = true;
  post({ type: 'failed', reason: 'failed' });
};

globalThis.addEventListener('message', (event: Event) => {
  if (refused) return;
  const message = ExportPageMessageSchema.safeParse((event as MessageEvent<unknown>).data);
  if (!message.success) return refuse();
  if (message.data.type === 'papers') {
    if (!given || !given.add(message.data.papers)) refuse();
    return;
  }
  if (asked) return refuse();
  asked = true;
  const request = message.data;
  if (request.given !== undefined) given = new ExportOfGiven(request.given, request.options, post);
  else exportSavedPapers(request, post, { factory: indexedDB, keyRange: IDBKeyRange }).catch(refuse);
});
