import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/t';
import { messageOf } from './message-of';

export type LiveResult<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

/**
 * Subscribes a Preact component to a Dexie query: it re-runs whenever a write (from the background,
 * in any context of the extension) touches what the query read. dexie-react-hooks does the same for
 * React; this is the few lines Preact needs without a compat layer.
 *
 * `query` may be undefined until what it needs is loaded (the popup loads Dexie after its first
 * paint); Dexie's liveQuery is imported on first use for the same reason.
 */
export function useLiveQuery<T>(query: (() => Promise<T>) | undefined, deps: unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  useEffect(() => {
    if (!query) return;
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    const fail = (error: unknown) => setResult({ status: 'error', error: messageOf(error, t('databaseUnreadable')) });
    import('dexie').then(({ liveQuery }) => {
      if (stopped) return;
      const subscription = liveQuery(query).subscribe({ next: (value) => setResult({ status: 'ready', value }), error: fail });
      unsubscribe = () => subscription.unsubscribe();
    }, fail);
    return () => {
      stopped = true;
      unsubscribe?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return result;
}
