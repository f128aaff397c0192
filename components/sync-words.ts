import type { SyncStatus } from '../lib/messaging/sync-protocol';

/**
 * Sync's state in words, for the library page's Sync section and the popup: "Synced 2 minutes
 * ago · 3 devices". Pure (`now` is given), so every state reads the same in tests.
 */

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "2 minutes ago", "3 hours ago", "5 days ago"; a future time (another device's clock) reads as "just now". */
export function ago(then: number, now: number): string {
  const elapsed = now - then;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return RELATIVE.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return RELATIVE.format(-Math.floor(elapsed / HOUR), 'hour');
  return RELATIVE.format(-Math.floor(elapsed / DAY), 'day');
}

/** "in 3 minutes", for the next attempt after a failure. */
export function inTime(then: number, now: number): string {
  const wait = then - now;
  if (wait < MINUTE) return 'in less than a minute';
  if (wait < HOUR) return RELATIVE.format(Math.ceil(wait / MINUTE), 'minute');
  return RELATIVE.format(Math.ceil(wait / HOUR), 'hour');
}

export function devicesWord(count: number): string {
  return `${count.toLocaleString('en')} device${count === 1 ? '' : 's'}`;
}

/** The section's one status line: what sync is doing or last did, and how many devices share the folder. */
export function statusLine(status: SyncStatus, now: number): string {
  const devices = devicesWord(Math.max(1, status.devices.length));
  const last = status.lastSync === undefined ? 'Not synced yet' : `Synced ${ago(status.lastSync, now)}`;
  switch (status.state) {
    case 'off':
      return 'Sync is off: this library is on this device only.';
    case 'syncing':
      return `Syncing… · ${devices}`;
    case 'offline':
      return `Offline: sync will try again when the server can be reached · ${last.toLowerCase()}`;
    case 'error':
      return `Sync stopped · ${last.toLowerCase()}`;
    case 'idle':
      return `${last} · ${devices}`;
  }
}

/** The popup's short line; undefined when sync is off (the popup then shows nothing about it). */
export function popupLine(status: SyncStatus, now: number): string | undefined {
  switch (status.state) {
    case 'off':
      return undefined;
    case 'syncing':
      return 'Syncing…';
    case 'offline':
      return 'Sync: offline, will try again';
    case 'error':
      return `Sync problem: ${status.problem ?? 'open the library’s Sync section to see what went wrong.'}`;
    case 'idle':
      return status.lastSync === undefined ? 'Sync on, not synced yet' : `Synced ${ago(status.lastSync, now)}`;
  }
}
