import type { FieldStatus } from './status';

/**
 * A field's last result: an alert for a refusal (read out at once), a status otherwise. Nothing
 * while saving: the button says so.
 */
export function StatusLine({ status }: { status: FieldStatus | undefined }) {
  if (!status || status.tone === 'saving') return null;
  return (
    <p class={status.tone === 'error' ? 'problem' : 'done'} role={status.tone === 'error' ? 'alert' : 'status'}>
      {status.text}
    </p>
  );
}
