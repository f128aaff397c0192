import { browserWords } from './browser-words';
import { setMessageSource } from './i18n/t';
import { listingWords } from './content/words-source';

// The words of a page that names its controls in its very first frame (a listing's first cards,
// the popup's first screen): the bundled catalogue while English is the only language shipped,
// else the browser's (lib/content/words-source.ts says why: the browser's first look-up is a
// synchronous round trip to the browser process). The listing's and the popup's entrypoints
// import this module first, in place of lib/i18n-setup.
setMessageSource(listingWords(browserWords));
