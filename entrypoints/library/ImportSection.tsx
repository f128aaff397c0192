import { useRef, useState } from 'preact/hooks';
import { RULES_KEY, type Settings } from '../../lib/settings';
import { ask, messageOf, sentence, type Outcome } from '../../lib/ui/ask';
import { downloadBackup } from '../../lib/library-page/backup';
import { readImportFile, restoredSettings, type Preview, type ReadResult } from '../../lib/library-page/import-file';
import { ImportPreview } from './ImportPreview';
import { LargeBackupRestore } from './LargeBackupRestore';
import { checkLargeBackup, isLargeBackup } from '../../lib/library-page/restore-backup';
import type { BackupSummary } from '../../lib/import/backup-file';
import { db } from '../../lib/library-page/library-db';
import { replaceQuestion } from '../../lib/library-page/replace-words';
import { plural, t } from '../../lib/i18n/t';

/** A Replace waiting for the user's yes: the question asked, and the settings it would restore. */
interface PendingReplace {
  question: string;
  settings: Settings | undefined;
}

type Stage =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string; size: number; fraction: number }
  | { step: 'failed'; fileName: string; reason: string }
  | { step: 'preview'; preview: Preview }
  | { step: 'restore'; file: File; summary: BackupSummary };

/** Files over 1 MB show how far they are read. */
const LARGE_FILE = 1_000_000;

/**
 * Import a file: it is read and previewed first (lib/import plans it against the library), and
 * written only when the user says so, through the background.
 */
export function ImportSection({ librarySize }: { librarySize: number | undefined }) {
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [withManagerTags, setWithManagerTags] = useState(false);
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [backupNote, setBackupNote] = useState<Outcome>();
  const [pending, setPending] = useState<PendingReplace>();
  const input = useRef<HTMLInputElement>(null);
  // Each file chosen gets a number; a slow read that a newer choice overtook is dropped.
  const reads = useRef(0);

  const reset = () => {
    reads.current++;
    setStage({ step: 'idle' });
    setMode('merge');
    setPending(undefined);
    setWithManagerTags(false);
    setBackupNote(undefined);
    if (input.current) input.current.value = ''; // so the same file can be chosen again
  };

  const choose = async (file: File | undefined) => {
    const read = ++reads.current;
    setOutcome(undefined);
    setBackupNote(undefined);
    setMode('merge');
    setPending(undefined);
    setWithManagerTags(false);
    if (!file) {
      setStage({ step: 'idle' });
      return;
    }
    setStage({ step: 'reading', fileName: file.name, size: file.size, fraction: 0 });
    const onProgress = (fraction: number) => {
      if (read === reads.current) setStage({ step: 'reading', fileName: file.name, size: file.size, fraction });
    };
    if (isLargeBackup(file)) {
      // Too large to preview: checked whole as a stream, then restored a chunk at a time.
      const checked = await checkLargeBackup(file, onProgress).catch((error: unknown) => ({ ok: false as const, reason: t('importFileUnreadable', messageOf(error, t('importBrowserCouldNotOpen'))) }));
      if (read !== reads.current) return;
      setStage(checked.ok ? { step: 'restore', file, summary: checked.summary } : { step: 'failed', fileName: file.name, reason: checked.reason });
      return;
    }
    let result: ReadResult;
    try {
      result = await readImportFile(file, onProgress);
    } catch (error) {
      result = { ok: false, reason: t('importFileUnreadable', messageOf(error, t('importBrowserCouldNotOpen'))) };
    }
    if (read !== reads.current) return;
    setStage(result.ok ? { step: 'preview', preview: result.preview } : { step: 'failed', fileName: file.name, reason: result.reason });
  };

  const runImport = async (preview: Preview) => {
    if (mode === 'replace' && preview.replace) return askBeforeReplace(preview, preview.replace.records.length);
    const papers = withManagerTags && preview.withManagerTags ? preview.withManagerTags.papers : preview.papers;
    setImporting(true);
    setOutcome(undefined);
    const reply = await ask({ type: 'ui:import', papers, mode: 'merge' });
    let done: Outcome;
    if (!reply.ok) {
      done = { tone: 'error', text: t('nothingImportedFrom', preview.fileName, sentence(reply.error)) };
    } else {
      const counts = reply.result;
      done = { tone: 'done', text: t('importedCounts', counts.new, counts.merged) };
      reset();
    }
    setImporting(false);
    setOutcome(done);
  };

  /** Counts what a Replace would overwrite, as the library is now, and asks. */
  const askBeforeReplace = async (preview: Preview, backupPapers: number) => {
    const [libraryPapers, rulesRow, settings] = await Promise.all([db.papers.count(), db.settings.get(RULES_KEY), restoredSettings(preview.backupSettings)]);
    const libraryRules = Array.isArray(rulesRow?.value) ? rulesRow.value.length : 0;
    const question = replaceQuestion({ libraryPapers, libraryRules, backupPapers, backupRules: preview.backupRules?.length, restoresSettings: settings !== undefined });
    setPending({ question, settings });
  };

  /** The confirmed Replace: papers, settings and rules in one request, one transaction. */
  const runReplace = async (preview: Preview, settings: Settings | undefined) => {
    setPending(undefined);
    setImporting(true);
    setOutcome(undefined);
    const reply = await ask({ type: 'ui:replaceLibrary', papers: preview.papers, settings, rules: preview.backupRules });
    let done: Outcome;
    if (!reply.ok) {
      done = { tone: 'error', text: t('nothingWasChanged', sentence(reply.error)) };
    } else {
      const { counts: imported } = reply.result;
      const restored = [
        t('importedCounts', imported.new, imported.merged),
        t('libraryReplaced'),
        ...(settings ? [t('settingsRestored')] : []),
        ...(preview.backupRules ? [t('rulesRestored', plural(preview.backupRules.length, 'ruleCountOne', 'ruleCount', String(preview.backupRules.length)))] : []),
        t('oldLibraryKept'),
      ];
      done = { tone: 'done', text: restored.join(' ') };
      reset();
    }
    setImporting(false);
    setOutcome(done);
  };

  const backupFirst = async () => {
    try {
      setBackupNote({ tone: 'done', text: await downloadBackup() });
    } catch (error) {
      setBackupNote({ tone: 'error', text: t('couldNotMakeBackup', messageOf(error)) });
    }
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import')}</h2>
      <p class="muted" id="import-hint">
        {t('importExplained')}
      </p>
      <div class="field">
        <label for="import-file">{t('importAFile')}</label>
        <input
          ref={input}
          id="import-file"
          type="file"
          accept=".bib,.json,application/json,application/x-bibtex"
          aria-describedby="import-hint"
          disabled={importing}
          onChange={(event) => void choose(event.currentTarget.files?.[0])}
        />
      </div>

      {stage.step === 'reading' && (
        <p class="muted" role="status">
          {t('readingFile', stage.fileName)} {stage.size > LARGE_FILE && `${Math.round(stage.fraction * 100)}%`}
          {stage.size > LARGE_FILE && <progress class="reading" max={1} value={stage.fraction} aria-label={t('readingFileProgress', stage.fileName)} />}
        </p>
      )}
      {stage.step === 'failed' && (
        <p class="problem" role="alert">
          {t('couldNotImportFile', stage.fileName, sentence(stage.reason))}
        </p>
      )}
      {stage.step === 'preview' && (
        <ImportPreview
          preview={stage.preview}
          mode={mode}
          withManagerTags={withManagerTags}
          onManagerTags={setWithManagerTags}
          librarySize={librarySize}
          importing={importing}
          backupNote={backupNote}
          onMode={(next) => {
            setPending(undefined);
            setMode(next);
          }}
          onImport={() => void runImport(stage.preview)}
          replaceQuestion={pending?.question}
          onConfirmReplace={() => void runReplace(stage.preview, pending?.settings)}
          onKeepLibrary={() => setPending(undefined)}
          onCancel={reset}
          onBackupFirst={() => void backupFirst()}
        />
      )}
      {stage.step === 'restore' && (
        <LargeBackupRestore
          file={stage.file}
          summary={stage.summary}
          onCancel={reset}
          onStart={() => setImporting(true)}
          onDone={(done) => {
            setImporting(false);
            if (done.tone === 'done') reset();
            setOutcome(done);
          }}
        />
      )}
      {outcome && (
        <p class={outcome.tone === 'error' ? 'problem' : 'done'} role={outcome.tone === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
