import { setMessageSource } from '../../lib/i18n/t';
import { catalogueSource } from '../messages';

// Unit tests run without a browser: the words come straight from public/_locales/en/messages.json,
// as the browser's i18n would give them to an English-speaking user.
setMessageSource(catalogueSource());
