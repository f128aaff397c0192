import { browserWords } from '../browser-words';
import { setMessageSource } from '../i18n/t';
import { listingWords } from './words-source';

// The listing content script's words (words-source.ts); its entrypoint imports this module first,
// in place of lib/i18n-setup.
setMessageSource(listingWords(browserWords));
