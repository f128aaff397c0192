import { browser } from 'wxt/browser';
import { setMessageSource } from './i18n/t';

// The words of every page come from the browser's i18n (public/_locales), which picks the user's
// language. Every entrypoint imports this module first, as it does lib/zod-setup.
setMessageSource((key, substitutions) => browser.i18n.getMessage(key, substitutions));
