import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../messaging/sync-protocol';

/**
 * Sync's status for the popup, followed live once `ready` (after the first rows are painted: the
 * sync client brings Zod's schemas, which the first paint does without). Undefined until known.
 */
export function useSyncState(ready: boolean): { status: SyncStatus | undefined; at: number } {
  const [state, setState] = useState<{ status: SyncStatus | undefined; at: number }>({ status: undefined, at: 0 });
  useEffect(() => {
    if (!ready) return;
    let stop: (() => void) | undefined;
    let stopped = false;
    void import('../ui/sync-client').then(({ watchSyncStatus }) => {
      if (stopped) return;
      // A popup that cannot read sync's state shows nothing about it; the library page says why.
      stop = watchSyncStatus((status) => setState({ status, at: Date.now() }), () => undefined);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }, [ready]);
  return state;
}
