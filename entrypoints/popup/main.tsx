// No Zod here: it loads after the first paint, with the popup's actions (popup-actions.ts).
import { render } from 'preact';
import { PopupApp } from './PopupApp';
import './popup.css';

render(<PopupApp />, document.getElementById('app')!);
