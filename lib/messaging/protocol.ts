import { z } from 'zod';
import { ArxivIdSchema, CitationKeySchema, PaperInputSchema, PaperStateSchema, TagSchema } from '../paper/model';
import { SettingsSchema } from '../settings';
import { IncomingPaperSchema, MAX_IMPORT_PAPERS } from '../import/incoming-schema';
import { RulesSchema } from '../rules/model';

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
  /** What a listing page needs besides states: the rules and whether the keymap is on. */
  z.object({ type: z.literal('content:getPageContext') }),
  /** The library's tags with their counts, for the tag editor's suggestions. */
  z.object({ type: z.literal('content:getTagCounts') }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;
export type ContentRequestType = ContentRequest['type'];

/**
 * States keyed by canonical arXiv id. A reply to `content:getStates` leaves out the ids the library
 * has nothing on: the receiver takes every id it asked for and did not get back as empty.
 */
export const StateMapSchema = z.record(z.string(), PaperStateSchema);
export type StateMap = z.infer<typeof StateMapSchema>;

/** What a listing page applies besides states; pushed again whenever the user changes it. */
export const PageContextSchema = z.object({ rules: RulesSchema, keyboardShortcuts: z.boolean() });
export type PageContext = z.infer<typeof PageContextSchema>;

export const TagCountSchema = z.object({ tag: z.string(), count: z.number().int().nonnegative() });
export type TagCount = z.infer<typeof TagCountSchema>;

/**
 * Every reply is either ok with the states that changed or were asked for (plus the page context or
 * tag counts when those were asked for), or an error in words.
 */
export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), states: StateMapSchema, context: PageContextSchema.optional(), tagCounts: z.array(TagCountSchema).optional() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Reply = z.infer<typeof ReplySchema>;

/** Pushed by the background to every listing tab after a change, so all tabs agree without reload. */
export const BackgroundPushSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('background:statesChanged'), states: StateMapSchema }),
  /** The rules or settings changed: every listing page re-applies them without a reload. */
  z.object({ type: z.literal('background:contextChanged'), context: PageContextSchema }),
]);
export type BackgroundPush = z.infer<typeof BackgroundPushSchema>;

/**
 * What the extension's own pages (popup, library) ask of the background, which stays the only
 * writer. Accepted only from pages of this extension (see `isOwnExtensionPage`).
 */
export const UiRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui:saveSettings'), settings: SettingsSchema }),
  /** Replaces the whole rule list (the library page edits a copy and saves it in one go). */
  z.object({ type: z.literal('ui:saveRules'), rules: RulesSchema }),
  z.object({ type: z.literal('ui:setCitationKey'), id: ArxivIdSchema, key: CitationKeySchema }),
  /** Asks arXiv (then Hugging Face) again for these papers' metadata, now rather than after a back-off. */
  z.object({ type: z.literal('ui:refreshMetadata'), ids: z.array(ArxivIdSchema).min(1).max(MAX_IDS_PER_MESSAGE) }),
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

/**
 * Sent by the library page to listing tabs (never to the background) while a rule is edited: each
 * tab answers how many of its cards each draft rule matches. Checked in the tab like any message.
 */
export const RuleCountRequestSchema = z.object({ type: z.literal('page:countRuleMatches'), rules: z.array(z.unknown()).max(500) });
export type RuleCountRequest = z.infer<typeof RuleCountRequestSchema>;
export const RuleCountReplySchema = z.object({
  url: z.string(),
  title: z.string(),
  cards: z.number().int().nonnegative(),
  /** One entry per draft rule, in order; `null` for a rule that is not valid. */
  counts: z.array(z.number().int().nonnegative().nullable()),
  /** When the tab was last visible (ms since epoch), to pick "the open page". */
  lastSeenAt: z.number(),
});
export type RuleCountReply = z.infer<typeof RuleCountReplySchema>;
