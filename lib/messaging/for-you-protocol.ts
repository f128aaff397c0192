import { z } from 'zod';
import { ArxivIdSchema, LIMITS } from '../paper/model';

/**
 * The "For you" messages (issue #17), beside the main protocol: a listing page asks the background
 * to score its cards and remembers the page order the reader chose; the library page resets what
 * was learned; the background tells listing tabs when the model changed.
 */

/**
 * Papers scored per message, and how many of them a listing sends with their words: a 2,000-entry
 * arXiv page sends its words in a few messages as it idles (each costs its page's thread by the
 * byte), and asks about papers named by id alone (words the background or the relay frame has) in
 * one: every message and every reply has a cost of its own on the page.
 */
export const MAX_PAPERS_PER_SCORE_REQUEST = 2_000;
export const WORDED_PAPERS_PER_REQUEST = 500;

/**
 * What the ranker reads of a card, in the message's compact form `[id, title, abstract, ...authors]`
 * (the abstract '' when the card shows none). No property names: a 2,000-entry arXiv page sends
 * megabytes of abstracts, and the extension channel serialises every byte on the page's main
 * thread. Oversized text is cut by the sender (scoredPaper), never rejected.
 */
export const ScoredPaperSchema = z
  .tuple([ArxivIdSchema, z.string().max(LIMITS.title), z.string().max(LIMITS.abstract)], z.string().max(LIMITS.author))
  .refine((paper) => paper.length <= 3 + LIMITS.authors);
export type ScoredPaper = z.infer<typeof ScoredPaperSchema>;

/**
 * A card whose words this listing run sent before (`[id]` alone): after a save or hide, a page asks
 * for new scores without sending its megabytes of words again (lib/for-you/run-words.ts).
 */
export const KnownPaperSchema = z.tuple([ArxivIdSchema]);
export type KnownPaper = z.infer<typeof KnownPaperSchema>;

/** A listing run's token: random, made once per run, sent with each of its score requests. */
export const RunTokenSchema = z.string().regex(/^[0-9a-z]{8,32}$/);

/** A card's words as a message carries them, cut to the message's limits (an unvalidated read may hold more). */
export function scoredPaper(id: string, text: { title: string; abstract?: string | undefined; authors?: readonly string[] | undefined }): ScoredPaper {
  const authors = (text.authors ?? []).slice(0, LIMITS.authors).map((author) => author.slice(0, LIMITS.author));
  return [id, text.title.slice(0, LIMITS.title), (text.abstract ?? '').slice(0, LIMITS.abstract), ...authors];
}

/** The words of a compact paper, as the ranker takes them. */
export function paperOfScored([id, title, abstract, ...authors]: ScoredPaper): { id: string; title: string; abstract?: string; authors?: string[] } {
  return { id, title, ...(abstract ? { abstract } : {}), ...(authors.length ? { authors } : {}) };
}

export const ForYouRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('content:getScores'),
    /** Which listing run asks: the words it sends are kept under it, and `[id]` alone finds them. */
    run: RunTokenSchema.optional(),
    papers: z.array(z.union([ScoredPaperSchema, KnownPaperSchema])).max(MAX_PAPERS_PER_SCORE_REQUEST),
  }),
  /** The reader switched the page between For you and the site's order: every listing remembers. */
  z.object({ type: z.literal('content:setForYouOrder'), on: z.boolean() }),
  /** The reader closed the "save n more" hint: no listing shows it again until a reset. */
  z.object({ type: z.literal('content:dismissHint') }),
  /** A listing asks for a one-time token to hand its relay frame (lib/content/for-you-relay.ts). */
  z.object({ type: z.literal('content:relayToken') }),
]);

/** The score requests a relay frame forwards (the others take the extension's channel directly). */
export const RelayedRequestSchema = ForYouRequestSchema.options[0];
export type RelayedRequest = z.infer<typeof RelayedRequestSchema>;

/** A relay frame's one-time token: random, 32 characters of [0-9a-z]. */
export const RelayTokenSchema = z.string().regex(/^[0-9a-z]{32}$/);

/** The relay frame asks whether the token it was handed is one the background gave out (and spends it). */
export const RelayTokenCheckSchema = z.object({ type: z.literal('relay:checkToken'), token: RelayTokenSchema });

export const RelayTokenReplySchema = z.object({ ok: z.literal(true), token: RelayTokenSchema });
export const RelayTokenCheckReplySchema = z.object({ ok: z.literal(true), valid: z.boolean() });

/** The library page: forget what was learned (only later saves and hides teach again). */
export const ForYouUiRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui:resetRanking') }),
  z.object({ type: z.literal('ui:rankingStatus') }),
]);
export type ForYouUiRequest = z.infer<typeof ForYouUiRequestSchema>;

/**
 * An array of at most `max` items that each pass `check`, tested in one plain loop: a reply holds
 * 2,000 scores and as many reasons, and a schema per element cost the page's thread 3–4 ms there
 * (a profile of the 2,000-entry list).
 */
function listOf<T>(max: number, check: (item: unknown) => item is T) {
  return z.custom<T[]>((value) => {
    if (!Array.isArray(value) || value.length > max) return false;
    // Indices, not `every`: `every` skips the holes of a sparse array.
    for (let index = 0; index < value.length; index++) if (!check(value[index])) return false;
    return true;
  });
}

/** The longest "why" a score comes with: a few terms and the title of a saved paper. */
export const MAX_WHY = 2_000;

/** A score as a reply carries it: a finite number. */
export const isScore = (item: unknown): item is number => typeof item === 'number' && Number.isFinite(item);
/** A reason as a reply carries it: a string of at most MAX_WHY characters. */
export const isWhy = (item: unknown): item is string => typeof item === 'string' && item.length <= MAX_WHY;

/** An array of at most `max` items, not looked into (the reader of its items checks each one). */
function arrayOf<T>(max: number) {
  return z.custom<T[]>((value) => Array.isArray(value) && value.length <= max);
}

const replyFields = {
  ok: z.literal(true),
  /** `off`: turned off in Settings; `learning`: not enough saves and hides yet (see `hint`). */
  status: z.enum(['off', 'learning', 'ready']),
  hint: z.string().max(300),
  /** The page order the reader chose last (For you or the site's). */
  forYouOrder: z.boolean(),
  /** One per paper of the request, in its order (none unless `ready`): higher = more relevant. */
  scores: listOf(MAX_PAPERS_PER_SCORE_REQUEST, isScore),
  /** Why, beside each score: the terms that weighed most and the saved paper it is most like, in words. */
  why: listOf(MAX_PAPERS_PER_SCORE_REQUEST, isWhy),
  /**
   * The positions in the request of papers sent as `[id]` whose words this background does not
   * have (its worker was stopped since): their score is a placeholder; the page sends their words.
   */
  unknown: z.array(z.number().int().nonnegative().max(MAX_PAPERS_PER_SCORE_REQUEST)).max(MAX_PAPERS_PER_SCORE_REQUEST).optional(),
};

export const ForYouReplySchema = z.object(replyFields).refine((reply) => reply.why.length === reply.scores.length);
/**
 * The same reply with its scores and reasons not looked into, for the listing page: it checks each
 * one (isScore, isWhy) in the loop that draws it, as a loop over 2,000 items of its own cost the
 * page's thread 1–5 ms (code that runs once a page runs uncompiled). The relay frame, in its own
 * process, checks the whole reply before passing it on.
 */
export const ForYouReplyShapeSchema = z
  .object({ ...replyFields, scores: arrayOf<unknown>(MAX_PAPERS_PER_SCORE_REQUEST), why: arrayOf<unknown>(MAX_PAPERS_PER_SCORE_REQUEST) })
  .refine((reply) => reply.why.length === reply.scores.length);
export type ForYouReply = z.infer<typeof ForYouReplySchema>;

/** What the library page's Settings show. */
export const RankingStatusSchema = z.object({ saved: z.number().int().nonnegative(), hidden: z.number().int().nonnegative(), features: z.number().int().nonnegative(), ready: z.boolean() });
export type RankingStatus = z.infer<typeof RankingStatusSchema>;

export const ForYouPushSchema = z.object({ type: z.literal('background:rankingChanged') });
export type ForYouPush = z.infer<typeof ForYouPushSchema>;

const CONTENT_TYPES: ReadonlySet<unknown> = new Set(['content:getScores', 'content:setForYouOrder', 'content:dismissHint', 'content:relayToken']);
const UI_TYPES: ReadonlySet<unknown> = new Set(['ui:resetRanking', 'ui:rankingStatus']);
/**
 * The relay frame's own messages: the frame is a page of the extension shown inside a listing's
 * tab, so it may reach the background as either side depending on the browser (Chromium names a
 * frame loaded by its dynamic URL by that URL, which is not the extension's origin).
 */
const RELAY_TYPES: ReadonlySet<unknown> = new Set(['relay:checkToken']);
/** Which side a message's type belongs to, before it is validated (the main protocol takes the rest). */
export function forYouRequestKind(raw: unknown): 'content' | 'page' | 'relay' | undefined {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return CONTENT_TYPES.has(type) ? 'content' : UI_TYPES.has(type) ? 'page' : RELAY_TYPES.has(type) ? 'relay' : undefined;
}

/**
 * The messages on the port between a listing's content script and its relay frame: a request as
 * the extension's channel would carry it (its papers' arrays: a port clones them faster than it
 * takes one JSON string of them, stringifying included; scripts/bench-for-you-channel.ts), and the
 * reply as one JSON string, read by the content script where its cost is measured.
 */
/** As much as the extension channel itself carries in one message (64 MiB in Chromium). */
export const MAX_RELAYED_CHARS = 64 * 1024 * 1024;
/**
 * Papers named by id alone go after the request's own, as one string of ids separated by line
 * breaks (`named`): the frame makes them `[id]` papers, or gives them the words it read from the page.
 * One string crosses the port at a fraction of what 2,000 small arrays cost the page to clone.
 */
export const RelayPortRequestSchema = z
  .object({ id: z.number().int().nonnegative(), request: RelayedRequestSchema, named: z.string().max(MAX_PAPERS_PER_SCORE_REQUEST * (LIMITS.arxivId + 1)).optional() })
  .strict();
/** The background's reply as JSON, or `failed`: the background did not answer (its worker stopped). */
export const RelayPortReplySchema = z.union([
  z.object({ id: z.number().int().nonnegative(), reply: z.string().max(MAX_RELAYED_CHARS) }).strict(),
  z.object({ id: z.number().int().nonnegative(), failed: z.literal(true) }).strict(),
]);
/**
 * The listing's own bytes, as the browser's HTTP cache holds them (lib/content/page-source.ts):
 * the frame reads every card's words from them in its own process, so the page's main thread
 * does not read them (on the 2,000-entry list, most of what For you cost the page). Bounded: a
 * 2,000-entry arXiv listing is about 6.4 MB.
 */
export const MAX_PAGE_SOURCE_BYTES = 32 * 1024 * 1024;
export const RelayPageRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    page: z.instanceof(Blob).refine((bytes) => bytes.size <= MAX_PAGE_SOURCE_BYTES),
    url: z.string().max(4_096),
  })
  .strict();
/**
 * The frame answers the bytes with nothing: the content script names every card by id from then
 * on, the frame gives the requests that follow the words it read (at most MAX_PAGE_PAPERS papers),
 * and the page reads only the cards the background says it has no words for (`unknown`). An
 * answer, even a count, would be one more message for the page's thread to take in.
 */
export const MAX_PAGE_PAPERS = 10_000;

/** Ids as one string, separated by line breaks (`named`; an id has none); and back. */
export function joinIds(ids: readonly string[]): string {
  return ids.join('\n');
}
export function splitIds(joined: string): string[] {
  return joined === '' ? [] : joined.split('\n');
}
/** The frame's first word on the port: its token was good, requests may come. */
export const RelayReadySchema = z.object({ ready: z.literal(true) }).strict();
/** What the content script hands the frame with the port. */
export const RelayHandshakeSchema = z.object({ token: RelayTokenSchema }).strict();
