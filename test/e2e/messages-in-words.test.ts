import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, closeSession, launch, readLibrary, type Session } from './harness.ts';
import { notWordsIn } from '../not-words.ts';

/**
 * Messages read off the real library page in Chromium: a malformed backup's preview refusal, and
 * the background's answer to a malformed request, are words a reader follows (test/not-words.ts).
 * The unit test test/unit/text/messages-in-words.test.ts drives every other path.
 */
describe.skipIf(!BROWSER_PATH)('messages on the library page are in words', () => {
  let session: Session;
  let page: Page;
  beforeAll(async () => {
    session = await launch();
    ({ page } = await session.openLibrary());
  });
  afterAll(() => closeSession(session));

  const good = { id: '2609.00001', title: 'A', authors: [], site: 'arxiv', url: 'https://arxiv.org/abs/2609.00001', tags: [], sources: {}, createdAt: 1, updatedAt: 1, savedAt: 1 };
  const backup = (papers: unknown[]) => JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-12-05T00:00:00.000Z', papers });

  test.each([
    ['a paper whose title is too long and whose tags are not a list', backup([good, { ...good, id: '2609.00002', title: 'T'.repeat(3_000), tags: 'a,b' }]), /^Could not import .*paper 2 \(arXiv:2609\.00002\) cannot be read: its title is longer than 2,000 characters; its tag list is not a list/i],
    ['a file that breaks off', '{"format": "papershelf-backup", "papers": [', /the file is not JSON/i],
    ['a paper that is a number', backup([42]), /paper 1 cannot be read: it is not a record/i],
  ])('a backup with %s is refused in words', async (_, body, expected) => {
    await page.getByLabel('Import a file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(body) });
    const alert = page.getByRole('alert').filter({ hasText: 'Could not import backup.json.' });
    await alert.waitFor();
    const shown = (await alert.textContent())!;
    expect(shown).toMatch(expected);
    expect(notWordsIn(shown), shown).toEqual([]);
    expect(await readLibrary(session)).toEqual([]);
  });

  test("the background's answer to a malformed request names the field as a reader does", async () => {
    const reply = await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'ui:setNote', id: 'arxiv:2609.00001', note: 'n'.repeat(30_000), extraField: 1 }));
    expect(reply).toMatchObject({ ok: false });
    const error = (reply as { error: string }).error;
    expect(error).toBe('Papershelf refused this request: the note is longer than 20,000 characters.');
    expect(notWordsIn(error)).toEqual([]);
  });
});
