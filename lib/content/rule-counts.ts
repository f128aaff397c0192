import { RuleCountRequestSchema, type RuleCountReply } from '../messaging/protocol';
import { RuleSchema } from '../rules/model';
import type { ListingRun } from './listing-run';

let lastSeenAt = Date.now();
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') lastSeenAt = Date.now();
  });
}

/**
 * Answers the library page's "how many cards here does this draft rule match?" (the live count
 * while a rule is edited). Draft rules are checked one by one: an invalid one counts as `null`.
 * Returns undefined for any other message.
 */
export function answerRuleCounts(message: unknown, run: ListingRun, doc: Document): RuleCountReply | undefined {
  const request = RuleCountRequestSchema.safeParse(message);
  if (!request.success) return undefined;
  const drafts = request.data.rules.map((raw) => RuleSchema.safeParse(raw));
  const valid = drafts.flatMap((draft) => (draft.success ? [draft.data] : []));
  const { cards, counts } = run.countMatches(valid);
  let next = 0;
  return {
    url: doc.location.href,
    title: doc.title,
    cards,
    counts: drafts.map((draft) => (draft.success ? (counts[next++] ?? 0) : null)),
    // A visible tab is the one the user is looking at now.
    lastSeenAt: doc.visibilityState === 'visible' ? Date.now() : lastSeenAt,
  };
}
