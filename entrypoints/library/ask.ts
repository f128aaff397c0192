// The library page's helpers live in lib/ui/ask.ts, shared with the popup.
export { ask, messageOf, plural, sentence, type Answer, type Outcome } from '../../lib/ui/ask';
