/**
 * Clicks on the first frame's controls, kept until the popup's code is there to answer them.
 *
 * Why: the first frame (components/popup-first-screen.ts) is plain DOM painted before Preact and
 * PopupApp load, for a few tens of milliseconds. A click on its buttons or view choices in that
 * time would do nothing (no handler yet) or, for a radio button, change what PopupApp then sets
 * back. Such clicks are stopped and, once PopupApp has taken the same elements over, clicked
 * again. Links and the search box work by themselves and are left alone.
 */
const HELD = 'button, label, input[type="radio"]';

/** Starts holding clicks inside `root`; the returned function stops and replays them, in order. */
export function holdClicks(root: HTMLElement): () => void {
  const held: HTMLElement[] = [];
  const hold = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>(HELD) : null;
    if (!target || !root.contains(target)) return;
    event.preventDefault();
    event.stopPropagation();
    if (!held.includes(target)) held.push(target);
  };
  root.addEventListener('click', hold, true);
  return () => {
    root.removeEventListener('click', hold, true);
    for (const target of held.splice(0)) if (target.isConnected) target.click();
  };
}
