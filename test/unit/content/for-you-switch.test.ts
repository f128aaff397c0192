import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSwitch, SWITCH_ATTRIBUTE } from '../../../lib/content/for-you-switch';

/** A list with one card, and the switch placed above it; every click counts as the reader's unless `trusted` says otherwise. */
function setup(trusted: (event: Event) => boolean = () => true) {
  document.body.innerHTML = '<dl><dd id="first">card</dd></dl>';
  const onToggle = vi.fn();
  const onDismiss = vi.fn();
  const widget = createSwitch(document, onToggle, onDismiss, () => document.getElementById('first')!, trusted);
  widget.place();
  const box = document.querySelector(`[${SWITCH_ATTRIBUTE}]`)!;
  const hint = box.querySelector<HTMLElement>('[role="status"]')!;
  const [toggle, dismiss] = [...box.querySelectorAll('button')] as [HTMLButtonElement, HTMLButtonElement];
  return { widget, box, hint, toggle, dismiss, onToggle, onDismiss };
}

const HINT = 'For you learns from what you save and hide: save 5 more papers and hide 20 more.';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('For you switch and hint', () => {
  it('takes its place above the list before any reply, showing nothing', () => {
    const { box, toggle, dismiss } = setup();
    expect(box.nextElementSibling?.localName).toBe('dl');
    expect(box.hasAttribute('data-papershelf-pending')).toBe(true);
    expect(toggle.hidden).toBe(true);
    expect(dismiss.hidden).toBe(true);
  });

  it('a dismissed hint stays dismissed when a reply sent before the dismissal still carries it', () => {
    const { widget, hint, dismiss, onDismiss } = setup();
    widget.show('learning', HINT, false);
    expect(hint.textContent).toBe(HINT);
    expect(hint.hidden).toBe(false);
    expect(dismiss.hidden).toBe(false);
    dismiss.click();
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(hint.hidden).toBe(true);
    // The late reply: the background had not heard of the dismissal when it answered.
    widget.show('learning', HINT, false);
    expect(hint.hidden).toBe(true);
    expect(hint.textContent).toBe('');
    expect(dismiss.hidden).toBe(true);
  });

  it('a model that became ready and was reset later starts a new hint', () => {
    const { widget, hint, dismiss, toggle } = setup();
    widget.show('learning', HINT, false);
    dismiss.click();
    widget.show('ready', '', false);
    expect(toggle.hidden).toBe(false);
    widget.show('learning', HINT, false);
    expect(hint.hidden).toBe(false);
    expect(hint.textContent).toBe(HINT);
  });

  it("answers only the reader's own clicks", () => {
    const { widget, hint, dismiss, toggle, onDismiss, onToggle } = setup(() => false);
    widget.show('learning', HINT, false);
    dismiss.click();
    expect(onDismiss).not.toHaveBeenCalled();
    expect(hint.hidden).toBe(false);
    widget.show('ready', '', false);
    toggle.click();
    expect(onToggle).not.toHaveBeenCalled();
  });
});
