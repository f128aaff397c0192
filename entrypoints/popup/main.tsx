import '../../lib/zod-setup';
import { render } from 'preact';
import { PopupApp } from './PopupApp';
import './popup.css';

render(<PopupApp />, document.getElementById('app')!);
