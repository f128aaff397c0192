import { z } from 'zod';
import { ArxivIdSchema, CitationKeySchema, PaperInputSchema, PaperStateSchema, TagSchema } from '../paper/model';
import { SettingsSchema } from '../settings';
import { IncomingPaperSchema, MAX_IMPORT_PAPERS } from '../import/incoming-schema';

/**
 * The one protocol between content scripts, extension pages and the background.
 * Message names carry their direction: `content:` for what a listing page sends to the background,
 * `background:` for what the background pushes to tabs. Every message is parsed with these schemas
 * where it is received; anything else is rejected.
 */

/** Enough for a `?show=2000` arXiv page plus slack; bounds the work one message can ask for. */
export const MAX_IDS_PER_MESSAGE = 5_000;

export const ContentRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('content:getStates'), ids: z.array(ArxivIdSchema).max(MAX_IDS_PER_MESSAGE) }),
  z.object({ type: z.literal('content:save'), paper: PaperInputSchema }),
  z.object({ type: z.literal('content:unsave'), id: ArxivIdSchema }),
  z.object({ type: z.literal('content:setTags'), paper: PaperInputSchema, tags: z.array(TagSchema).max(500) }),
  z.object({ type: z.literal('content:hide'), paper: PaperInputSchema }),
  z.object({ type: z.literal('content:unhide'), id: ArxivIdSchema }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;
export type ContentRequestType = ContentRequest['type'];

/**
 * States keyed by canonical arXiv id. A reply to `content:getStates` leaves out the ids the library
 * has nothing on: the receiver takes every id it asked for and did not get back as empty.
 */
export const StateMapSchema = z.record(z.string(), PaperStateSchema);
export type StateMap = z.infer<typeof StateMapSchema>;

/** Every reply is either ok with the states that changed or were asked for, or an error in words. */
export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), states: StateMapSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Reply = z.infer<typeof ReplySchema>;

/** Pushed by the background to every listing tab after a change, so all tabs agree without reload. */
export const BackgroundPushSchema = z.object({ type: z.literal('background:statesChanged'), states: StateMapSchema });
export type BackgroundPush = z.infer<typeof BackgroundPushSchema>;

/**
 * What the extension's own pages (popup, library) ask of the background, which stays the only
 * writer. Accepted only from pages of this extension (see `isOwnExtensionPage`).
 */
export const UiRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui:saveSettings'), settings: SettingsSchema }),
  z.object({ type: z.literal('ui:setCitationKey'), id: ArxivIdSchema, key: CitationKeySchema }),
  /** Writes an import in one transaction, planned again against the library as it is then. */
  z.object({
    type: z.literal('ui:import'),
    papers: z.array(IncomingPaperSchema).max(MAX_IMPORT_PAPERS),
    /** `replace` empties the library first (restoring a backup as it was). */
    mode: z.enum(['merge', 'replace']),
  }),
]);
export type UiRequest = z.infer<typeof UiRequestSchema>;

/** Replies to extension pages: ok (with what the request produced) or an error in words. */
export const UiReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type UiReply = z.infer<typeof UiReplySchema>;
