import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { ask, sentence, type Outcome } from '../../lib/ui/ask';
import { ForYouReset } from './ForYouReset';
import { t } from '../../lib/i18n/t';
import { slot, withParts } from '../../lib/i18n/slots';

/** BibTeX as written into the file: code, not words. */
const ARXIV_JOURNAL_FIELD = 'journal = {arXiv preprint arXiv:…}';

/** A key of the listing pages' shortcuts (lib/content/keymap.ts): the key itself, in every language. */
const keyCap = (key: string) => <kbd key={key}>{key}</kbd>;

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
    if (reply.ok) setStatus({ tone: 'done', text: t('settingsSaved') });
    else {
      setDraft(undefined);
      setStatus({ tone: 'error', text: t('settingsNotSaved', sentence(reply.error)) });
    }
  };

  const loading = stored === undefined; // saving before the stored settings are known would overwrite them
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settings')}</h2>
      <fieldset class="choice" disabled={loading}>
        <legend>{t('bibtexStyle')}</legend>
        <label>
          <input
            type="radio"
            name="bibtex-style"
            value="eprint"
            checked={current.bibtexJournalStyle === 'eprint'}
            onChange={() => void change({ bibtexJournalStyle: 'eprint' })}
          />
          {t('bibtexEprintFields')}
        </label>
        <label>
          <input
            type="radio"
            name="bibtex-style"
            value="arxiv-journal"
            checked={current.bibtexJournalStyle === 'arxiv-journal'}
            onChange={() => void change({ bibtexJournalStyle: 'arxiv-journal' })}
          />
          {t('bibtexAlsoJournal', ARXIV_JOURNAL_FIELD)}
        </label>
      </fieldset>
      <SettingCheckbox checked={current.bibtexAscii} disabled={loading} onChange={(checked) => void change({ bibtexAscii: checked })}>
        {t('bibtexAscii')}
      </SettingCheckbox>
      <SettingCheckbox checked={current.keyboardShortcuts} disabled={loading} onChange={(checked) => void change({ keyboardShortcuts: checked })}>
        {withParts(t('keyboardShortcutsSetting', slot(0), slot(1), slot(2), slot(3), slot(4), slot(5), slot(6)), ['j', 'k', 's', 'h', 't', 'u', '?'].map(keyCap))}
      </SettingCheckbox>
      <SettingCheckbox checked={current.metadataLookups} disabled={loading} onChange={(checked) => void change({ metadataLookups: checked })}>
        {t('metadataLookupsSetting')}
      </SettingCheckbox>
      <SettingCheckbox checked={current.forYou} disabled={loading} onChange={(checked) => void change({ forYou: checked })}>
        {withParts(t('forYouSetting', slot(0)), ['f'].map(keyCap))}
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
