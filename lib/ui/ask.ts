import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import { readPageReply, type Answer, type PageRequest, type PageResult } from '../messaging/requests';

export { messageOf } from './message-of';

/**
 * What an action did, for the status line under it: done, or an error in words. `undo`, when the
 * action can be taken back, is what taking it back needs: the records to put back (popup), or the
 * library page's Undo plan (library-work.ts).
 */
export interface Outcome<Undo = never> {
  tone: 'done' | 'error';
  text: string;
  undo?: Undo;
}

export type { Answer };

/**
 * One request to the background, the library's only writer: the result its request promises
 * (lib/messaging/requests.ts), or every failure in words.
 */
export async function ask<R extends PageRequest>(request: R): Promise<Answer<PageResult<R['type']>>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch (error) {
    // The browser's own words ("Receiving end does not exist") go to the console, not to the reader.
    console.warn('Papershelf could not reach its background page:', error);
    return { ok: false, error: t('couldNotReachBackground') };
  }
  return readPageReply<R['type']>(request.type, raw) ?? { ok: false, error: t('noValidAnswer') };
}

/** Importers give reasons as clauses ("the file is not JSON: …"); shown alone they read as sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
