// The popup's first module: it paints the last popup's first screen in plain DOM and starts the
// library's reads, then loads the popup itself (Preact, PopupApp and all they import) once that
// frame is painted. It imports only the cache, the words and the two plain-IndexedDB reads, so
// that the first rows cost about what the browser's first paint of an empty page does.
import '../../lib/i18n-bundled-setup';
import { readNewestSaved } from '../../lib/db/newest-saved';
import { EarlySearchIndex } from '../../lib/db/search-index-early';
import { readCachedFirstScreen, writeCachedFirstScreen } from '../../lib/popup/first-screen-cache';
import { holdClicks } from '../../lib/popup/held-clicks';
import { FIRST_SCREEN } from '../../lib/popup/popup-layout';
import { afterNextPaint } from '../../lib/ui/next-task';
import { paintFirstScreen } from '../../components/popup-first-screen';
import { t } from '../../lib/i18n/t';
import './popup.css';

// The title above is the English one the page opens with; the user's language replaces it.
document.title = t('extName');
performance.mark('papershelf:popup-script');
const root = document.getElementById('app')!;
// The last popup's first rows, painted in the first frame; PopupApp then takes these nodes over.
const cached = readCachedFirstScreen();
// The search box has the focus at once: what is typed before PopupApp runs is its first query.
const search = paintFirstScreen(root, cached);
search.focus();
// A click on the first frame's buttons waits for PopupApp, which then gets it.
const releaseClicks = holdClicks(root);
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
void afterNextPaint()
  .then(() => import('./start-popup'))
  .then(({ startPopup }) => {
    startPopup(root, { early, cached, searchIndex, typed: search.value });
    releaseClicks();
  });
