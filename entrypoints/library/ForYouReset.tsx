import { useState } from 'preact/hooks';
import { ask, plural, sentence, type Outcome } from '../../lib/ui/ask';
import { t } from '../../lib/i18n/t';

/** Forgets what For you learned: only saves and hides from now on teach it again. */
export function ForYouReset() {
  const [status, setStatus] = useState<Outcome>();
  const [busy, setBusy] = useState(false);

  const reset = async () => {
    setBusy(true);
    setStatus(undefined);
    const reply = await ask({ type: 'ui:resetRanking' });
    setBusy(false);
    if (!reply.ok) {
      setStatus({ tone: 'error', text: `For you was not reset. ${sentence(reply.error)}` });
      return;
    }
    const learned = reply.result;
    const now = ` It now knows ${plural(learned.saved, 'save')} and ${plural(learned.hidden, 'hide')}.`;
    setStatus({ tone: 'done', text: `For you forgot what it learned; your saves and hides from now on teach it again.${now}` });
  };

  return (
    <div class="field">
      <button type="button" disabled={busy} onClick={() => void reset()}>
        {t('resetForYou')}
      </button>
      <p class={status?.tone === 'error' ? 'problem' : 'done'} role={status?.tone === 'error' ? 'alert' : 'status'}>
        {status?.text ?? ''}
      </p>
    </div>
  );
}
