import { browserWords } from '../browser-words';
import { setMessageSource } from '../i18n/t';
import { listingWords } from '../content/words-source';

// The popup's words, as a listing page's (lib/content/words-source.ts says why): the bundled
// catalogue while English is the only language shipped, else the browser's. The popup's first
// frame names its controls and rows before anything else is painted, and the browser's first
// look-up is a synchronous round trip to the browser process. Its entrypoint imports this module
// first, in place of lib/i18n-setup.
setMessageSource(listingWords(browserWords));
