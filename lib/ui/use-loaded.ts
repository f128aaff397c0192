import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/t';
import { messageOf } from './message-of';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

/** Code a page imports after its first paint: loading, then ready (or why it failed). */
export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let stopped = false;
    load().then(
      (value) => !stopped && setLoaded({ status: 'ready', value }),
      (error: unknown) => !stopped && setLoaded({ status: 'error', error: messageOf(error, t('databaseUnreadable')) }),
    );
    return () => {
      stopped = true;
    };
    // Loaded once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return loaded;
}
