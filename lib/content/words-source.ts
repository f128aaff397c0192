import catalogue from '../../public/_locales/en/messages.json';
import { catalogueSource } from '../i18n/fill';
import type { MessageSource } from '../i18n/t';

/** The languages public/_locales ships (a unit test holds this list to the folder). */
export const SHIPPED_LANGUAGES: readonly string[] = ['en'];

/**
 * Where a listing page's words come from. The first `browser.i18n.getMessage` in a page fetches
 * the extension's catalogue from the browser process, a synchronous round trip, and the first
 * cards' controls need their names before the page's first frame: on the 2000-entry list at load
 * 7–9, 37–53 ms of Papershelf's work before that frame with the trip, 17 ms without. While the
 * extension ships one language, the browser answers every message from that one catalogue
 * whatever the user's language, so the bundled copy gives the very same words without the trip.
 * With a second language it would not: the browser is asked again.
 */
export function listingWords(browserWords: MessageSource, shipped: readonly string[] = SHIPPED_LANGUAGES): MessageSource {
  return shipped.length === 1 && shipped[0] === 'en' ? catalogueSource(catalogue) : browserWords;
}
