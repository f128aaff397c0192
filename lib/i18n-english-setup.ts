import catalogue from '../public/_locales/en/messages.json';
import { catalogueSource } from './i18n/fill';
import { setMessageSource } from './i18n/t';

// Where there is no browser.i18n (the BibTeX Web Worker, Node scripts run through tsx), the words
// come from the English catalogue, bundled in. The few words the worker says (a tag or an import
// entry it refuses) stay English until the page passes its own language's messages in.
setMessageSource(catalogueSource(catalogue));
