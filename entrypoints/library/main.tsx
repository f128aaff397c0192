import '../../lib/zod-setup';
import '../../lib/i18n-setup';
import { render } from 'preact';
import { LibraryApp } from './LibraryApp';
import './library.css';

render(<LibraryApp />, document.getElementById('app')!);
