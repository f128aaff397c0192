/**
 * Whether an event on a listing page came from the user, not from the page's own scripts.
 *
 * Our controls sit in closed shadow roots (private-root.ts), but a page script can still click a
 * host, or dispatch a keydown "s" at the window. Such events are untrusted (`isTrusted` false: the
 * browser sets it, a script cannot), and none of them may change the user's library. Key presses and clicks by the user, assistive tools
 * included, are trusted. Unit tests in jsdom, where every event is synthetic, mock this module.
 */
export function isUserInput(event: Event): boolean {
  return event.isTrusted;
}
