import { RepositoryError, type LibraryEdit, type PaperRepository } from '../db/repository';
import {
  ContentRequestSchema,
  UiRequestSchema,
  type DeleteResult,
  type EditResult,
  type PageContext,
  type Reply,
  type ReplaceResult,
  type RestoreResult,
  type StateMap,
  type UiReply,
} from './protocol';

/** The parts of `runtime.MessageSender` we judge a message by. */
export interface SenderInfo {
  id?: string | undefined;
  tab?: unknown;
  url?: string | undefined;
}

/**
 * Only our own content scripts may ask: the message must come from this extension (`sender.id`)
 * and from a tab (a content script), never from a web page (nothing is externally connectable).
 */
export function isOwnContentScript(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && sender.tab !== undefined && !isExtensionUrl(sender.url, extensionOrigin);
}

/** A page of this extension (popup, library), wherever it is shown (in a tab or as the popup). */
export function isOwnExtensionPage(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && isExtensionUrl(sender.url, extensionOrigin);
}

/** `extensionOrigin` is `runtime.getURL('/')`, e.g. `chrome-extension://<id>/`. */
function isExtensionUrl(url: string | undefined, extensionOrigin: string): boolean {
  return url !== undefined && extensionOrigin.length > 0 && url.startsWith(extensionOrigin);
}

/** What the background runs besides the repository, for the requests that need it. */
export interface UiServices {
  /** Queues these papers for a metadata look-up now (lib/background/metadata-service.ts). */
  refreshMetadata?(ids: readonly string[]): Promise<void>;
}

/** Runs a request from one of the extension's own pages. Never throws. */
export async function handleUiRequest(repo: PaperRepository, raw: unknown, services: UiServices = {}): Promise<UiReply> {
  const parsed = UiRequestSchema.safeParse(raw);
  if (!parsed.success) {
    // Our own pages sent it: say where it is wrong, so the page (and its user) can tell what to fix.
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'unknown problem';
    return { ok: false, error: `Papershelf rejected a malformed request (${where}).` };
  }
  const request = parsed.data;
  try {
    switch (request.type) {
      case 'ui:saveSettings':
        await repo.saveSettings(request.settings);
        return { ok: true };
      case 'ui:saveRules':
        await repo.saveRules(request.rules);
        return { ok: true };
      case 'ui:refreshMetadata':
        if (!services.refreshMetadata) return { ok: false, error: 'Metadata look-ups are not available here.' };
        await services.refreshMetadata(request.ids);
        return { ok: true };
      case 'ui:setCitationKey':
        await repo.setCitationKey(request.id, request.key);
        return { ok: true };
      case 'ui:import':
        return { ok: true, result: await repo.importPapers(request.papers, request.mode) };
      case 'ui:replaceLibrary':
        return { ok: true, result: (await repo.replaceLibrary(request)) satisfies ReplaceResult };
      case 'ui:setTags':
        return edited(await repo.setTagsOf(request.id, request.tags));
      case 'ui:setNote':
        return edited(await repo.setNote(request.id, request.note));
      case 'ui:bulkTags':
        return edited(await repo.bulkTags(request.ids, request.add, request.remove));
      case 'ui:renameTag':
        return edited(await repo.renameTag(request.from, request.to));
      case 'ui:deleteTag':
        return edited(await repo.deleteTag(request.tag));
      case 'ui:unsave':
        return edited(await repo.unsaveMany(request.ids));
      case 'ui:unhide':
        return edited(await repo.unhideMany(request.ids));
      case 'ui:deletePapers': {
        const edit = await repo.deletePapers(request.ids);
        return withStates({ ok: true, result: { deleted: edit.previous } satisfies DeleteResult }, edit);
      }
      case 'ui:restorePapers': {
        const edit = await repo.restorePapers(request.papers);
        return withStates({ ok: true, result: { restored: request.papers.length } satisfies RestoreResult }, edit);
      }
      case 'ui:editMetadata':
        return edited(await repo.editMetadata(request.id, { title: request.title, authors: request.authors, publishedAt: request.publishedAt }));
    }
  } catch (error) {
    return { ok: false, error: describeStorageError(error) };
  }
}

/** The reply to a library edit: how many papers changed and how they were (EditResultSchema). */
function edited(edit: LibraryEdit): UiReply {
  return withStates({ ok: true, result: { changed: edit.previous.length, previous: edit.previous } satisfies EditResult }, edit);
}

/** Adds the edit's new states, when it changed any, for the background to broadcast. */
function withStates(reply: Extract<UiReply, { ok: true }>, edit: LibraryEdit): UiReply {
  return Object.keys(edit.states).length > 0 ? { ...reply, states: edit.states } : reply;
}

/**
 * What the page that asked gets: the reply without `states`, which are for the listing tabs (the
 * background broadcasts them) and would only make a large edit's answer larger.
 */
export function replyForPage(reply: UiReply): UiReply {
  if (!reply.ok || reply.states === undefined) return reply;
  const { states: _forTabs, ...rest } = reply;
  return rest;
}

/**
 * Validates a request and runs it against the repository. Never throws: every failure becomes an
 * error reply in words, and a malformed request writes nothing.
 */
export async function handleContentRequest(repo: PaperRepository, raw: unknown): Promise<Reply> {
  const parsed = ContentRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'Papershelf rejected a malformed request.' };
  const request = parsed.data;
  try {
    switch (request.type) {
      case 'content:getStates': {
        const started = performance.now();
        const states = knownOnly(await repo.getStates(request.ids));
        // A listing's one question for all its cards: its time in the background (benchmarks).
        performance.measure('papershelf:getStates', { start: started, detail: { ids: request.ids.length } });
        return { ok: true, states };
      }
      case 'content:save':
        return { ok: true, states: await repo.save(request.paper) };
      case 'content:unsave':
        return { ok: true, states: await repo.unsave(request.id) };
      case 'content:setTags':
        return { ok: true, states: await repo.setTags(request.paper, request.tags, request.base) };
      case 'content:hide':
        return { ok: true, states: await repo.hide(request.paper) };
      case 'content:unhide':
        return { ok: true, states: await repo.unhide(request.id) };
      case 'content:getPageContext':
        return { ok: true, states: {}, context: await pageContext(repo) };
      case 'content:getTagCounts':
        return { ok: true, states: {}, tagCounts: await repo.tagCounts() };
    }
  } catch (error) {
    return { ok: false, error: describeStorageError(error) };
  }
}

/**
 * A listing asks about every card it shows, and most papers are not in the library: the reply
 * carries only the papers the library has something on, and the tab takes the rest as empty. On a
 * 2000-entry page that keeps the reply (and its validation in the tab) small.
 */
function knownOnly(states: StateMap): StateMap {
  const known: StateMap = {};
  for (const [id, state] of Object.entries(states)) {
    if (state.saved || state.hidden || state.tags.length > 0) known[id] = state;
  }
  return known;
}

/** What every listing page applies besides the states: the rules and the keymap setting. */
export async function pageContext(repo: PaperRepository): Promise<PageContext> {
  const [rules, settings] = await Promise.all([repo.getRules(), repo.getSettings()]);
  return { rules, keyboardShortcuts: settings.keyboardShortcuts };
}

const READ_ONLY_CONTENT_REQUESTS: ReadonlySet<string> = new Set(['content:getStates', 'content:getPageContext', 'content:getTagCounts']);

/** True for requests that change the library, whose results every open tab should see. */
export function isMutation(raw: unknown): boolean {
  const parsed = ContentRequestSchema.safeParse(raw);
  return parsed.success && !READ_ONLY_CONTENT_REQUESTS.has(parsed.data.type);
}

/** What the background does after an extension-page request succeeded, besides pushing its states. */
export interface UiFollowUp {
  /** Rules or settings changed: listing pages re-read their context (and look-ups may be on now). */
  pageContext: boolean;
  /** An import, which a list of states cannot describe (a restore may replace the library): listing pages ask again. */
  libraryChanged: boolean;
  /**
   * Papers the metadata queue should consider: those an import brings, and those an Undo brought
   * back (`ui:restorePapers`; a deleted or unsaved paper had left the queue).
   */
  reconsider: string[];
}

/** The follow-up of an extension-page request, from one parse of it (a restore may carry 2,000 records). */
export function uiFollowUp(raw: unknown): UiFollowUp {
  const parsed = UiRequestSchema.safeParse(raw);
  const type = parsed.success ? parsed.data.type : undefined;
  const reconsider = !parsed.success
    ? []
    : parsed.data.type === 'ui:import'
      ? parsed.data.papers.map((paper) => paper.metadata.id)
      : parsed.data.type === 'ui:replaceLibrary'
        ? parsed.data.papers.map((paper) => paper.metadata.id)
        : parsed.data.type === 'ui:restorePapers'
          ? parsed.data.papers.map((paper) => paper.id)
          : [];
  const replaced = type === 'ui:replaceLibrary';
  return { pageContext: type === 'ui:saveRules' || type === 'ui:saveSettings' || replaced, libraryChanged: type === 'ui:import' || replaced, reconsider };
}

function describeStorageError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error))) {
    return 'Papershelf could not save: the browser says storage is full. Nothing already stored was changed.';
  }
  if (error instanceof RepositoryError) return error.message;
  // Bounded: a reply's error has a length limit like every string in a message.
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  return `Papershelf could not save this change (${detail}).`;
}
