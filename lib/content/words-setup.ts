import { browser } from 'wxt/browser';
import { setMessageSource } from '../i18n/t';
import { listingWords } from './words-source';

// The listing content script's words (words-source.ts); its entrypoint imports this module first,
// in place of lib/i18n-setup.
const i18n: { getMessage(key: string, substitutions: string[]): string } = browser.i18n;
setMessageSource(listingWords((key, substitutions) => i18n.getMessage(key, substitutions)));
