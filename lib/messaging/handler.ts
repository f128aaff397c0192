import { InvalidPaperError, type LibraryEdit, type PaperRepository } from '../db/repository';
import { retryOnLostConnection } from '../db/lost-connection';
import { t } from '../i18n/t';
import { isEmptyState } from '../paper/model';
import { errorInWords, InWordsError, issuesInWords } from '../text/problem-words';
import { ContentRequestSchema, UiRequestSchema, type ContentRequest, type PageContext, type Reply, type StateMap, type UiRequest } from './protocol';
import type { ContentResult, PageRequest, PageResult } from './requests';
import { libraryInputFromPage, paperIdFromPage, statesForPages } from './page-ids';

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

/** What follows from a request once it is answered: the background does it (entrypoints/background.ts). */
export interface FollowUp {
  /** The new states of the papers it changed: pushed to every listing tab (`background:statesChanged`). */
  states?: StateMap;
  /** It may have changed the library: For you learns again. */
  libraryEdited: boolean;
  /** Rules or settings changed: listing pages re-read their context (and look-ups may be on now). */
  pageContext: boolean;
  /** An import, which a list of states cannot describe (a restore may replace the library): listing pages ask again. */
  libraryChanged: boolean;
  /**
   * Papers the metadata queue should consider: those a card saved, those an import brings, and
   * those an Undo brought back (`ui:restorePapers`; a deleted or unsaved paper had left the queue).
   */
  reconsider: string[];
}

/** A request, parsed once and run: the reply for its sender and what follows from it. */
export interface Handled {
  reply: Reply;
  followUp: FollowUp;
}

const NOTHING_FOLLOWS: FollowUp = { libraryEdited: false, pageContext: false, libraryChanged: false, reconsider: [] };

function refused(error: string): Handled {
  return { reply: { ok: false, error }, followUp: NOTHING_FOLLOWS };
}

/** The reply with `result` (none for "done"), and what follows; an extension page's request may always have changed the library. */
function answered(result: unknown, follows: Partial<FollowUp> = {}): Handled {
  return { reply: result === undefined ? { ok: true } : { ok: true, result }, followUp: { ...NOTHING_FOLLOWS, ...follows } };
}

/** A page's result, checked against its request's entry in the table (requests.ts). */
function pageAnswer<T extends PageRequest['type']>(_type: T, result: PageResult<T>, follows: Partial<FollowUp> = {}): Handled {
  return answered(result, { libraryEdited: true, ...follows });
}

/** A listing page's result, checked against its request's entry in the table (requests.ts). */
function contentAnswer<T extends ContentRequest['type']>(_type: T, result: ContentResult<T>): Handled {
  return answered(result);
}

/** Runs a request from one of the extension's own pages. Never throws. */
export async function handleUiRequest(repo: PaperRepository, raw: unknown, services: UiServices = {}): Promise<Handled> {
  const parsed = UiRequestSchema.safeParse(raw);
  if (!parsed.success) {
    // Our own pages sent it: say what is wrong, in the reader's words, so the page can show it.
    return refused(t('requestRefused', issuesInWords(parsed.error.issues, { whole: t('wholeRequest') })));
  }
  try {
    return await retryOnLostConnection(() => runUiRequest(repo, parsed.data, services));
  } catch (error) {
    return refused(describeStorageError(error));
  }
}

async function runUiRequest(repo: PaperRepository, request: UiRequest, services: UiServices): Promise<Handled> {
  switch (request.type) {
    case 'ui:saveSettings':
      await repo.saveSettings(request.settings);
      return pageAnswer(request.type, undefined, { pageContext: true });
    case 'ui:saveRules':
      await repo.saveRules(request.rules);
      return pageAnswer(request.type, undefined, { pageContext: true });
    case 'ui:refreshMetadata':
      if (!services.refreshMetadata) return refused(t('metadataLookUpsUnavailable'));
      await services.refreshMetadata(request.ids);
      return pageAnswer(request.type, undefined);
    case 'ui:setCitationKey':
      await repo.setCitationKey(request.id, request.key);
      return pageAnswer(request.type, undefined);
    case 'ui:import':
      return pageAnswer(request.type, await repo.importPapers(request.papers, request.mode), {
        libraryChanged: true,
        reconsider: request.papers.map((paper) => paper.metadata.id),
      });
    case 'ui:replaceLibrary':
      return pageAnswer(request.type, await repo.replaceLibrary(request), {
        pageContext: true,
        libraryChanged: true,
        reconsider: request.papers.map((paper) => paper.metadata.id),
      });
    case 'ui:setTags':
      return edited(request.type, await repo.setTagsOf(request.id, request.tags));
    case 'ui:setNote':
      return edited(request.type, await repo.setNote(request.id, request.note));
    case 'ui:bulkTags':
      return edited(request.type, await repo.bulkTags(request.ids, request.add, request.remove));
    case 'ui:renameTag':
      return edited(request.type, await repo.renameTag(request.from, request.to));
    case 'ui:deleteTag':
      return edited(request.type, await repo.deleteTag(request.tag));
    case 'ui:unsave':
      return edited(request.type, await repo.unsaveMany(request.ids));
    case 'ui:unhide':
      return edited(request.type, await repo.unhideMany(request.ids));
    case 'ui:editMetadata':
      return edited(request.type, await repo.editMetadata(request.id, { title: request.title, authors: request.authors, publishedAt: request.publishedAt }));
    case 'ui:deletePapers': {
      const edit = await repo.deletePapers(request.ids);
      return pageAnswer(request.type, { deleted: edit.previous }, statesOf(edit));
    }
    case 'ui:restorePapers': {
      const edit = await repo.restorePapers(request.papers, { previous: request.fromBackup !== true });
      // Only saved papers are looked up (the metadata service reads and skips the rest).
      const reconsider = request.papers.filter((paper) => paper.savedAt !== undefined).map((paper) => paper.id);
      if (request.fromBackup) return answered({ restored: request.papers.length }, { reconsider });
      return pageAnswer(request.type, { restored: request.papers.length }, { ...statesOf(edit), reconsider });
    }
    case 'ui:backupRestored':
      // What each chunk left out: a list of states cannot describe a restore, so listing tabs ask again.
      return pageAnswer(request.type, undefined, { libraryChanged: true });
  }
}

/** The answer to a library edit: how many papers changed and how they were (EditResultSchema). */
function edited(type: 'ui:setTags' | 'ui:setNote' | 'ui:bulkTags' | 'ui:renameTag' | 'ui:deleteTag' | 'ui:unsave' | 'ui:unhide' | 'ui:editMetadata', edit: LibraryEdit): Handled {
  return pageAnswer(type, { changed: edit.previous.length, previous: edit.previous }, statesOf(edit));
}

/** The edit's new states, when it changed any, for the background to push to listing tabs. */
function statesOf(edit: { states: StateMap }): Partial<FollowUp> {
  return Object.keys(edit.states).length > 0 ? { states: edit.states } : {};
}

/**
 * Validates a request from a listing page and runs it against the repository. Never throws: every
 * failure becomes an error reply in words, and a malformed request writes nothing.
 */
export async function handleContentRequest(repo: PaperRepository, raw: unknown): Promise<Handled> {
  const parsed = ContentRequestSchema.safeParse(raw);
  if (!parsed.success) return refused(t('requestMalformed'));
  try {
    return await retryOnLostConnection(() => runContentRequest(repo, parsed.data));
  } catch (error) {
    return refused(describeStorageError(error));
  }
}

async function runContentRequest(repo: PaperRepository, request: ContentRequest): Promise<Handled> {
  switch (request.type) {
    case 'content:getStates': {
      const started = performance.now();
      const states = statesForPages(knownOnly(await repo.getStates(request.ids.map(paperIdFromPage))));
      // A listing's one question for all its cards: its time in the background (benchmarks).
      performance.measure('papershelf:getStates', { start: started, detail: { ids: request.ids.length } });
      return contentAnswer(request.type, states);
    }
    case 'content:save':
      return changed(await repo.save(libraryInputFromPage(request.paper)));
    case 'content:unsave':
      return changed(await repo.unsave(paperIdFromPage(request.id)));
    case 'content:setTags':
      return changed(await repo.setTags(libraryInputFromPage(request.paper), request.tags, request.base));
    case 'content:hide':
      return changed(await repo.hide(libraryInputFromPage(request.paper)));
    case 'content:unhide':
      return changed(await repo.unhide(paperIdFromPage(request.id)));
    case 'content:getPageContext':
      return contentAnswer(request.type, await pageContext(repo));
    case 'content:getTagCounts':
      return contentAnswer(request.type, await repo.tagCounts());
  }
}

/**
 * A card's change answers the paper's new state (keyed as the page names it); every listing tab
 * gets it, and a paper it saved goes to the metadata queue (a card often lacks authors, its v1
 * date or its category).
 */
function changed(states: StateMap): Handled {
  const saved = Object.keys(states).filter((id) => states[id]?.saved);
  return answered(statesForPages(states), { ...statesOf({ states }), libraryEdited: true, reconsider: saved });
}

/**
 * A listing asks about every card it shows, and most papers are not in the library: the reply
 * carries only the papers the library has something on, and the tab takes the rest as empty. On a
 * 2000-entry page that keeps the reply (and its validation in the tab) small.
 */
function knownOnly(states: StateMap): StateMap {
  const known: StateMap = {};
  for (const [id, state] of Object.entries(states)) if (!isEmptyState(state)) known[id] = state;
  return known;
}

/** What every listing page applies besides the states: the rules and the keymap setting. */
export async function pageContext(repo: PaperRepository): Promise<PageContext> {
  const [rules, settings] = await Promise.all([repo.getRules(), repo.getSettings()]);
  return { rules, keyboardShortcuts: settings.keyboardShortcuts };
}

function describeStorageError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error))) {
    return t('storageFullNothingChanged');
  }
  // The library's refusals are written for the reader (RepositoryError, TagError).
  if (error instanceof InWordsError) return error.message;
  if (error instanceof InvalidPaperError) return t('changeNotSaved', issuesInWords(error.issues));
  // The exception's own text is for the console; the reader learns what failed and that nothing changed.
  console.error('Papershelf could not save a change:', error);
  return t('changeNotSaved', errorInWords(error, t('databaseFailedUnexpectedly')));
}
