import { SavedPaperList } from '../../components/SavedPaperList';
import { PapershelfDatabase } from '../../lib/db/database';
import { savedPapersNewestFirst } from '../../lib/db/queries';
import { useLiveQuery } from '../../lib/ui/use-live-query';

// Extension pages read the library directly (same origin as the background) and never write to it.
const db = new PapershelfDatabase();

export function PopupApp() {
  const saved = useLiveQuery(() => savedPapersNewestFirst(db), []);
  return (
    <main>
      <header class="header">
        <h1>Papershelf</h1>
        {saved.status === 'ready' && <span class="count">{saved.value.length} saved</span>}
      </header>
      {saved.status === 'loading' && <p class="status">Opening your library…</p>}
      {saved.status === 'error' && <p class="status problem" role="alert">Papershelf could not open its library: {saved.error}</p>}
      {saved.status === 'ready' && <SavedPaperList papers={saved.value} />}
    </main>
  );
}
