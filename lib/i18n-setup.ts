import { browserWords } from './browser-words';
import { setMessageSource } from './i18n/t';

// The words of every page come from the browser's i18n. Every entrypoint imports this module
// first, as it does lib/zod-setup.
setMessageSource(browserWords);
