/**
 * The popup's sync line: nothing while sync is off, then synced / syncing / offline / the problem
 * in words, following background:syncChanged (useSyncState over a fake background).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../lib/messaging/sync-protocol';

const fake = vi.hoisted(() => ({ status: undefined as unknown, listeners: new Set<(message: unknown) => void>(), sent: [] as unknown[] }));
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      async sendMessage(message: unknown) {
        fake.sent.push(message);
        return { ok: true, result: fake.status };
      },
      onMessage: {
        addListener: (listener: (message: unknown) => void) => fake.listeners.add(listener),
        removeListener: (listener: (message: unknown) => void) => fake.listeners.delete(listener),
      },
    },
  },
}));

import { SyncState } from '../../../components/SyncState';
import { ago, popupLine } from '../../../components/sync-words';
import { useSyncState } from '../../../lib/popup/use-sync-state';

const NOW = 1_800_000_000_000;
const BASE: SyncStatus = { state: 'idle', url: 'https://dav.example.org/', lastSync: NOW - 5 * 60_000, thisDevice: { id: 'a', name: 'Laptop' }, devices: [{ id: 'a', name: 'Laptop' }] };

function renderState(status: SyncStatus | undefined) {
  const host = document.createElement('div');
  render(<SyncState status={status} now={NOW} />, host);
  return host;
}

describe('SyncState (popup)', () => {
  it('is absent while sync is off or unknown', () => {
    expect(renderState(undefined).innerHTML).toBe('');
    expect(renderState({ ...BASE, state: 'off' }).innerHTML).toBe('');
  });

  it.each<[SyncStatus, string, string]>([
    [BASE, 'Synced 5 minutes ago', 'muted'],
    [{ ...BASE, lastSync: undefined }, 'Sync on, not synced yet', 'muted'],
    [{ ...BASE, state: 'syncing' }, 'Syncing…', 'muted'],
    [{ ...BASE, state: 'offline', problem: 'This computer is offline.' }, 'Sync: offline, will try again', 'muted'],
    [{ ...BASE, state: 'error', problem: 'The server has no space left for this account (507).' }, 'Sync problem: The server has no space left for this account (507).', 'problem'],
  ])('says %#: %s', (status, words, tone) => {
    const line = renderState(status).querySelector('p')!;
    expect(line.textContent).toBe(words);
    expect(line.getAttribute('role')).toBe('status');
    expect(line.classList.contains(tone)).toBe(true);
    expect(line.dataset.syncState).toBe(status.state);
  });
});

describe('sync words', () => {
  it.each([
    [30_000, 'just now'],
    [60_000, '1 minute ago'],
    [2 * 60_000 + 59_000, '2 minutes ago'],
    [3 * 3_600_000, '3 hours ago'],
    [49 * 3_600_000, '2 days ago'],
    [-3_600_000, 'just now'],
  ])('%d ms ago reads "%s"', (elapsed, words) => {
    expect(ago(NOW - elapsed, NOW)).toBe(words);
  });

  it('an error without a reason still says where to look', () => {
    expect(popupLine({ ...BASE, state: 'error' }, NOW)).toMatch(/library’s Sync section/);
  });
});

describe('useSyncState (popup)', () => {
  const hosts: HTMLElement[] = [];
  afterEach(() => {
    for (const host of hosts.splice(0)) act(() => render(null, host));
  });

  function Probe({ ready }: { ready: boolean }) {
    const sync = useSyncState(ready);
    return <SyncState status={sync.status} now={sync.at} />;
  }

  it('asks nothing before the first paint is done, then follows the background’s pushes', async () => {
    fake.status = { ...BASE, lastSync: Date.now() };
    const host = document.createElement('div');
    hosts.push(host);
    act(() => render(<Probe ready={false} />, host));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(fake.sent).toEqual([]);
    act(() => render(<Probe ready={true} />, host));
    await vi.waitFor(() => expect(host.textContent).toBe('Synced just now'));
    expect(fake.sent).toEqual([{ type: 'ui:syncStatus' }]);
    act(() => {
      for (const listener of fake.listeners) listener({ type: 'background:syncChanged', status: { ...BASE, state: 'syncing' } });
    });
    expect(host.textContent).toBe('Syncing…');
    act(() => {
      for (const listener of fake.listeners) listener({ type: 'background:syncChanged', status: { ...BASE, state: 'off' } });
    });
    expect(host.textContent).toBe('');
  });
});
