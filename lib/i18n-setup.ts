import { browser } from 'wxt/browser';
import { setMessageSource } from './i18n/t';

// The words of every page come from the browser's i18n (public/_locales), which picks the user's
// language. Every entrypoint imports this module first, as it does lib/zod-setup.
// The keys are checked against messages.json by lib/i18n/t.ts; WXT's own typed overloads of
// getMessage are regenerated only by `wxt prepare`, so they are not relied on here.
const i18n: { getMessage(key: string, substitutions: string[]): string } = browser.i18n;
setMessageSource((key, substitutions) => i18n.getMessage(key, substitutions));
