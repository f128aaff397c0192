import { useRef, useState } from 'preact/hooks';
import { SyncFolderUrlSchema } from '../../lib/messaging/sync-protocol';
import { t } from '../../lib/i18n/t';
import { slot, withParts } from '../../lib/i18n/slots';

export interface SyncCredentials {
  url: string;
  user: string;
  password: string;
}

export interface SyncFormProps {
  /** The folder and user of the last connection, offered again. */
  initial?: Partial<SyncCredentials>;
  /** Connect is running: the check and the first sync take a while. */
  busy: boolean;
  /** Called only with a folder URL the background will accept. */
  onConnect(credentials: SyncCredentials): void;
}

/** The folder Papershelf makes inside the user's (lib/sync/connect-check.ts): a name, not a word to translate. */
const SYNC_FOLDER_NAME = 'papershelf';

export const NEXTCLOUD_EXAMPLE = 'https://cloud.example.org/remote.php/dav/files/USER/Papershelf/';

/** The first problem with the typed URL, as a sentence; undefined when the background will take it. */
export function folderUrlProblem(url: string): string | undefined {
  const checked = SyncFolderUrlSchema.safeParse(url);
  if (checked.success) return undefined;
  const words = checked.error.issues[0]?.message ?? t('folderUrlNotAWebAddress');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/**
 * The Connect form: the folder's WebDAV URL, the user name and the (app) password. The form only
 * checks what it can know alone (the URL's form, a user name); the background checks the folder.
 */
export function SyncForm({ initial, busy, onConnect }: SyncFormProps) {
  const [url, setUrl] = useState(initial?.url ?? '');
  const [user, setUser] = useState(initial?.user ?? '');
  const [password, setPassword] = useState('');
  const [urlProblem, setUrlProblem] = useState<string>();
  const [userProblem, setUserProblem] = useState<string>();
  const urlInput = useRef<HTMLInputElement>(null);
  const userInput = useRef<HTMLInputElement>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const badUrl = folderUrlProblem(url);
    const badUser = user.trim() === '' ? t('enterUserName') : undefined;
    setUrlProblem(badUrl);
    setUserProblem(badUser);
    if (badUrl) urlInput.current?.focus();
    else if (badUser) userInput.current?.focus();
    else onConnect({ url: url.trim(), user: user.trim(), password });
  };

  return (
    <form class="sync-form" onSubmit={submit} noValidate>
      <p class="muted" id="sync-help">
        {withParts(t('syncHelp', slot(0), slot(1)), [<code key="folder">{SYNC_FOLDER_NAME}</code>, <code key="example">{NEXTCLOUD_EXAMPLE}</code>])}
      </p>
      <div class="sync-field">
        <label for="sync-url">{t('webdavFolderUrl')}</label>
        <input
          ref={urlInput}
          id="sync-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellcheck={false}
          placeholder={t('webdavUrlPlaceholder')}
          value={url}
          readOnly={busy}
          aria-invalid={urlProblem ? 'true' : undefined}
          aria-describedby={urlProblem ? 'sync-url-problem' : 'sync-help'}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
        {urlProblem && (
          <p class="problem" id="sync-url-problem">
            {urlProblem}
          </p>
        )}
      </div>
      <div class="sync-field">
        <label for="sync-user">{t('userName')}</label>
        <input
          ref={userInput}
          id="sync-user"
          type="text"
          autoComplete="username"
          spellcheck={false}
          value={user}
          readOnly={busy}
          aria-invalid={userProblem ? 'true' : undefined}
          aria-describedby={userProblem ? 'sync-user-problem' : undefined}
          onInput={(event) => setUser(event.currentTarget.value)}
        />
        {userProblem && (
          <p class="problem" id="sync-user-problem">
            {userProblem}
          </p>
        )}
      </div>
      <div class="sync-field">
        <label for="sync-password">{t('password')}</label>
        <input id="sync-password" type="password" autoComplete="new-password" value={password} readOnly={busy} onInput={(event) => setPassword(event.currentTarget.value)} />
      </div>
      <div class="actions">
        {/* aria-disabled, not disabled, while connecting: the button keeps the focus the user gave it. */}
        <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
          {t('connect')}
        </button>
      </div>
    </form>
  );
}
