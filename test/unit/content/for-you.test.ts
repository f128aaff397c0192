import { describe, expect, it, vi } from 'vitest';
import { startForYouPage } from '../../../lib/content/for-you';
import type { CardMount } from '../../../lib/content/card-mount';
import type { ListingRun } from '../../../lib/content/listing-run';
import { ScoredPaperSchema } from '../../../lib/messaging/for-you-protocol';
import { LIMITS } from '../../../lib/paper/model';
import type { SiteAdapter } from '../../../lib/sites/types';

/** One card of a listing, with an adapter that can give its words without a validated read. */
function listingOf(text: { title: string; abstract?: string; authors?: string[] }) {
  document.body.innerHTML = '<dl><dd id="card">card</dd></dl>';
  const mount = { card: { id: '2409.12345', title: 'short', element: document.getElementById('card')! }, host: document.createElement('span') } as unknown as CardMount;
  const listing = { mountsInOrder: () => [mount] } as unknown as ListingRun;
  const readPaper = vi.fn(() => 'not used');
  const adapter = { readPaper, readCardText: () => text } as unknown as SiteAdapter;
  const sent: unknown[] = [];
  const sendMessage = async (message: unknown) => {
    sent.push(message);
    return { ok: false };
  };
  return { listing, adapter, readPaper, sent, sendMessage };
}

describe('For you on a listing page', () => {
  it('asks about each card with its words read without validation, cut to what a message may carry', async () => {
    const huge = { title: 't'.repeat(LIMITS.title + 500), abstract: 'a'.repeat(LIMITS.abstract + 10), authors: Array.from({ length: LIMITS.authors + 3 }, () => 'n'.repeat(LIMITS.author + 1)) };
    const { listing, adapter, readPaper, sent, sendMessage } = listingOf(huge);
    const controller = new AbortController();
    const page = startForYouPage({ doc: document, url: new URL('https://arxiv.org/list/cs.CV/new'), adapter, listing, sendMessage, signal: controller.signal });
    page.scanned(true);
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    controller.abort();
    const request = sent[0] as { type: string; papers: unknown[] };
    expect(request.type).toBe('content:getScores');
    expect(readPaper).not.toHaveBeenCalled();
    // The background validates each paper: an over-long card must not make it refuse the whole batch.
    const scored = ScoredPaperSchema.safeParse(request.papers[0]);
    expect(scored.success).toBe(true);
    expect(scored.data?.title).toHaveLength(LIMITS.title);
    expect(scored.data?.authors).toHaveLength(LIMITS.authors);
  });
});
