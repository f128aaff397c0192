// First, before Preact renders anything: read the newest saved papers with plain IndexedDB, so the
// first rows arrive while the rest of the popup's code loads (see PopupApp). No Zod or Dexie here.
import { readNewestSaved } from '../../lib/db/newest-saved';
import '../../lib/i18n-setup';
import { render } from 'preact';
import { FIRST_SCREEN, PopupApp } from './PopupApp';
import './popup.css';
import { t } from '../../lib/i18n/t';

// The title above is the English one the page opens with; the user's language replaces it.
document.title = t('extName');
performance.mark('papershelf:popup-script');
const early = readNewestSaved(FIRST_SCREEN);
// For measuring (scripts/bench-popup.ts): when the first rows were read.
void early.then(() => performance.mark('papershelf:popup-early-read'));
render(<PopupApp early={early} />, document.getElementById('app')!);
