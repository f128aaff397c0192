import type { Page } from 'playwright-core';

/**
 * Keys pressed in one burst, as real input (trusted events): every key down and up goes out through
 * CDP's Input domain without waiting for the one before, so the page handles them in order and in
 * quick succession — an impatient user on the keyboard, for tests that need writes to leave a page
 * together. Only single printable characters (the triage keys).
 *
 * Why not a script's `click()` or `dispatchEvent`: Papershelf ignores untrusted events on listing
 * pages (lib/content/user-input.ts), which is what those make. Why not `page.keyboard.press` in a
 * loop: each waits for the page's answer to the one before.
 */
export async function keyBurst(page: Page, keys: readonly string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await Promise.all(
      keys.flatMap((key) => {
        if ([...key].length !== 1) throw new Error(`keyBurst: "${key}" is not one character`);
        const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '';
        return [
          cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, text: key, unmodifiedText: key }),
          cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code }),
        ];
      }),
    );
  } finally {
    await cdp.detach();
  }
}
