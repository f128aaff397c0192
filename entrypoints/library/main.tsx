import '../../lib/zod-setup';
import '../../lib/i18n-setup';
import { render } from 'preact';
import { LibraryApp } from './LibraryApp';
import './library.css';
import { t } from '../../lib/i18n/t';
import { EarlySearchIndex } from '../../lib/db/search-index-early';

// The title in index.html is the English one the page opens with; the user's language replaces it.
document.title = t('papershelfLibrary');
// The stored search index is read from the start: a search typed while the saved papers are still
// read (seconds at 50,000) is answered from it, complete (PapersSection).
const searchIndex = new EarlySearchIndex();
void searchIndex.index();
render(<LibraryApp searchIndex={searchIndex} />, document.getElementById('app')!);
