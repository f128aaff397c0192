import { useState } from 'preact/hooks';
import { ask, sentence, type Outcome } from '../../lib/ui/ask';
import { plural, t } from '../../lib/i18n/t';

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
      setStatus({ tone: 'error', text: t('forYouNotReset', sentence(reply.error)) });
      return;
    }
    const learned = reply.result;
    const saves = plural(learned.saved, 'saveCountOne', 'saveCount', String(learned.saved));
    const hides = plural(learned.hidden, 'hideCountOne', 'hideCount', String(learned.hidden));
    setStatus({ tone: 'done', text: t('forYouReset', saves, hides) });
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
