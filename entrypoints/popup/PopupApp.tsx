import { useState } from 'preact/hooks';
import { SavedPaperList } from '../../components/SavedPaperList';
import { entryToBibtex, exportBibtexWithReport } from '../../lib/bibtex';
import { PapershelfDatabase } from '../../lib/db/database';
import { savedPapersNewestFirst } from '../../lib/db/queries';
import type { PaperRecord } from '../../lib/paper/model';
import { readSettings, SETTINGS_KEY, type Settings } from '../../lib/settings';
import { datedFileName, downloadText } from '../../lib/ui/download';
import { useLiveQuery } from '../../lib/ui/use-live-query';

// Extension pages read the library directly (same origin as the background) and never write to it.
const db = new PapershelfDatabase();

const exportOptions = (settings: Settings) => ({ journalStyle: settings.bibtexJournalStyle, ascii: settings.bibtexAscii });

export function PopupApp() {
  const saved = useLiveQuery(() => savedPapersNewestFirst(db), []);
  const settings = useLiveQuery(async () => readSettings(await db.settings.get(SETTINGS_KEY)), []);
  const [status, setStatus] = useState('');
  const [copiedId, setCopiedId] = useState<string>();
  const options = exportOptions(settings.status === 'ready' ? settings.value : readSettings(undefined));

  const exportAll = (papers: readonly PaperRecord[]) => {
    // Thousands of papers take a moment: say so, and let the message paint before the work starts.
    setStatus(`Exporting ${papers.length} paper${papers.length === 1 ? '' : 's'}…`);
    requestAnimationFrame(() => setTimeout(() => writeExport(papers), 0));
  };

  const writeExport = (papers: readonly PaperRecord[]) => {
    const fileName = datedFileName('bib');
    const { text, warnings } = exportBibtexWithReport(papers, options);
    downloadText(document, fileName, text, 'application/x-bibtex;charset=utf-8');
    const noted = warnings.length ? ` ${warnings.length} note${warnings.length === 1 ? '' : 's'}: ${warnings[0]!.message}` : '';
    setStatus(`Exported ${papers.length} paper${papers.length === 1 ? '' : 's'} to ${fileName}.${noted}`);
  };

  const copyOne = async (paper: PaperRecord) => {
    try {
      await navigator.clipboard.writeText(entryToBibtex(paper, options));
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
