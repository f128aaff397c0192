import type { SyncStatus } from '../lib/messaging/sync-protocol';
import { popupLine } from './sync-words';

/**
 * The popup's small sync line: synced, syncing, offline, or the problem in words. Nothing at all
 * while sync is off, so a popup without sync looks as it always did.
 */
export function SyncState({ status, now }: { status: SyncStatus | undefined; now: number }) {
  const line = status && popupLine(status, now);
  if (!status || line === undefined) return null;
  const tone = status.state === 'error' ? 'problem' : 'muted';
  return (
    <p class={`sync-state ${tone}`} role="status" data-sync-state={status.state}>
      {line}
    </p>
  );
}
