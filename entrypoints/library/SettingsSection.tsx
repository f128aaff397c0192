import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { ask, sentence, type Outcome } from '../../lib/ui/ask';
import { ForYouReset } from './ForYouReset';

/** BibTeX and listing-page settings; each change is saved at once through the background. */
export function SettingsSection({ stored }: { stored: Settings | undefined }) {
  // What the user just chose, shown at once; dropped when the library reports the same.
  const [draft, setDraft] = useState<Settings>();
  const [status, setStatus] = useState<Outcome>();
  const saves = useRef(0);
  const current = draft ?? stored ?? DEFAULT_SETTINGS;

  useEffect(() => {
    if (draft && stored && sameSettings(draft, stored)) setDraft(undefined);
  }, [draft, stored]);

  const change = async (patch: Partial<Settings>) => {
    const next: Settings = { ...current, ...patch };
    const save = ++saves.current;
    setDraft(next);
    setStatus(undefined);
    const reply = await ask({ type: 'ui:saveSettings', settings: next });
    if (save !== saves.current) return; // a later change answers for both
    if (reply.ok) setStatus({ tone: 'done', text: 'Saved' });
    else {
      setDraft(undefined);
      setStatus({ tone: 'error', text: `The settings were not saved. ${sentence(reply.error)}` });
    }
  };

  const loading = stored === undefined; // saving before the stored settings are known would overwrite them
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <fieldset class="choice" disabled={loading}>
        <legend>BibTeX style</legend>
        <label>
          <input
            type="radio"
            name="bibtex-style"
            value="eprint"
            checked={current.bibtexJournalStyle === 'eprint'}
            onChange={() => void change({ bibtexJournalStyle: 'eprint' })}
          />
          arXiv fields (eprint, archivePrefix, primaryClass)
        </label>
        <label>
          <input
            type="radio"
            name="bibtex-style"
            value="arxiv-journal"
            checked={current.bibtexJournalStyle === 'arxiv-journal'}
            onChange={() => void change({ bibtexJournalStyle: 'arxiv-journal' })}
          />
          {'Also journal = {arXiv preprint arXiv:…}'}
        </label>
      </fieldset>
      <SettingCheckbox checked={current.bibtexAscii} disabled={loading} onChange={(checked) => void change({ bibtexAscii: checked })}>
        Write accents as LaTeX commands (pure ASCII)
      </SettingCheckbox>
      <SettingCheckbox checked={current.keyboardShortcuts} disabled={loading} onChange={(checked) => void change({ keyboardShortcuts: checked })}>
        Keyboard shortcuts on listing pages (<kbd>j</kbd>/<kbd>k</kbd> move, <kbd>s</kbd> save, <kbd>h</kbd> hide, <kbd>t</kbd> tags, <kbd>u</kbd> undo,{' '}
          <kbd>?</kbd> help)
      </SettingCheckbox>
      <SettingCheckbox checked={current.metadataLookups} disabled={loading} onChange={(checked) => void change({ metadataLookups: checked })}>
        Complete saved papers from arXiv's and Hugging Face's public APIs (all authors, dates, categories). Off: Papershelf makes no network requests.
      </SettingCheckbox>
      <SettingCheckbox checked={current.forYou} disabled={loading} onChange={(checked) => void change({ forYou: checked })}>
        For you: rank listing pages by what you saved and hid (learned on this computer; <kbd>f</kbd> switches the order)
      </SettingCheckbox>
      <ForYouReset />
      <p class={status?.tone === 'error' ? 'problem' : 'done'} role={status?.tone === 'error' ? 'alert' : 'status'}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}

function sameSettings(a: Settings, b: Settings): boolean {
  return (Object.keys(a) as Array<keyof Settings>).every((key) => a[key] === b[key]);
}


/** One on/off setting: a labelled checkbox that reports the new value. */
function SettingCheckbox({ checked, disabled, onChange, children }: { checked: boolean; disabled: boolean; onChange(checked: boolean): void; children: ComponentChildren }) {
  return (
    <div class="field checkbox">
      <label>
        <input type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.currentTarget.checked)} />
        {children}
      </label>
    </div>
  );
}
