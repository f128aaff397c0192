import { describe, expect, it, vi } from 'vitest';
import { createMessenger, noAnswerWords, reloadedWords } from '../../../lib/content/messenger';
import type { ContentRequest } from '../../../lib/messaging/protocol';

const request: ContentRequest = { type: 'content:getStates', ids: ['2409.00001'] };

describe('createMessenger', () => {
  it('passes the request through and returns the states of an ok reply', async () => {
    const sendMessage = vi.fn(async () => ({ ok: true, result: { '2409.00001': { saved: true, hidden: false, tags: ['a'] } } }));
    const send = createMessenger(sendMessage);
    await expect(send(request)).resolves.toEqual({ '2409.00001': { saved: true, hidden: false, tags: ['a'] } });
    expect(sendMessage).toHaveBeenCalledExactlyOnceWith(request);
  });

  it('throws an Error carrying the message of an error reply', async () => {
    const send = createMessenger(async () => ({ ok: false, error: 'the browser says storage is full' }));
    const failure = send(request);
    await expect(failure).rejects.toBeInstanceOf(Error);
    await expect(failure).rejects.toThrow('the browser says storage is full');
  });

  it.each([
    ['null', null],
    ['a string', 'ok'],
    ['ok without states', { ok: true }],
    ['states in the shape of an older reply', { ok: true, states: { '2409.00001': { saved: true, hidden: false, tags: [] } } }],
    ['ok with malformed states', { ok: true, result: { '2409.00001': { saved: 'yes' } } }],
    ['error without message', { ok: false }],
    ['ok as a string', { ok: 'true', states: {} }],
  ])('throws a clear error for a garbage reply: %s', async (_label, raw) => {
    const send = createMessenger(async () => raw);
    await expect(send(request)).rejects.toThrow('Papershelf got an unreadable reply from its background page.');
  });

  // A stopped service worker: Chromium rejects with its own words, or answers nothing at all.
  it.each([
    ['the channel closed before a reply', async () => Promise.reject(new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'))],
    ['no receiving end', async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))],
    ['no listener answered (undefined)', async () => undefined],
  ])('says in words that the background did not answer: %s', async (_label, sendMessage) => {
    const failure = createMessenger(sendMessage)(request);
    await expect(failure).rejects.toThrow(noAnswerWords());
    expect(noAnswerWords()).toMatch(/^Papershelf\b.+\.$/);
  });

  it('says the page needs a reload when the extension was reloaded under it, keeping the cause', async () => {
    const cause = new Error('Extension context invalidated.');
    const failure = createMessenger(async () => Promise.reject(cause))(request);
    await expect(failure).rejects.toThrow(reloadedWords());
    await expect(failure).rejects.toHaveProperty('cause', cause);
  });
});
