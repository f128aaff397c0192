import '../../lib/zod-setup';
import '../../lib/i18n-setup';
import { render } from 'preact';
import { LibraryApp } from './LibraryApp';
import './library.css';
import { t } from '../../lib/i18n/t';

// The title in index.html is the English one the page opens with; the user's language replaces it.
document.title = t('papershelfLibrary');
render(<LibraryApp />, document.getElementById('app')!);
