import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/t';
import { browser } from 'wxt/browser';
import { SyncPushSchema, type SyncStatus, type SyncUiRequest } from '../messaging/sync-protocol';
import { ask } from './ask';

/**
 * The pages' side of sync (library page, popup): requests to the background, which alone talks
 * to the server, and the status it pushes with `background:syncChanged`.
 */

export type SyncAnswer = { ok: true; status: SyncStatus } | { ok: false; error: string };

/**
 * One sync request; every request answers the status after it, which `ask` has already checked
 * against the request table (lib/messaging/requests.ts).
 */
export async function askSync(request: SyncUiRequest): Promise<SyncAnswer> {
  const reply = await ask(request);
  return reply.ok ? { ok: true, status: reply.result } : reply;
}

/**
 * Follows the status: asks for it once, then takes every `background:syncChanged` push. Returns
 * the function that stops following.
 */
export function watchSyncStatus(onStatus: (status: SyncStatus, pushed: boolean) => void, onError: (error: string) => void): () => void {
  let stopped = false;
  let pushed = false;
  const onMessage = (message: unknown) => {
    const push = SyncPushSchema.safeParse(message);
    if (push.success && !stopped) {
      pushed = true;
      onStatus(push.data.status, true);
    }
    // Nothing is answered here: the background's replies to other messages come from elsewhere.
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  void askSync({ type: 'ui:syncStatus' }).then((answer) => {
    // A push that came first is newer than this answer.
    if (stopped || pushed) return;
    if (answer.ok) onStatus(answer.status, false);
    else onError(answer.error);
  });
  return () => {
    stopped = true;
    browser.runtime.onMessage.removeListener(onMessage);
  };
}

/** The status as the background last said it, for a component; `update` takes a request's answer. */
export function useSyncStatus(): { status: SyncStatus | undefined; error: string | undefined; update(status: SyncStatus): void } {
  const [status, setStatus] = useState<SyncStatus>();
  const [error, setError] = useState<string>();
  useEffect(
    () =>
      watchSyncStatus(
        (next) => {
          setStatus(next);
          setError(undefined);
        },
        setError,
      ),
    [],
  );
  return { status, error, update: setStatus };
}

/** The host permission Connect asks for: the folder's server, any port (`http://127.0.0.1/*` style). */
export function originPattern(folderUrl: string): string {
  const url = new URL(folderUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/**
 * Asks the browser for the folder's server (the prompt shows its name). Resolves undefined when
 * granted, or what stopped it in words. Call it first in a click handler: the browser allows the
 * prompt only in answer to the user's click.
 */
export async function requestFolderPermission(folderUrl: string): Promise<string | undefined> {
  const url = new URL(folderUrl);
  // The manifest allows plain http only on this computer: the password would cross the network in clear.
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return t('syncHttpsOnly', `https://${url.host}${url.pathname}`);
  try {
    const granted = await browser.permissions.request({ origins: [originPattern(folderUrl)] });
    return granted ? undefined : t('syncPermissionRefused', url.hostname);
  } catch {
    // Chromium throws when the prompt is not in answer to a click, or the origin is not one the manifest offers.
    return t('syncPromptNotShown', url.hostname);
  }
}
