/**
 * The library page's Sync section in jsdom, with a fake background: each state renders what the
 * user needs (the form, the problem in words, the devices), the form refuses what the background
 * would refuse with SyncFolderUrlSchema's words, Connect asks for the folder's server before it
 * sends ui:syncConnect, and background:syncChanged moves the section on without a request.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../../lib/messaging/sync-protocol';

const fake = vi.hoisted(() => ({
  sent: [] as Array<Record<string, unknown>>,
  /** What the background answers each request with: a status, or a refusal in words. */
  answer: (_message: Record<string, unknown>): unknown => ({ ok: false, error: 'not expected here' }),
  /** Held until released, to see the section while a request runs. */
  hold: undefined as Promise<void> | undefined,
  granted: true,
  permissionRequests: [] as unknown[],
  /** Every call, in order: permission prompts and messages. */
  calls: [] as string[],
  listeners: new Set<(message: unknown) => void>(),
}));

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      async sendMessage(message: Record<string, unknown>) {
        fake.sent.push(message);
        fake.calls.push(String(message.type));
        if (fake.hold) await fake.hold;
        return fake.answer(message);
      },
      onMessage: {
        addListener: (listener: (message: unknown) => void) => fake.listeners.add(listener),
        removeListener: (listener: (message: unknown) => void) => fake.listeners.delete(listener),
      },
    },
    permissions: {
      async request(permissions: unknown) {
        fake.permissionRequests.push(permissions);
        fake.calls.push('permissions.request');
        return fake.granted;
      },
    },
  },
}));

import { SyncSection } from '../../../../entrypoints/library/SyncSection';

const NOW = Date.now();
const MINUTE = 60_000;
const LAPTOP = { id: 'dev-laptop', name: 'Ada’s laptop', lastSync: NOW - 2 * MINUTE };
const OFF: SyncStatus = { state: 'off', thisDevice: { id: 'dev-laptop', name: 'Ada’s laptop' }, devices: [] };
const CONNECTED: SyncStatus = {
  state: 'idle',
  url: 'https://cloud.example.org/remote.php/dav/files/ada/Papershelf/',
  user: 'ada',
  lastSync: NOW - 2 * MINUTE,
  thisDevice: LAPTOP,
  devices: [LAPTOP, { id: 'dev-desktop', name: 'Office desktop', lastSync: NOW - 3 * 60 * MINUTE }, { id: 'dev-tablet', name: 'Tablet' }],
};

let current: SyncStatus = OFF;
const cleanups: Array<() => void> = [];
beforeEach(() => {
  fake.sent.length = 0;
  fake.calls.length = 0;
  fake.permissionRequests.length = 0;
  fake.granted = true;
  fake.hold = undefined;
  current = OFF;
  fake.answer = (message) => {
    if (message.type === 'ui:syncStatus') return { ok: true, result: current };
    return { ok: false, error: 'not expected here' };
  };
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) await act(() => new Promise((resolve) => setTimeout(resolve, 1)));
}

async function mount() {
  const host = document.body.appendChild(document.createElement('div'));
  act(() => render(<SyncSection />, host));
  cleanups.push(() => {
    act(() => render(null, host));
    host.remove();
  });
  await settle();
  const field = (label: string) => {
    const element = [...host.querySelectorAll('label')].find((candidate) => candidate.textContent === label);
    return element ? (host.querySelector(`#${element.htmlFor}`) as HTMLInputElement) : undefined;
  };
  const button = (text: string) => [...host.querySelectorAll('button')].find((candidate) => candidate.textContent === text) as HTMLButtonElement | undefined;
  const type = (label: string, value: string) =>
    act(() => {
      const input = field(label)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const alerts = () => [...host.querySelectorAll('[role="alert"]')].map((element) => element.textContent);
  const submit = async (text: string) => {
    act(() => button(text)!.click());
    await settle();
  };
  return { host, field, button, type, alerts, submit };
}

function push(status: SyncStatus) {
  act(() => {
    for (const listener of fake.listeners) listener({ type: 'background:syncChanged', status });
  });
}

describe('Sync section, off', () => {
  it('shows the three labelled fields, Connect, and help with the Nextcloud address and app passwords', async () => {
    const { host, field, button } = await mount();
    expect(fake.sent).toEqual([{ type: 'ui:syncStatus' }]);
    expect(host.querySelector('h2')!.textContent).toBe('Sync');
    expect(field('WebDAV folder URL')!.type).toBe('url');
    expect(field('User name')!.type).toBe('text');
    expect(field('Password')!.type).toBe('password');
    expect(field('Password')!.autocomplete).toBe('new-password');
    expect(button('Connect')).toBeDefined();
    expect(button('Sync now')).toBeUndefined();
    const help = host.querySelector('#sync-help')!.textContent!;
    expect(help).toContain('https://cloud.example.org/remote.php/dav/files/USER/Papershelf/');
    expect(help).toContain('Use an app password');
  });

  it.each([
    ['', 'The folder URL is not a web address (it starts with https://).'],
    ['cloud.example.org/remote.php/dav', 'The folder URL is not a web address (it starts with https://).'],
    ['ftp://cloud.example.org/dav/', 'The folder URL must start with https://.'],
    ['https://ada:secret@cloud.example.org/dav/', 'Put the user name and password in their own fields, not in the URL.'],
  ])('refuses the URL %j with SyncFolderUrlSchema’s words, and sends nothing', async (url, words) => {
    const { field, type, submit, host } = await mount();
    type('WebDAV folder URL', url);
    type('User name', 'ada');
    await submit('Connect');
    expect(host.querySelector('#sync-url-problem')!.textContent).toBe(words);
    expect(field('WebDAV folder URL')!.getAttribute('aria-invalid')).toBe('true');
    expect(field('WebDAV folder URL')!.getAttribute('aria-describedby')).toBe('sync-url-problem');
    expect(document.activeElement).toBe(field('WebDAV folder URL'));
    expect(fake.permissionRequests).toEqual([]);
    expect(fake.sent.map((message) => message.type)).toEqual(['ui:syncStatus']);
  });

  it('asks for a user name', async () => {
    const { type, submit, host } = await mount();
    type('WebDAV folder URL', 'https://cloud.example.org/dav/');
    await submit('Connect');
    expect(host.querySelector('#sync-user-problem')!.textContent).toBe('Enter the user name you sign in to the server with.');
    expect(fake.sent).toHaveLength(1);
  });

  it('asks for the folder’s server first, then sends ui:syncConnect, shows progress, and then the connected state', async () => {
    let release!: () => void;
    fake.answer = (message) => (message.type === 'ui:syncConnect' ? { ok: true, result: { ...CONNECTED, devices: [LAPTOP], lastSync: Date.now() } } : { ok: true, result: current });
    const { host, type, submit, button } = await mount();
    type('WebDAV folder URL', '  https://cloud.example.org:8443/remote.php/dav/files/ada/Papershelf/ ');
    type('User name', 'ada');
    type('Password', 'app-password-1');
    fake.hold = new Promise((resolve) => (release = resolve));
    await submit('Connect');
    expect(fake.permissionRequests).toEqual([{ origins: ['https://cloud.example.org/*'] }]);
    expect(fake.calls).toEqual(['ui:syncStatus', 'permissions.request', 'ui:syncConnect']);
    expect(fake.sent.at(-1)).toEqual({ type: 'ui:syncConnect', url: 'https://cloud.example.org:8443/remote.php/dav/files/ada/Papershelf/', user: 'ada', password: 'app-password-1' });
    expect(host.querySelector('progress[aria-label="Connecting"]')).not.toBeNull();
    expect(host.textContent).toContain('Checking the folder');
    // A second press while connecting sends nothing more.
    await submit('Connect');
    expect(fake.sent.filter((message) => message.type === 'ui:syncConnect')).toHaveLength(1);
    release();
    await settle();
    expect(host.querySelector('progress')).toBeNull();
    expect(host.querySelector('.sync-line')!.textContent).toBe('Synced just now · 1 device');
    expect(button('Sync now')).toBeDefined();
    expect(button('Connect')).toBeUndefined();
  });

  it('says so when the permission prompt is refused, and sends nothing', async () => {
    fake.granted = false;
    const { type, submit, alerts } = await mount();
    type('WebDAV folder URL', 'https://cloud.example.org/dav/');
    type('User name', 'ada');
    await submit('Connect');
    expect(alerts()).toEqual(['Papershelf needs your permission to reach cloud.example.org, and asks for that server only. Click Connect again and choose Allow.']);
    expect(fake.sent.map((message) => message.type)).toEqual(['ui:syncStatus']);
  });

  it('refuses plain http to another computer before any prompt (the password would travel in clear)', async () => {
    const { type, submit, alerts } = await mount();
    type('WebDAV folder URL', 'http://cloud.example.org/dav/');
    type('User name', 'ada');
    await submit('Connect');
    expect(alerts()[0]).toMatch(/only over https:\/\/.*Use https:\/\/cloud\.example\.org\/dav\/\./);
    expect(fake.permissionRequests).toEqual([]);
  });

  it('asks for http://127.0.0.1/* for a server on this computer', async () => {
    fake.answer = (message) => (message.type === 'ui:syncConnect' ? { ok: false, error: 'the server refused the user name or password (401)' } : { ok: true, result: current });
    const { type, submit, alerts } = await mount();
    type('WebDAV folder URL', 'http://127.0.0.1:8080/dav/');
    type('User name', 'ada');
    await submit('Connect');
    expect(fake.permissionRequests).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
    // The background's refusal, in its words, as a sentence.
    expect(alerts()).toEqual(['The server refused the user name or password (401).']);
  });

  it('shows why sync went off, and offers the last folder and user again', async () => {
    current = { ...OFF, url: 'https://cloud.example.org/dav/', user: 'ada', problem: 'The server refused the user name or password (401).' };
    const { field, alerts } = await mount();
    expect(alerts()).toEqual(['The server refused the user name or password (401).']);
    expect(field('WebDAV folder URL')!.value).toBe('https://cloud.example.org/dav/');
    expect(field('User name')!.value).toBe('ada');
    expect(field('Password')!.value).toBe('');
  });
});

describe('Sync section, connected', () => {
  it('says when it last synced and lists each device with when it last synced', async () => {
    current = CONNECTED;
    const { host, field, button } = await mount();
    expect(host.querySelector('.sync-line')!.textContent).toBe('Synced 2 minutes ago · 3 devices');
    const devices = [...host.querySelectorAll('.sync-devices li')].map((item) => item.textContent);
    expect(devices).toEqual(['This device’s nameRenamelast synced 2 minutes ago', 'Office desktop last synced 3 hours ago', 'Tablet not synced yet']);
    expect(field('This device’s name')!.value).toBe('Ada’s laptop');
    expect(host.textContent).toContain('cloud.example.org/remote.php/dav/files/ada/Papershelf/');
    expect(button('Disconnect')!.getAttribute('aria-describedby')).toBe('sync-disconnect-note');
    expect(host.querySelector('#sync-disconnect-note')!.textContent).toMatch(/library here stays as it is/);
    expect(host.querySelector('[role="status"]')!.textContent).toBe('Synced');
  });

  it('renames this device with ui:syncRenameDevice, and refuses an empty name in words', async () => {
    current = CONNECTED;
    fake.answer = (message) =>
      message.type === 'ui:syncRenameDevice'
        ? { ok: true, result: { ...CONNECTED, thisDevice: { ...LAPTOP, name: message.name }, devices: CONNECTED.devices.map((device) => (device.id === LAPTOP.id ? { ...device, name: message.name } : device)) } }
        : { ok: true, result: current };
    const { type, submit, host, field } = await mount();
    type('This device’s name', '   ');
    await submit('Rename');
    expect(host.querySelector('#sync-device-name-problem')!.textContent).toBe('A device needs a name.');
    expect(fake.sent.some((message) => message.type === 'ui:syncRenameDevice')).toBe(false);
    type('This device’s name', '  Lab laptop ');
    await submit('Rename');
    expect(fake.sent.at(-1)).toEqual({ type: 'ui:syncRenameDevice', name: 'Lab laptop' });
    expect(field('This device’s name')!.value).toBe('Lab laptop');
    expect(host.textContent).toContain('This device is now called Lab laptop.');
  });

  it('Sync now sends ui:syncNow and shows progress while syncing; pushes move the section on', async () => {
    current = CONNECTED;
    fake.answer = (message) => (message.type === 'ui:syncNow' ? { ok: true, result: { ...CONNECTED, state: 'syncing' } } : { ok: true, result: current });
    const { host, submit, button } = await mount();
    await submit('Sync now');
    expect(fake.sent.at(-1)).toEqual({ type: 'ui:syncNow' });
    expect(host.querySelector('progress[aria-label="Syncing"]')).not.toBeNull();
    expect(host.querySelector('.sync-line')!.textContent).toBe('Syncing… · 3 devices');
    expect(button('Sync now')!.getAttribute('aria-disabled')).toBe('true');
    push({ ...CONNECTED, lastSync: Date.now() });
    expect(host.querySelector('progress')).toBeNull();
    expect(host.querySelector('.sync-line')!.textContent).toBe('Synced just now · 3 devices');
    // A message that is not a valid push changes nothing.
    act(() => {
      for (const listener of fake.listeners) listener({ type: 'background:syncChanged', status: { state: 'hacked' } });
    });
    expect(host.querySelector('.sync-line')!.textContent).toBe('Synced just now · 3 devices');
  });

  it('measures a pushed status against the time it came, not the time the page opened', async () => {
    current = CONNECTED;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { host } = await mount();
      vi.setSystemTime(Date.now() + 10 * MINUTE);
      push({ ...CONNECTED, lastSync: Date.now() - 2 * MINUTE });
      expect(host.querySelector('.sync-line')!.textContent).toBe('Synced 2 minutes ago · 3 devices');
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the problem in words, and when the next try is due', async () => {
    current = { ...CONNECTED, state: 'error', problem: 'The server refused the user name or password (401).', nextAttemptAt: Date.now() + 5 * MINUTE - 1000 };
    const { host, alerts } = await mount();
    expect(host.querySelector('.sync-line')!.textContent).toBe('Sync stopped · synced 2 minutes ago');
    expect(alerts()).toEqual(['The server refused the user name or password (401). Papershelf tries again in 5 minutes.']);
  });

  it('says when it is offline', async () => {
    current = { ...CONNECTED, state: 'offline', problem: 'This computer is offline: sync will try again when the network is back.' };
    const { host } = await mount();
    expect(host.querySelector('.sync-line')!.textContent).toBe('Offline: sync will try again when the server can be reached · synced 2 minutes ago');
  });

  it('Disconnect sends ui:syncDisconnect, says the library is kept, and shows the form again', async () => {
    current = CONNECTED;
    fake.answer = (message) => (message.type === 'ui:syncDisconnect' ? { ok: true, result: { ...OFF, url: CONNECTED.url, user: 'ada' } } : { ok: true, result: current });
    const { host, submit, button, field } = await mount();
    await submit('Disconnect');
    expect(fake.sent.at(-1)).toEqual({ type: 'ui:syncDisconnect' });
    expect(host.textContent).toContain('Disconnected. The library on this device is as it was; sync is off.');
    expect(button('Connect')).toBeDefined();
    expect(field('WebDAV folder URL')!.value).toBe(CONNECTED.url);
  });

  it('says in words when the background’s answer cannot be read', async () => {
    fake.answer = () => ({ ok: true, result: { state: 'idle' } });
    const { alerts } = await mount();
    expect(alerts()).toEqual(['Papershelf got no valid answer from its background page. Reload this page and try again.']);
  });
});
