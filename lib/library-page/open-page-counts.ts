import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { RuleCountReplySchema, type RuleCountReply, type RuleCountRequest } from '../messaging/protocol';

/** How long typing may pause before the open pages are asked again. */
const DEBOUNCE_MS = 150;

/**
 * Asks every open listing tab how many of its cards each rule matches, and keeps the answer of the
 * page the user looked at last ("the open page"). Tabs without Papershelf do not answer; no tab
 * answering means no listing page is open. Re-asks when the rules change (debounced while typing).
 */
export function useOpenPageCounts(rules: readonly unknown[]): RuleCountReply | undefined {
  const [reply, setReply] = useState<RuleCountReply>();
  const key = JSON.stringify(rules);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void askOpenPages(rules).then((answer) => {
        if (!cancelled) setReply(answer);
      });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return reply;
}

async function askOpenPages(rules: readonly unknown[]): Promise<RuleCountReply | undefined> {
  const request: RuleCountRequest = { type: 'page:countRuleMatches', rules: [...rules] };
  const tabs = await browser.tabs.query({});
  const replies = await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return undefined;
      try {
        const parsed = RuleCountReplySchema.safeParse(await browser.tabs.sendMessage(tab.id, request));
        return parsed.success && parsed.data.counts.length === rules.length ? parsed.data : undefined;
      } catch {
        return undefined; // no Papershelf content script in that tab
      }
    }),
  );
  return replies.filter((answer) => answer !== undefined).sort((a, b) => b.lastSeenAt - a.lastSeenAt)[0];
}
