/**
 * Clicks on the popup's first frame before PopupApp runs (lib/popup/held-clicks.ts): kept, not
 * lost, and given to the elements again once released; links and clicks elsewhere are left alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { holdClicks } from '../../../lib/popup/held-clicks';

afterEach(() => document.body.replaceChildren());

function frame() {
  const root = document.body.appendChild(document.createElement('div'));
  const button = root.appendChild(document.createElement('button'));
  const label = root.appendChild(document.createElement('label'));
  const radio = label.appendChild(document.createElement('input'));
  radio.type = 'radio';
  const link = root.appendChild(document.createElement('a'));
  link.href = '#elsewhere';
  const outside = document.body.appendChild(document.createElement('button'));
  const clicks: string[] = [];
  button.addEventListener('click', () => clicks.push('button'));
  radio.addEventListener('click', () => clicks.push('radio'));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    clicks.push('link');
  });
  outside.addEventListener('click', () => clicks.push('outside'));
  return { root, button, label, radio, link, outside, clicks };
}

describe('clicks held until the popup is there', () => {
  it('keeps clicks on buttons and view choices, then gives them back in order', () => {
    const { root, button, radio, clicks } = frame();
    const release = holdClicks(root);
    radio.click();
    button.click();
    button.click();
    expect(clicks).toEqual([]);
    expect(radio.checked).toBe(false);
    release();
    expect(clicks).toEqual(['radio', 'button']);
    expect(radio.checked).toBe(true);
    button.click();
    expect(clicks).toEqual(['radio', 'button', 'button']);
  });

  it('leaves links and what is outside the frame alone', () => {
    const { root, link, outside, clicks } = frame();
    const release = holdClicks(root);
    link.click();
    outside.click();
    expect(clicks).toEqual(['link', 'outside']);
    release();
    expect(clicks).toEqual(['link', 'outside']);
  });
});
