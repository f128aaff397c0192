import { useEffect, useState } from 'preact/hooks';
import { DeviceNameSchema, type SyncDevice, type SyncStatus } from '../../lib/messaging/sync-protocol';
import { ago, inTime, statusLine } from '../sync-words';
import { t, type MessageKey } from '../../lib/i18n/t';
import { slot, withParts } from '../../lib/i18n/slots';

export interface SyncConnectedProps {
  status: SyncStatus;
  /** For "2 minutes ago"; the section ticks it. */
  now: number;
  /** A request is on its way (Sync now, Disconnect, Rename): its button says so. */
  pending: 'sync' | 'disconnect' | 'rename' | undefined;
  onSyncNow(): void;
  onDisconnect(): void;
  /** Called with a name DeviceNameSchema accepts. */
  onRename(name: string): void;
}

/** What a connected device shows: the state in one line, the devices sharing the folder, and the actions. */
export function SyncConnected({ status, now, pending, onSyncNow, onDisconnect, onRename }: SyncConnectedProps) {
  const syncing = status.state === 'syncing' || pending === 'sync';
  const others = status.devices.filter((device) => device.id !== status.thisDevice.id);
  const thisDevice = status.devices.find((device) => device.id === status.thisDevice.id) ?? status.thisDevice;
  return (
    <div class="sync-connected">
      <p class="sync-line">{statusLine(status, now)}</p>
      {/* Read out when the state changes, not each minute the time above moves on. */}
      <p class="visually-hidden" role="status">
        {t(STATE_WORDS[status.state])}
      </p>
      {syncing && <progress class="sync-progress" aria-label={t('syncing')} />}
      {status.problem && (
        <p class="problem" role="alert">
          {status.problem}
          {status.nextAttemptAt !== undefined && status.nextAttemptAt > now && <> {t('triesAgainIn', inTime(status.nextAttemptAt, now))}</>}
        </p>
      )}
      <p class="muted sync-folder">
        {withParts(t(status.user ? 'syncFolderAndUser' : 'syncFolder', slot(0), status.user ?? ''), [<span key="url" class="sync-url">{status.url}</span>])}
      </p>
      <h3 id="sync-devices-heading">{t('devices')}</h3>
      <ul class="sync-devices" aria-labelledby="sync-devices-heading">
        <li>
          <ThisDeviceName device={thisDevice} busy={pending === 'rename'} onRename={onRename} />
          <span class="muted">{lastSyncWords(thisDevice, now)}</span>
        </li>
        {others.map((device) => (
          <li key={device.id}>
            <span class="sync-device-name">{device.name}</span> <span class="muted">{lastSyncWords(device, now)}</span>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="button primary" aria-disabled={syncing ? 'true' : undefined} onClick={() => !syncing && onSyncNow()}>
          {t('syncNow')}
        </button>
        <button type="button" class="button" aria-describedby="sync-disconnect-note" aria-disabled={pending === 'disconnect' ? 'true' : undefined} onClick={() => pending !== 'disconnect' && onDisconnect()}>
          {t('disconnect')}
        </button>
      </div>
      <p class="muted" id="sync-disconnect-note">
        {t('disconnectExplained')}
      </p>
    </div>
  );
}

const STATE_WORDS: Record<SyncStatus['state'], MessageKey> = { off: 'syncStateOff', idle: 'syncStateIdle', syncing: 'syncing', offline: 'syncStateOffline', error: 'syncStateError' };

function lastSyncWords(device: SyncDevice, now: number): string {
  return device.lastSync === undefined ? t('deviceNotSyncedYet') : t('deviceLastSynced', ago(device.lastSync, now));
}

/** This device's name, editable: it is how the other devices list it. */
function ThisDeviceName({ device, busy, onRename }: { device: SyncDevice; busy: boolean; onRename(name: string): void }) {
  const [name, setName] = useState(device.name);
  const [problem, setProblem] = useState<string>();
  // The name the background holds wins once it changes (a rename landed, or came from elsewhere).
  useEffect(() => setName(device.name), [device.name]);
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = DeviceNameSchema.safeParse(name);
    if (!checked.success) {
      const words = checked.error.issues[0]?.message ?? t('deviceNeedsAName');
      setProblem(`${words.charAt(0).toUpperCase()}${words.slice(1)}.`);
      return;
    }
    setProblem(undefined);
    if (!busy && checked.data !== device.name) onRename(checked.data);
  };
  return (
    <form class="sync-rename" onSubmit={submit} noValidate>
      <label for="sync-device-name">{t('thisDevicesName')}</label>
      <input
        id="sync-device-name"
        type="text"
        value={name}
        maxLength={80}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? 'sync-device-name-problem' : undefined}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
        {t('rename')}
      </button>
      {problem && (
        <p class="problem" id="sync-device-name-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
