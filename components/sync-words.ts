import type { SyncStatus } from '../lib/messaging/sync-protocol';
import { plural, t } from '../lib/i18n/t';

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
  if (elapsed < MINUTE) return t('justNow');
  if (elapsed < HOUR) return RELATIVE.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return RELATIVE.format(-Math.floor(elapsed / HOUR), 'hour');
  return RELATIVE.format(-Math.floor(elapsed / DAY), 'day');
}

/** "in 3 minutes", for the next attempt after a failure. */
export function inTime(then: number, now: number): string {
  const wait = then - now;
  if (wait < MINUTE) return t('inLessThanAMinute');
  if (wait < HOUR) return RELATIVE.format(Math.ceil(wait / MINUTE), 'minute');
  return RELATIVE.format(Math.ceil(wait / HOUR), 'hour');
}

export function devicesWord(count: number): string {
  return plural(count, 'deviceCountOne', 'deviceCount');
}

/** The section's one status line: what sync is doing or last did, and how many devices share the folder. */
export function statusLine(status: SyncStatus, now: number): string {
  const devices = devicesWord(Math.max(1, status.devices.length));
  const synced = status.lastSync === undefined ? undefined : ago(status.lastSync, now);
  switch (status.state) {
    case 'off':
      return t('syncIsOffThisDeviceOnly');
    case 'syncing':
      return t('syncingDevices', devices);
    case 'offline':
      return synced === undefined ? t('syncOfflineNotSynced') : t('syncOfflineSynced', synced);
    case 'error':
      return synced === undefined ? t('syncStoppedNotSynced') : t('syncStoppedSynced', synced);
    case 'idle':
      return synced === undefined ? t('notSyncedYetDevices', devices) : t('syncedAgoDevices', synced, devices);
  }
}

/** The popup's short line; undefined when sync is off (the popup then shows nothing about it). */
export function popupLine(status: SyncStatus, now: number): string | undefined {
  switch (status.state) {
    case 'off':
      return undefined;
    case 'syncing':
      return t('syncingEllipsis');
    case 'offline':
      return t('syncOfflineShort');
    case 'error':
      return t('syncProblem', status.problem ?? t('syncProblemSeeLibrary'));
    case 'idle':
      return status.lastSync === undefined ? t('syncOnNotSyncedYet') : t('syncedAgo', ago(status.lastSync, now));
  }
}
