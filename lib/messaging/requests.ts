import { z } from 'zod';
import { RankingStatusSchema, type ForYouUiRequest } from './for-you-protocol';
import {
  DeleteResultSchema,
  EditResultSchema,
  ImportCountsSchema,
  PageContextSchema,
  ReplaceResultSchema,
  ReplySchema,
  RestoreResultSchema,
  StateMapSchema,
  TagCountSchema,
  type ContentRequest,
  type UiRequest,
} from './protocol';
import { SyncStatusSchema, type SyncUiRequest } from './sync-protocol';

/**
 * What each request answers, in one table: the schema of the `result` in its `{ ok: true, result }`
 * reply. The background's handlers return these shapes (handler.ts checks them with `satisfies`);
 * the senders (`request` in lib/ui/ask.ts and lib/content/messenger.ts) parse every reply with them,
 * so a caller gets a typed result or an error in words, never `unknown`.
 *
 * For you's listing-page requests (`content:getScores`, `content:setForYouOrder`) answer in their
 * own flat shape (ForYouReplySchema) and are read by lib/content/for-you.ts; they are not here.
 */

/** Requests that answer nothing but "done". */
const DONE = z.undefined();

/** Every request the extension's own pages send to the background. */
export type PageRequest = UiRequest | ForYouUiRequest | SyncUiRequest;

export const PAGE_RESULTS = {
  'ui:saveSettings': DONE,
  'ui:saveRules': DONE,
  'ui:setCitationKey': DONE,
  'ui:refreshMetadata': DONE,
  'ui:import': ImportCountsSchema,
  'ui:replaceLibrary': ReplaceResultSchema,
  'ui:setTags': EditResultSchema,
  'ui:setNote': EditResultSchema,
  'ui:bulkTags': EditResultSchema,
  'ui:renameTag': EditResultSchema,
  'ui:deleteTag': EditResultSchema,
  'ui:unsave': EditResultSchema,
  'ui:unhide': EditResultSchema,
  'ui:editMetadata': EditResultSchema,
  'ui:deletePapers': DeleteResultSchema,
  'ui:restorePapers': RestoreResultSchema,
  'ui:backupRestored': DONE,
  'ui:resetRanking': RankingStatusSchema,
  'ui:rankingStatus': RankingStatusSchema,
  'ui:syncConnect': SyncStatusSchema,
  'ui:syncNow': SyncStatusSchema,
  'ui:syncDisconnect': SyncStatusSchema,
  'ui:syncStatus': SyncStatusSchema,
  'ui:syncRenameDevice': SyncStatusSchema,
} as const satisfies Record<PageRequest['type'], z.ZodType>;

/** Every request a listing page sends to the background (For you's aside, see above). */
export const CONTENT_RESULTS = {
  /** Only the papers the library has something on (`stateIn` reads the rest as empty). */
  'content:getStates': StateMapSchema,
  // A change answers the new state of the paper it changed.
  'content:save': StateMapSchema,
  'content:unsave': StateMapSchema,
  'content:setTags': StateMapSchema,
  'content:hide': StateMapSchema,
  'content:unhide': StateMapSchema,
  'content:getPageContext': PageContextSchema,
  'content:getTagCounts': z.array(TagCountSchema),
} as const satisfies Record<ContentRequest['type'], z.ZodType>;

export type PageResult<T extends PageRequest['type']> = z.infer<(typeof PAGE_RESULTS)[T]>;
export type ContentResult<T extends ContentRequest['type']> = z.infer<(typeof CONTENT_RESULTS)[T]>;

/** A request's outcome as its sender sees it: the typed result, or what went wrong in words. */
export type Answer<T> = { ok: true; result: T } | { ok: false; error: string };

/**
 * Reads the reply to an extension page's request of type `type`: the background's error as it
 * worded it, the result its table entry promises, or `undefined` when the reply is not one of ours
 * (each sender words that for its reader).
 */
export function readPageReply<T extends PageRequest['type']>(type: T, raw: unknown): Answer<PageResult<T>> | undefined {
  // The table's entry for `type` is the schema of PageResult<T>; TypeScript cannot follow an indexed generic.
  return readReply(raw, PAGE_RESULTS[type] as unknown as z.ZodType<PageResult<T>>);
}

/** The same for a listing page's request. */
export function readContentReply<T extends ContentRequest['type']>(type: T, raw: unknown): Answer<ContentResult<T>> | undefined {
  return readReply(raw, CONTENT_RESULTS[type] as unknown as z.ZodType<ContentResult<T>>);
}

function readReply<T>(raw: unknown, schema: z.ZodType<T>): Answer<T> | undefined {
  const reply = ReplySchema.safeParse(raw);
  if (!reply.success) return undefined;
  if (!reply.data.ok) return reply.data;
  const result = schema.safeParse(reply.data.result);
  return result.success ? { ok: true, result: result.data } : undefined;
}
