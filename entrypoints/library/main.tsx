import '../../lib/zod-setup';
import { render } from 'preact';
import { LibraryApp } from './LibraryApp';
import './library.css';

render(<LibraryApp />, document.getElementById('app')!);
