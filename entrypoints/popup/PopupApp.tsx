import { useState } from 'preact/hooks';
import { SavedPaperList } from '../../components/SavedPaperList';
import { entryToBibtex } from '../../lib/bibtex';
import { PapershelfDatabase } from '../../lib/db/database';
import { savedPapersNewestFirst } from '../../lib/db/queries';
import type { PaperRecord } from '../../lib/paper/model';
import { exportOptionsFrom, readSettings, SETTINGS_KEY } from '../../lib/settings';
import { downloadBibtex } from '../../lib/ui/export-bibtex';
import { useLiveQuery } from '../../lib/ui/use-live-query';

// Extension pages read the library directly (same origin as the background) and never write to it.
const db = new PapershelfDatabase();

export function PopupApp() {
  const saved = useLiveQuery(() => savedPapersNewestFirst(db), []);
  const settings = useLiveQuery(async () => readSettings(await db.settings.get(SETTINGS_KEY)), []);
  const [status, setStatus] = useState('');
  const [copiedId, setCopiedId] = useState<string>();
  const current = settings.status === 'ready' ? settings.value : readSettings(undefined);

  const exportAll = (papers: readonly PaperRecord[]) => {
    // Thousands of papers take a moment: say so, and let the message paint before the work starts.
    setStatus(`Exporting ${papers.length} paper${papers.length === 1 ? '' : 's'}…`);
    requestAnimationFrame(() => setTimeout(() => writeExport(papers), 0));
  };

  const writeExport = (papers: readonly PaperRecord[]) => setStatus(downloadBibtex(document, papers, current));

  const copyOne = async (paper: PaperRecord) => {
    try {
      await navigator.clipboard.writeText(entryToBibtex(paper, exportOptionsFrom(current)));
      setCopiedId(paper.id);
      setStatus(`Copied the BibTeX of arXiv:${paper.id}.`);
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <main>
      <header class="header">
        <h1>Papershelf</h1>
        {saved.status === 'ready' && <span class="count">{saved.value.length} saved</span>}
        <a href="/library.html" target="_blank">
          Library
        </a>
        {saved.status === 'ready' && (
          // Waits for the settings too: an export must follow the user's BibTeX style, never the default by accident.
          <button type="button" class="button" disabled={saved.value.length === 0 || settings.status !== 'ready'} onClick={() => exportAll(saved.value)}>
            Export BibTeX
          </button>
        )}
      </header>
      <p class="status" role="status">{status}</p>
      {saved.status === 'loading' && <p class="status">Opening your library…</p>}
      {saved.status === 'error' && <p class="status problem" role="alert">Papershelf could not open its library: {saved.error}</p>}
      {saved.status === 'ready' && <SavedPaperList papers={saved.value} onCopyBibtex={(paper) => void copyOne(paper)} copiedId={copiedId} />}
    </main>
  );
}
