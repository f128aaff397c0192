import catalogue from '../public/_locales/en/messages.json';
import { catalogueSource } from './i18n/fill';
import { setMessageSource } from './i18n/t';

// A Web Worker has no browser.i18n: the workers' words come from the English catalogue, bundled
// into the worker. The few words a worker says (a tag or an import entry refused) stay English
// until the page passes its own language's messages in.
setMessageSource(catalogueSource(catalogue));
