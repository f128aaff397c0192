import { z } from 'zod';
import { ArxivIdSchema, CitationKeySchema, LIMITS, PaperIdSchema, PaperInputSchema, PaperRecordSchema, StateMapSchema, TagSchema, type StateMap } from '../paper/model';
import { SettingsSchema } from '../settings';
import { IncomingPaperSchema, MAX_IMPORT_PAPERS } from '../import/incoming-schema';
import { RulesSchema } from '../rules/model';

/**
 * The one protocol between content scripts, extension pages and the background.
 * Message names carry their direction: `content:` for what a listing page sends to the background,
 * `background:` for what the background pushes to tabs. Every message is parsed with these schemas
 * where it is received; anything else is rejected.
 */

/**
 * A paper as a listing page reads it. The site adapters (lib/sites) never read a DOI, a journal
 * reference or a venue: those come from arXiv's API and from imports only, so a page (or a
 * script in it that reaches the content script's messaging) cannot set them. Left out here, they
 * are dropped from any message that carries them.
 */
export const PagePaperSchema = PaperInputSchema.omit({ doi: true, journalRef: true, venue: true });

/** Enough for a `?show=2000` arXiv page plus slack; bounds the work one message can ask for. */
export const MAX_IDS_PER_MESSAGE = 5_000;

/**
 * A listing page names papers by the ids it shows (arXiv ids); the background tags them where they
 * arrive (page-ids.ts). Extension pages name them by PaperId, as the library stores them.
 */
export const ContentRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('content:getStates'), ids: z.array(ArxivIdSchema).max(MAX_IDS_PER_MESSAGE) }),
  z.object({ type: z.literal('content:save'), paper: PagePaperSchema }),
  z.object({ type: z.literal('content:unsave'), id: ArxivIdSchema }),
  z.object({
    type: z.literal('content:setTags'),
    paper: PagePaperSchema,
    tags: z.array(TagSchema).max(500),
    /**
     * The tags the card showed when the user changed them. The background applies the change (what
     * was added, what was removed) to the tags stored by then, so edits made in several tabs at
     * once all land. Without it, `tags` replaces the stored list (older content scripts).
     */
    base: z.array(z.string().max(LIMITS.tag)).max(500).optional(),
  }),
  z.object({ type: z.literal('content:hide'), paper: PagePaperSchema }),
  z.object({ type: z.literal('content:unhide'), id: ArxivIdSchema }),
  /** What a listing page needs besides states: the rules and whether the keymap is on. */
  z.object({ type: z.literal('content:getPageContext') }),
  /** The library's tags with their counts, for the tag editor's suggestions. */
  z.object({ type: z.literal('content:getTagCounts') }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

/** A reply to `content:getStates` leaves out the ids the library has nothing on (`isEmptyState`): the receiver takes every id it asked for and did not get back as empty (`stateIn`). */
export { StateMapSchema, type StateMap };

/** What a listing page applies besides states; pushed again whenever the user changes it. */
export const PageContextSchema = z.object({ rules: RulesSchema, keyboardShortcuts: z.boolean() });
export type PageContext = z.infer<typeof PageContextSchema>;

export const TagCountSchema = z.object({ tag: z.string().max(LIMITS.tag), count: z.number().int().nonnegative() });
export type TagCount = z.infer<typeof TagCountSchema>;

/**
 * Every reply, to a listing page or to an extension page: ok with what the request produced (its
 * schema is the request's entry in lib/messaging/requests.ts), or an error in words.
 */
export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: z.string().max(LIMITS.error) }),
]);
export type Reply = z.infer<typeof ReplySchema>;

/** Pushed by the background to every listing tab after a change, so all tabs agree without reload. */
export const BackgroundPushSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('background:statesChanged'), states: StateMapSchema }),
  /** The rules or settings changed: every listing page re-applies them without a reload. */
  z.object({ type: z.literal('background:contextChanged'), context: PageContextSchema }),
  /**
   * An import changed the library in ways a list of states cannot name (a restore may replace the
   * whole library): every listing page asks again for the states of its cards.
   */
  z.object({ type: z.literal('background:libraryChanged') }),
]);
export type BackgroundPush = z.infer<typeof BackgroundPushSchema>;

/**
 * The most papers one library edit may name: a year of a daily reader's hidden papers. The edit is
 * one transaction either way; this bounds what one message can ask of the background.
 */
export const MAX_PAPERS_PER_UI_REQUEST = 100_000;

const PaperIdsSchema = z
  .array(PaperIdSchema)
  .min(1, 'name at least one paper')
  .max(MAX_PAPERS_PER_UI_REQUEST, `at most ${MAX_PAPERS_PER_UI_REQUEST.toLocaleString('en')} papers at once`);

/** Tags as the page sends them; the repository cleans them (normalizeTags) and says what it refuses. */
const PaperTagsSchema = z.array(TagSchema).max(LIMITS.tags, `at most ${LIMITS.tags} tags`);

/**
 * What the extension's own pages (popup, library) ask of the background, which stays the only
 * writer. Accepted only from pages of this extension (see `isOwnExtensionPage`).
 */
export const UiRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui:saveSettings'), settings: SettingsSchema }),
  /** Replaces the whole rule list (the library page edits a copy and saves it in one go). */
  z.object({ type: z.literal('ui:saveRules'), rules: RulesSchema }),
  z.object({ type: z.literal('ui:setCitationKey'), id: PaperIdSchema, key: CitationKeySchema }),
  /** Asks arXiv (then Hugging Face) again for these papers' metadata, now rather than after a back-off. */
  z.object({ type: z.literal('ui:refreshMetadata'), ids: z.array(PaperIdSchema).min(1).max(MAX_IDS_PER_MESSAGE) }),
  /** Writes an import in one transaction, planned again against the library as it is then. It only adds. */
  z.object({
    type: z.literal('ui:import'),
    papers: z.array(IncomingPaperSchema).max(MAX_IMPORT_PAPERS),
    mode: z.literal('merge'),
  }),
  /**
   * Restores a backup with Replace: papers, and settings and rules when given, in one transaction
   * that first keeps the library it replaces as an automatic backup. Answers ReplaceResultSchema.
   */
  z.object({
    type: z.literal('ui:replaceLibrary'),
    papers: z.array(IncomingPaperSchema).max(MAX_IMPORT_PAPERS),
    settings: SettingsSchema.optional(),
    rules: RulesSchema.optional(),
  }),
  // Library edits (popup, library page). Each is one transaction; ids the library does not hold
  // are skipped. Those that destroy something answer with the records as they were, for Undo.
  /** Replaces a paper's tags, cleaned and spelled as on a card; a paper that gets tags is saved. */
  z.object({ type: z.literal('ui:setTags'), id: PaperIdSchema, tags: PaperTagsSchema }),
  /** The user's note on a paper; a blank note removes it. */
  z.object({ type: z.literal('ui:setNote'), id: PaperIdSchema, note: z.string().max(LIMITS.note, `a note is at most ${LIMITS.note} characters`) }),
  /** Adds and removes tags on many papers at once (removal by tag, ignoring case). */
  z.object({ type: z.literal('ui:bulkTags'), ids: PaperIdsSchema, add: PaperTagsSchema, remove: PaperTagsSchema }),
  /** Renames a tag on every paper (`from` ignoring case); when `to` is a tag already, the two merge. */
  z.object({ type: z.literal('ui:renameTag'), from: TagSchema, to: TagSchema }),
  /** Removes a tag (ignoring case) from every paper. */
  z.object({ type: z.literal('ui:deleteTag'), tag: TagSchema }),
  z.object({ type: z.literal('ui:unsave'), ids: PaperIdsSchema }),
  z.object({ type: z.literal('ui:unhide'), ids: PaperIdsSchema }),
  /** Forgets papers entirely; the reply holds the removed records (DeleteResultSchema). */
  z.object({ type: z.literal('ui:deletePapers'), ids: PaperIdsSchema }),
  /** Undo: puts records back exactly as given (their citation keys kept while no other paper took them). */
  z.object({
    type: z.literal('ui:restorePapers'),
    papers: z.array(PaperRecordSchema).min(1).max(MAX_PAPERS_PER_UI_REQUEST, `at most ${MAX_PAPERS_PER_UI_REQUEST.toLocaleString('en')} papers at once`),
    /** A chunk of a backup being restored: listing tabs and For you hear of it once, at `ui:backupRestored`. */
    fromBackup: z.literal(true).optional(),
  }),
  /** A backup's chunks are all written (or the restore stopped): listing tabs ask again, For you learns again. */
  z.object({ type: z.literal('ui:backupRestored') }),
  /**
   * The user's correction of a paper's metadata: the fields given become the user's, which
   * enrichment and page visits never overwrite. Only sizes are checked here; the repository says in
   * words what else is wrong (an empty title, a date that does not exist). Answers EditResultSchema.
   */
  z.object({
    type: z.literal('ui:editMetadata'),
    id: PaperIdSchema,
    title: z.string().max(LIMITS.title, `a title is at most ${LIMITS.title} characters`).optional(),
    /** The whole list, one name per entry. */
    authors: z.array(z.string().max(LIMITS.author, `an author's name is at most ${LIMITS.author} characters`)).max(LIMITS.authors, `at most ${LIMITS.authors} authors`).optional(),
    /** `YYYY-MM-DD`. */
    publishedAt: z.string().max(40).optional(),
  }),
]);
export type UiRequest = z.infer<typeof UiRequestSchema>;

/** What `ui:setTags`, `ui:setNote`, `ui:bulkTags`, `ui:renameTag`, `ui:deleteTag`, `ui:unsave` and `ui:unhide` answer. */
export const EditResultSchema = z.object({
  /** How many papers changed. */
  changed: z.number().int().nonnegative(),
  /** Those papers as they were before: `ui:restorePapers` with them is the Undo. */
  previous: z.array(PaperRecordSchema),
});
export type EditResult = z.infer<typeof EditResultSchema>;

/** What `ui:deletePapers` answers: the removed records, for `ui:restorePapers`. */
export const DeleteResultSchema = z.object({ deleted: z.array(PaperRecordSchema) });

/** What `ui:import` answers: how many papers were new, merged, unchanged, duplicates or rejected. */
export const ImportCountsSchema = z.object({ new: z.number(), merged: z.number(), unchanged: z.number(), duplicate: z.number(), rejected: z.number() });

/** What `ui:replaceLibrary` answers: the import's counts and the id of the automatic backup it took. */
export const ReplaceResultSchema = z.object({
  counts: ImportCountsSchema,
  backupId: z.number().int().positive(),
});
export type ReplaceResult = z.infer<typeof ReplaceResultSchema>;

/** What `ui:restorePapers` answers. */
export const RestoreResultSchema = z.object({ restored: z.number().int().nonnegative() });

/**
 * Sent by the library page to listing tabs (never to the background) while a rule is edited: each
 * tab answers how many of its cards each draft rule matches. Checked in the tab like any message.
 */
export const RuleCountRequestSchema = z.object({ type: z.literal('page:countRuleMatches'), rules: z.array(z.unknown()).max(500) });
export type RuleCountRequest = z.infer<typeof RuleCountRequestSchema>;
export const RuleCountReplySchema = z.object({
  // A tab with an address or title longer than this still counts, nameless.
  url: z.string().max(LIMITS.url * 4).catch(''),
  title: z.string().max(LIMITS.title).catch(''),
  cards: z.number().int().nonnegative(),
  /** One entry per draft rule, in order; `null` for a rule that is not valid. */
  counts: z.array(z.number().int().nonnegative().nullable()),
  /** When the tab was last visible (ms since epoch), to pick "the open page". */
  lastSeenAt: z.number(),
});
export type RuleCountReply = z.infer<typeof RuleCountReplySchema>;
