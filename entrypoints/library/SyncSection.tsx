import { useEffect, useState } from 'preact/hooks';
import { SyncConnected } from '../../components/library/SyncConnected';
import { SyncForm, type SyncCredentials } from '../../components/library/SyncForm';
import { statusLine } from '../../components/sync-words';
import type { SyncUiRequest } from '../../lib/messaging/sync-protocol';
import { askSync, requestFolderPermission, useSyncStatus } from '../../lib/ui/sync-client';
import { sentence, type Outcome } from '../../lib/ui/ask';
import { t } from '../../lib/i18n/t';

/** How often "2 minutes ago" moves on. */
const TICK_MS = 30_000;

type Pending = 'connect' | 'sync' | 'disconnect' | 'rename';

/**
 * Sync through the user's own WebDAV folder (issue #15). The background holds the credentials,
 * talks to the server and pushes every change of state (`background:syncChanged`); this section
 * shows that state and sends what the user asks for.
 */
export function SyncSection() {
  const { status, error, update } = useSyncStatus();
  const [pending, setPending] = useState<Pending>();
  const [note, setNote] = useState<Outcome>();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // A new status is measured against the time it came, not the last tick.
  useEffect(() => setNow(Date.now()), [status]);

  const send = async (kind: Pending, request: SyncUiRequest, done?: string): Promise<boolean> => {
    setPending(kind);
    setNote(undefined);
    const answer = await askSync(request);
    setPending(undefined);
    if (!answer.ok) {
      setNote({ tone: 'error', text: sentence(answer.error) });
      return false;
    }
    update(answer.status);
    if (done) setNote({ tone: 'done', text: done });
    return true;
  };

  const connect = async (credentials: SyncCredentials) => {
    setNote(undefined);
    setPending('connect');
    // First, while the click still counts as the user's: the browser shows its prompt only then.
    const refused = await requestFolderPermission(credentials.url);
    if (refused) {
      setPending(undefined);
      setNote({ tone: 'error', text: refused });
      return;
    }
    await send('connect', { type: 'ui:syncConnect', ...credentials });
  };

  const off = status === undefined || status.state === 'off';
  return (
    <section aria-labelledby="sync-heading" aria-busy={pending === 'connect' ? 'true' : undefined}>
      <h2 id="sync-heading">{t('sync')}</h2>
      {status === undefined && !error && <p class="muted">{t('readingSyncState')}</p>}
      {error && (
        <p class="problem" role="alert">
          {sentence(error)}
        </p>
      )}
      {status && off && (
        <>
          <p class="muted">{statusLine(status, now)}</p>
          {/* Why the last connection stopped (the background turned sync off), until the next try. */}
          {status.problem && !note && (
            <p class="problem" role="alert">
              {status.problem}
            </p>
          )}
          <SyncForm initial={{ url: status.url, user: status.user }} busy={pending === 'connect'} onConnect={(credentials) => void connect(credentials)} />
        </>
      )}
      {status && !off && (
        <SyncConnected
          status={status}
          now={now}
          pending={pending === 'connect' ? undefined : pending}
          onSyncNow={() => void send('sync', { type: 'ui:syncNow' })}
          onDisconnect={() => void send('disconnect', { type: 'ui:syncDisconnect' }, t('syncDisconnected'))}
          onRename={(name) => void send('rename', { type: 'ui:syncRenameDevice', name }, t('deviceRenamed', name))}
        />
      )}
      {/* Once the first round starts, the status (syncing) shows the progress instead. */}
      {pending === 'connect' && off && (
        <p class="muted" role="status">
          <progress class="sync-progress" aria-label={t('connecting')} /> {t('checkingTheFolder')}
        </p>
      )}
      {note && (
        <p class={note.tone === 'error' ? 'problem' : 'done'} role={note.tone === 'error' ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </section>
  );
}
