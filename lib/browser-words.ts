import { browser } from 'wxt/browser';
import type { MessageSource } from './i18n/t';

// The browser's i18n (public/_locales), which picks the user's language. The keys are checked
// against messages.json by lib/i18n/t.ts; WXT's own typed overloads of getMessage are regenerated
// only by `wxt prepare`, so they are not relied on here.
const i18n: { getMessage(key: string, substitutions: string[]): string } = browser.i18n;
export const browserWords: MessageSource = (key, substitutions) => i18n.getMessage(key, substitutions);
