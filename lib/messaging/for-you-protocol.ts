import { z } from 'zod';
import { ArxivIdSchema, LIMITS } from '../paper/model';

/**
 * The "For you" messages (issue #17), beside the main protocol: a listing page asks the background
 * to score its cards and remembers the page order the reader chose; the library page resets what
 * was learned; the background tells listing tabs when the model changed.
 */

/** Papers scored per message: a 2,000-entry arXiv page takes a few, sent as the page idles. */
export const MAX_PAPERS_PER_SCORE_REQUEST = 500;

/** What the ranker reads of a card: what listing cards show. Oversized text is cut, never rejected. */
export const ScoredPaperSchema = z.object({
  id: ArxivIdSchema,
  title: z.string().max(LIMITS.title),
  abstract: z.string().max(LIMITS.abstract).optional(),
  authors: z.array(z.string().max(LIMITS.author)).max(LIMITS.authors).optional(),
});
export type ScoredPaper = z.infer<typeof ScoredPaperSchema>;

export const ForYouRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('content:getScores'), papers: z.array(ScoredPaperSchema).max(MAX_PAPERS_PER_SCORE_REQUEST) }),
  /** The reader switched the page between For you and the site's order: every listing remembers. */
  z.object({ type: z.literal('content:setForYouOrder'), on: z.boolean() }),
  /** The reader closed the "save n more" hint: no listing shows it again until a reset. */
  z.object({ type: z.literal('content:dismissHint') }),
]);

/** The library page: forget what was learned (only later saves and hides teach again). */
export const ForYouUiRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui:resetRanking') }),
  z.object({ type: z.literal('ui:rankingStatus') }),
]);
export type ForYouUiRequest = z.infer<typeof ForYouUiRequestSchema>;

export const PaperScoreSchema = z.object({
  score: z.number(),
  /** The words that weighed most, in the paper's own words. */
  terms: z.array(z.string().max(300)).max(5),
  /** The title of the saved paper it is most like. */
  like: z.string().max(LIMITS.title).optional(),
});
export type PaperScore = z.infer<typeof PaperScoreSchema>;

export const ForYouReplySchema = z.object({
  ok: z.literal(true),
  /** `off`: turned off in Settings; `learning`: not enough saves and hides yet (see `hint`). */
  status: z.enum(['off', 'learning', 'ready']),
  hint: z.string().max(300),
  /** The page order the reader chose last (For you or the site's). */
  forYouOrder: z.boolean(),
  scores: z.record(z.string(), PaperScoreSchema),
});
export type ForYouReply = z.infer<typeof ForYouReplySchema>;

/** What the library page's Settings show. */
export const RankingStatusSchema = z.object({ saved: z.number().int().nonnegative(), hidden: z.number().int().nonnegative(), features: z.number().int().nonnegative(), ready: z.boolean() });
export type RankingStatus = z.infer<typeof RankingStatusSchema>;

export const ForYouPushSchema = z.object({ type: z.literal('background:rankingChanged') });
export type ForYouPush = z.infer<typeof ForYouPushSchema>;

const CONTENT_TYPES: ReadonlySet<unknown> = new Set(['content:getScores', 'content:setForYouOrder', 'content:dismissHint']);
const UI_TYPES: ReadonlySet<unknown> = new Set(['ui:resetRanking', 'ui:rankingStatus']);
/** Which side a message's type belongs to, before it is validated (the main protocol takes the rest). */
export function forYouRequestKind(raw: unknown): 'content' | 'page' | undefined {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return CONTENT_TYPES.has(type) ? 'content' : UI_TYPES.has(type) ? 'page' : undefined;
}
