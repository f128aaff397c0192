import { browser } from 'wxt/browser';
import { UiReplySchema, type UiRequest } from '../messaging/protocol';
import type { ForYouUiRequest } from '../messaging/for-you-protocol';

export { messageOf } from './message-of';

/** A status line under an action: done, or an error in words. */
export interface Outcome {
  tone: 'done' | 'error';
  text: string;
}

export type Answer = { ok: true; result: unknown } | { ok: false; error: string };

/** One request to the background, the library's only writer; every failure comes back in words. */
export async function ask(request: UiRequest | ForYouUiRequest): Promise<Answer> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch (error) {
    // The browser's own words ("Receiving end does not exist") go to the console, not to the reader.
    console.warn('Papershelf could not reach its background page:', error);
    return { ok: false, error: 'Papershelf could not reach its background page. Reload this page and try again.' };
  }
  const reply = UiReplySchema.safeParse(raw);
  if (!reply.success) return { ok: false, error: 'Papershelf got no valid answer from its background page. Reload this page and try again.' };
  return reply.data.ok ? { ok: true, result: reply.data.result } : { ok: false, error: reply.data.error };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Importers give reasons as clauses ("the file is not JSON: …"); shown alone they read as sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
