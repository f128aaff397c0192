import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { PaperPicker, type KeyStatus } from '../../components/PaperPicker';
import { downloadBibtex } from '../../lib/ui/export-bibtex';
import { savedPapersNewestFirst } from '../../lib/db/queries';
import { backupPapers, createBackup, parseBackup, serializeBackup } from '../../lib/import/backup-schema';
import { checkImportSize, decodeImportBytes } from '../../lib/import/guard';
import { IncomingPaperSchema, MAX_IMPORT_PAPERS } from '../../lib/import/incoming-schema';
import { describeIssues, planParsedImport, type ImportPlan, type IncomingPaper, type ParsedImport } from '../../lib/import/plan';
import { CitationKeySchema, LIMITS, type PaperRecord } from '../../lib/paper/model';
import { DEFAULT_SETTINGS, readSettings, RULES_KEY, SETTINGS_KEY, SettingsSchema, type Settings } from '../../lib/settings';
import { RulesSchema, type Rule } from '../../lib/rules/model';
import { datedFileName, downloadText } from '../../lib/ui/download';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { db } from './library-db';
import { ask, messageOf, plural, sentence, type Outcome } from './ask';
import { MetadataSection } from './MetadataSection';
import { RulesSection } from './RulesSection';
import { SettingsSection } from './SettingsSection';

// Like the popup, this page reads the library directly and asks the background for every write.

/** Lists in the preview stop here: a file with 50,000 rejected entries should not build 50,000 rows. */
const MAX_LISTED = 200;

export function LibraryApp() {
  const library = useLiveQuery(async () => ({ saved: await savedPapersNewestFirst(db), total: await db.papers.count() }), []);
  const stored = useLiveQuery(async () => readSettings(await db.settings.get(SETTINGS_KEY)), []);
  const settings = stored.status === 'ready' ? stored.value : undefined;

  return (
    <main>
      <header class="page-header">
        <h1>Papershelf library</h1>
        {library.status === 'ready' && (
          <p class="muted">
            {plural(library.value.total, 'paper')} in the library, {library.value.saved.length} saved.
          </p>
        )}
        {library.status === 'loading' && <p class="muted">Opening your library…</p>}
      </header>
      {library.status === 'error' && (
        <p class="problem" role="alert">
          Papershelf could not open its library: {library.error}
        </p>
      )}
      <ImportSection librarySize={library.status === 'ready' ? library.value.total : undefined} />
      <PapersSection saved={library.status === 'ready' ? library.value.saved : undefined} settings={settings ?? DEFAULT_SETTINGS} />
      <BackupSection />
      <ExportSection saved={library.status === 'ready' ? library.value.saved : undefined} settings={settings ?? DEFAULT_SETTINGS} />
      <MetadataSection />
      <RulesSection />
      <SettingsSection stored={settings} />
    </main>
  );
}

// ---------------------------------------------------------------------------------------------
// Papers

/** The list stops here: rows for 20,000 saved papers would make typing in the search box crawl. */
const MAX_SHOWN_PAPERS = 100;

function PapersSection({ saved, settings }: { saved: readonly PaperRecord[] | undefined; settings: Settings }) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [keyStatus, setKeyStatus] = useState<ReadonlyMap<string, KeyStatus>>(new Map());
  const [exportNote, setExportNote] = useState<string>();
  // Each save of a row gets a number; an answer that a later save of the same row overtook is dropped.
  const keySaves = useRef(new Map<string, number>());

  const papers = saved ?? [];
  const matching = useMemo(() => matchPapers(papers, query), [papers, query]);
  const shown = matching.length > MAX_SHOWN_PAPERS ? matching.slice(0, MAX_SHOWN_PAPERS) : matching;
  // In list order, and only papers still saved.
  const chosen = useMemo(() => papers.filter((paper) => selected.has(paper.id)), [papers, selected]);

  const setRow = (id: string, status: KeyStatus | undefined) =>
    setKeyStatus((current) => {
      const next = new Map(current);
      if (status) next.set(id, status);
      else next.delete(id);
      return next;
    });

  const saveKey = async (paper: PaperRecord, key: string) => {
    const trimmed = key.trim();
    const valid = CitationKeySchema.safeParse(trimmed);
    if (!valid.success) {
      const reason = trimmed === '' ? 'a citation key cannot be empty' : (valid.error.issues[0]?.message ?? 'not a valid citation key');
      setRow(paper.id, { tone: 'error', text: `The key was not saved: ${reason}.` });
      return;
    }
    if (valid.data === paper.citationKey) {
      setRow(paper.id, { tone: 'done', text: 'Key saved' });
      return;
    }
    const save = (keySaves.current.get(paper.id) ?? 0) + 1;
    keySaves.current.set(paper.id, save);
    setRow(paper.id, { tone: 'saving', text: 'Saving…' });
    const reply = await ask({ type: 'ui:setCitationKey', id: paper.id, key: valid.data });
    if (keySaves.current.get(paper.id) !== save) return;
    setRow(paper.id, reply.ok ? { tone: 'done', text: 'Key saved' } : { tone: 'error', text: `The key was not saved. ${sentence(reply.error)}` });
  };

  const exportSelected = () => {
    setExportNote(downloadBibtex(document, chosen, settings));
  };

  return (
    <section aria-labelledby="papers-heading">
      <h2 id="papers-heading">Papers</h2>
      {saved === undefined ? (
        <p class="muted">Opening your library…</p>
      ) : (
        <PaperPicker
          query={query}
          onQuery={setQuery}
          shown={shown}
          matched={matching.length}
          total={papers.length}
          selected={selected}
          selectedCount={chosen.length}
          onSelect={(id, on) =>
            setSelected((current) => {
              const next = new Set(current);
              if (on) next.add(id);
              else next.delete(id);
              return next;
            })
          }
          onSelectShown={() => setSelected((current) => new Set([...current, ...shown.map((paper) => paper.id)]))}
          onClearSelection={() => setSelected(new Set())}
          onExport={exportSelected}
          exportNote={exportNote}
          keyStatus={keyStatus}
          onSaveKey={(paper, key) => void saveKey(paper, key)}
          onEditKey={(id) => setRow(id, undefined)}
        />
      )}
    </section>
  );
}

/**
 * The papers whose title, authors, arXiv id or tags hold every word of the query, ignoring case;
 * all of them, in order, when the query is blank.
 */
function matchPapers(papers: readonly PaperRecord[], query: string): readonly PaperRecord[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return papers;
  return papers.filter((paper) => {
    const text = [paper.title, paper.id, ...paper.authors, ...paper.tags].join('\n').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

// ---------------------------------------------------------------------------------------------
// Import

type ImportKind = 'bibtex' | 'backup' | 'papermemory';

const KIND_LABEL: Record<ImportKind, string> = {
  bibtex: 'a BibTeX file',
  backup: 'a Papershelf backup',
  papermemory: 'a PaperMemory export',
};

interface Preview {
  fileName: string;
  kind: ImportKind;
  /** What is sent to the background, which plans again against the library as it is then. */
  papers: IncomingPaper[];
  /** Against the library as it was when the file was read. */
  merge: ImportPlan;
  /** Backups only: against an empty library, which is what `replace` starts from. */
  replace?: ImportPlan;
  /** A backup's settings, restored along with a replace. */
  backupSettings?: Record<string, unknown>;
  /** A backup's rules, restored along with a replace when every one of them is valid. */
  backupRules?: Rule[];
}

type ReadResult = { ok: true; preview: Preview } | { ok: false; reason: string };

type Stage =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'failed'; fileName: string; reason: string }
  | { step: 'preview'; preview: Preview };

const ImportCountsSchema = z.object({ new: z.number(), merged: z.number(), unchanged: z.number(), duplicate: z.number(), rejected: z.number() });

function ImportSection({ librarySize }: { librarySize: number | undefined }) {
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [backupNote, setBackupNote] = useState<Outcome>();
  const input = useRef<HTMLInputElement>(null);
  // Each file chosen gets a number; a slow read that a newer choice overtook is dropped.
  const reads = useRef(0);

  const reset = () => {
    reads.current++;
    setStage({ step: 'idle' });
    setMode('merge');
    setBackupNote(undefined);
    if (input.current) input.current.value = ''; // so the same file can be chosen again
  };

  const choose = async (file: File | undefined) => {
    const read = ++reads.current;
    setOutcome(undefined);
    setBackupNote(undefined);
    setMode('merge');
    if (!file) {
      setStage({ step: 'idle' });
      return;
    }
    setStage({ step: 'reading', fileName: file.name });
    let result: ReadResult;
    try {
      result = await readImportFile(file);
    } catch (error) {
      result = { ok: false, reason: `it could not be read (${messageOf(error)})` };
    }
    if (read !== reads.current) return;
    setStage(result.ok ? { step: 'preview', preview: result.preview } : { step: 'failed', fileName: file.name, reason: result.reason });
  };

  const runImport = async (preview: Preview) => {
    const writing = mode === 'replace' && preview.replace ? 'replace' : 'merge';
    setImporting(true);
    setOutcome(undefined);
    const reply = await ask({ type: 'ui:import', papers: preview.papers, mode: writing });
    let done: Outcome;
    if (!reply.ok) {
      done = { tone: 'error', text: `Nothing was imported from ${preview.fileName}. ${sentence(reply.error)}` };
    } else {
      const counts = ImportCountsSchema.safeParse(reply.result);
      done = {
        tone: 'done',
        text: counts.success ? `Imported: ${counts.data.new} new, ${counts.data.merged} merged.` : `Imported ${preview.fileName}.`,
      };
      if (writing === 'replace') {
        done.text += ' The library was replaced by the backup.';
        const restored = await restoredSettings(preview.backupSettings);
        if (restored) {
          const saved = await ask({ type: 'ui:saveSettings', settings: restored });
          done = saved.ok
            ? { ...done, text: `${done.text} Its settings were restored.` }
            : { tone: 'error', text: `${done.text} Its settings could not be restored: ${sentence(saved.error)}` };
        }
        if (preview.backupRules) {
          const saved = await ask({ type: 'ui:saveRules', rules: preview.backupRules });
          done = saved.ok
            ? { ...done, text: `${done.text} Its ${plural(preview.backupRules.length, 'rule')} were restored.` }
            : { tone: 'error', text: `${done.text} Its rules could not be restored: ${sentence(saved.error)}` };
        }
      }
      reset();
    }
    setImporting(false);
    setOutcome(done);
  };

  const backupFirst = async () => {
    try {
      setBackupNote({ tone: 'done', text: await downloadBackup() });
    } catch (error) {
      setBackupNote({ tone: 'error', text: `Could not make a backup: ${messageOf(error)}` });
    }
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p class="muted" id="import-hint">
        A BibTeX file (.bib), a Papershelf backup (.json) or a PaperMemory export (.json). You see what the file holds before
        anything is written.
      </p>
      <div class="field">
        <label for="import-file">Import a file</label>
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
          Reading {stage.fileName}…
        </p>
      )}
      {stage.step === 'failed' && (
        <p class="problem" role="alert">
          Could not import {stage.fileName}. {sentence(stage.reason)}
        </p>
      )}
      {stage.step === 'preview' && (
        <ImportPreview
          preview={stage.preview}
          mode={mode}
          librarySize={librarySize}
          importing={importing}
          backupNote={backupNote}
          onMode={setMode}
          onImport={() => void runImport(stage.preview)}
          onCancel={reset}
          onBackupFirst={() => void backupFirst()}
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

interface ImportPreviewProps {
  preview: Preview;
  mode: 'merge' | 'replace';
  librarySize: number | undefined;
  importing: boolean;
  backupNote: Outcome | undefined;
  onMode(mode: 'merge' | 'replace'): void;
  onImport(): void;
  onCancel(): void;
  onBackupFirst(): void;
}

function ImportPreview({ preview, mode, librarySize, importing, backupNote, onMode, onImport, onCancel, onBackupFirst }: ImportPreviewProps) {
  const replacing = mode === 'replace' && preview.replace !== undefined;
  const plan = replacing ? preview.replace! : preview.merge;
  const { counts } = plan;
  const toWrite = plan.records.length;
  // Merging nothing new writes nothing; replacing always does something (it empties the library).
  const canImport = replacing || toWrite > 0;

  return (
    <div class="preview" role="region" aria-label="Import preview">
      <p>
        <strong>{preview.fileName}</strong> is {KIND_LABEL[preview.kind]}.
      </p>
      <p class="counts">
        {counts.new} new, {counts.merged} merged, {counts.unchanged} unchanged, {counts.rejected} rejected
      </p>
      {counts.duplicate > 0 && (
        <p class="muted">
          {counts.duplicate === 1 ? '1 entry names a paper' : `${counts.duplicate} entries name papers`} listed earlier in the file;{' '}
          {counts.duplicate === 1 ? 'it is' : 'they are'} folded into that entry.
        </p>
      )}

      {preview.replace && (
        <fieldset class="choice">
          <legend>How to import the backup</legend>
          <label>
            <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} disabled={importing} onChange={() => onMode('merge')} />
            Merge: add the backup's papers to the library, keeping everything already in it
          </label>
          <label>
            <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} disabled={importing} onChange={() => onMode('replace')} />
            Replace: the library becomes exactly the backup
          </label>
        </fieldset>
      )}
      {replacing && (
        <div class="warning">
          <p>
            Replace empties the library first:{' '}
            {librarySize === undefined ? 'every paper in it' : `the ${plural(librarySize, 'paper')} in it now`} (saved, hidden and
            tagged) will be replaced by the backup's {plural(toWrite, 'paper')}. This cannot be undone.
          </p>
          <button type="button" class="button" onClick={onBackupFirst}>
            Download a backup first
          </button>
          {backupNote && (
            <p class={backupNote.tone === 'error' ? 'problem' : 'muted'} role={backupNote.tone === 'error' ? 'alert' : 'status'}>
              {backupNote.text}
            </p>
          )}
        </div>
      )}

      {plan.rejected.length > 0 && (
        <>
          <h3>Rejected entries</h3>
          <ul class="reasons" aria-label="Rejected entries">
            {plan.rejected.slice(0, MAX_LISTED).map((entry, index) => (
              <li key={`${index}:${entry.entry}`}>
                <span class="entry">{entry.entry}</span>: {entry.reason}
              </li>
            ))}
          </ul>
          {plan.rejected.length > MAX_LISTED && <p class="muted">…and {plan.rejected.length - MAX_LISTED} more.</p>}
        </>
      )}
      {plan.warnings.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul class="reasons" aria-label="Notes on the file">
            {plan.warnings.slice(0, MAX_LISTED).map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
          {plan.warnings.length > MAX_LISTED && <p class="muted">…and {plan.warnings.length - MAX_LISTED} more.</p>}
        </>
      )}

      {!canImport && <p class="muted">Nothing to import: the library already has everything this file holds.</p>}
      <div class="actions">
        {canImport && (
          <button type="button" class="button primary" disabled={importing} onClick={onImport}>
            {importing ? `Importing ${plural(toWrite, 'paper')}…` : `Import ${plural(toWrite, 'paper')}`}
          </button>
        )}
        <button type="button" class="button" disabled={importing} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * The settings a replace restores: the backup's own values for the settings it names, the current
 * ones for the rest (a backup from an older Papershelf knows fewer settings). None when the backup
 * names no setting this version has.
 */
async function restoredSettings(fromBackup: Record<string, unknown> | undefined): Promise<Settings | undefined> {
  if (!fromBackup) return undefined;
  const known = Object.keys(SettingsSchema.shape).filter((key) => key in fromBackup);
  if (known.length === 0) return undefined;
  const current = readSettings(await db.settings.get(SETTINGS_KEY));
  const parsed = SettingsSchema.safeParse({ ...current, ...Object.fromEntries(known.map((key) => [key, fromBackup[key]])) });
  return parsed.success ? parsed.data : undefined;
}

/** Reads a chosen file into a preview, without writing anything. */
async function readImportFile(file: File): Promise<ReadResult> {
  const size = checkImportSize(file.size); // before reading 2 GB into memory
  if (!size.ok) return size;
  const decoded = decodeImportBytes(await file.arrayBuffer());
  if (!decoded.ok) return decoded;
  const { text } = decoded;
  const kind = detectKind(file.name, text);

  let parsed: ParsedImport;
  let backupSettings: Record<string, unknown> | undefined;
  let backupRules: Rule[] | undefined;
  if (kind === 'bibtex') {
    // Better BibTeX's parser is most of the import code: its own chunk, loaded when a file needs it.
    const { parseBibtexLibraryAsync } = await import('../../lib/import/bibtex-import');
    parsed = await parseBibtexLibraryAsync(text);
  } else if (kind === 'papermemory') {
    // PaperMemory keeps each paper's BibTeX, so its importer needs the parser too.
    const { parsePaperMemoryExport } = await import('../../lib/import/papermemory-import');
    parsed = parsePaperMemoryExport(text);
  } else {
    // parseBackupImport without losing the settings, which a replace restores.
    const backup = parseBackup(text);
    if (!backup.ok) return backup;
    parsed = { ok: true, papers: backupPapers(backup.backup), rejected: [], warnings: [] };
    backupSettings = backup.backup.settings;
    const rules = RulesSchema.safeParse(backup.backup.rules ?? []);
    if (rules.success && rules.data.length > 0) backupRules = rules.data;
  }
  if (!parsed.ok) return parsed;
  if (parsed.papers.length > MAX_IMPORT_PAPERS) {
    return { ok: false, reason: `the file holds ${parsed.papers.length.toLocaleString('en')} papers; one import takes at most ${MAX_IMPORT_PAPERS.toLocaleString('en')}` };
  }
  const accepted = acceptedByBackground(parsed);

  const ids = [...new Set(accepted.papers.map((paper) => paper.metadata.id))];
  const stored = await db.papers.bulkGet(ids);
  const existing = new Map(stored.flatMap((record) => (record ? [[record.id, record] as const] : [])));
  const now = Date.now();
  const merge = planParsedImport(existing, accepted, now);
  if (!merge.ok) return merge;
  const preview: Preview = { fileName: file.name, kind, papers: accepted.papers, merge: merge.plan };
  if (kind === 'backup') {
    const replace = planParsedImport(new Map(), accepted, now);
    if (!replace.ok) return replace;
    preview.replace = replace.plan;
    if (backupSettings) preview.backupSettings = backupSettings;
    if (backupRules) preview.backupRules = backupRules;
  }
  return { ok: true, preview };
}

/**
 * The background validates every paper of `ui:import` again and refuses the whole request when one
 * fails, with no word on which. A paper it would refuse (a note over the length limit, more tags
 * than a paper may have) is rejected here instead, with its reason, and the rest can go.
 */
function acceptedByBackground(parsed: Extract<ParsedImport, { ok: true }>): Extract<ParsedImport, { ok: true }> {
  const papers: IncomingPaper[] = [];
  const rejected = [...parsed.rejected];
  for (const paper of parsed.papers) {
    const valid = IncomingPaperSchema.safeParse(paper);
    if (valid.success) papers.push(paper);
    else {
      const reason =
        paper.tags.length > LIMITS.tags ? `it has ${paper.tags.length} tags; a paper has at most ${LIMITS.tags}` : describeIssues(valid.error.issues);
      rejected.push({ entry: paper.entry.slice(0, 200), reason });
    }
  }
  return papers.length === parsed.papers.length ? parsed : { ...parsed, papers, rejected };
}

/**
 * `.bib` is BibTeX. JSON is a backup when it says so in `format` (or says any format at all, so a
 * damaged or newer backup gets the backup reader's reasons), else PaperMemory's export. A file
 * that is not JSON at all also goes to the backup reader, whose reason says so.
 */
function detectKind(fileName: string, text: string): ImportKind {
  const name = fileName.toLowerCase();
  if (name.endsWith('.bib') || name.endsWith('.bibtex')) return 'bibtex';
  if (!name.endsWith('.json') && !/^\uFEFF?\s*[{[]/.test(text)) return 'bibtex';
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return 'backup';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'backup';
  return 'format' in data ? 'backup' : 'papermemory';
}

// ---------------------------------------------------------------------------------------------
// Backup

/** Downloads every paper, the settings and the rules; returns what it did, in words. */
async function downloadBackup(): Promise<string> {
  const [papers, settingsRow, rulesRow] = await db.transaction('r', db.papers, db.settings, () =>
    Promise.all([db.papers.toArray(), db.settings.get(SETTINGS_KEY), db.settings.get(RULES_KEY)]),
  );
  const fileName = datedFileName('json');
  const rules = RulesSchema.safeParse(rulesRow?.value ?? []);
  const backup = createBackup(papers, Date.now(), { settings: readSettings(settingsRow), rules: rules.success ? rules.data : [] });
  downloadText(document, fileName, serializeBackup(backup), 'application/json');
  return `Downloaded ${fileName} with ${plural(papers.length, 'paper')}.`;
}

function BackupSection() {
  const [note, setNote] = useState<Outcome>();
  const download = async () => {
    try {
      setNote({ tone: 'done', text: await downloadBackup() });
    } catch (error) {
      setNote({ tone: 'error', text: `Could not make a backup: ${messageOf(error)}` });
    }
  };
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup</h2>
      <p class="muted">
        One JSON file with every paper (saved, hidden and tagged) and your settings. Import it here to restore the library.
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={() => void download()}>
          Download backup
        </button>
      </div>
      {note && (
        <p class={note.tone === 'error' ? 'problem' : 'muted'} role={note.tone === 'error' ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Export

function ExportSection({ saved, settings }: { saved: readonly PaperRecord[] | undefined; settings: Settings }) {
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState('');
  const tagCounts = useMemo(() => countTags(saved ?? []), [saved]);
  // A tag that no saved paper has any more falls back to everything.
  const selected = tagCounts.some(([name]) => name === tag) ? tag : '';
  const papers = useMemo(() => (selected ? (saved ?? []).filter((paper) => paper.tags.includes(selected)) : (saved ?? [])), [saved, selected]);

  const exportNow = () => {
    setStatus(downloadBibtex(document, papers, settings));
  };

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <div class="field">
        <label for="export-tag">Papers to export</label>
        <select id="export-tag" value={selected} disabled={saved === undefined} onChange={(event) => setTag(event.currentTarget.value)}>
          <option value="">All saved papers ({saved?.length ?? 0})</option>
          {tagCounts.map(([name, count]) => (
            <option key={name} value={name}>
              {name} ({count})
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="button" class="button" disabled={papers.length === 0} onClick={exportNow}>
          Export BibTeX
        </button>
      </div>
      <p class="muted" role="status">
        {status}
      </p>
    </section>
  );
}

/** Each tag of the saved papers with how many have it, alphabetically. */
function countTags(papers: readonly PaperRecord[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const paper of papers) for (const tag of paper.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0));
}
