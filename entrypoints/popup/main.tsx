// First, before Preact renders anything: read the newest saved papers with plain IndexedDB, so the
// first rows arrive while the rest of the popup's code loads (see PopupApp). No Zod or Dexie here.
import { readNewestSaved } from '../../lib/db/newest-saved';
import { EarlySearchIndex } from '../../lib/db/search-index-early';
import { readCachedFirstScreen, writeCachedFirstScreen } from '../../lib/popup/first-screen-cache';
import '../../lib/i18n-setup';
import { render } from 'preact';
import { FIRST_SCREEN, PopupApp } from './PopupApp';
import './popup.css';
import { t } from '../../lib/i18n/t';

// The title above is the English one the page opens with; the user's language replaces it.
document.title = t('extName');
performance.mark('papershelf:popup-script');
// The last popup's first rows, painted in the first frame; the read below replaces them.
const cached = readCachedFirstScreen();
const early = readNewestSaved(FIRST_SCREEN);
void early.then((papers) => {
  // For measuring (scripts/bench-popup.ts): when the first rows were read.
  performance.mark('papershelf:popup-early-read');
  if (papers) writeCachedFirstScreen(papers);
});
// The saved papers' search index, read right after the first rows: a search typed at once is
// answered from it, complete, seconds before the saved papers themselves are all read.
const searchIndex = new EarlySearchIndex();
void early.then(() => searchIndex.index());
render(<PopupApp early={early} cached={cached} searchIndex={searchIndex} />, document.getElementById('app')!);
