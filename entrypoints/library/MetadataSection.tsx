import { useMemo, useState } from 'preact/hooks';
import { paperIdInWords } from '../../lib/paper/paper-id';
import { missingFields } from '../../lib/metadata/completeness';
import { missingInWords } from '../../components/paper-text';
import { describeOutcome, ENRICHMENT_STATUS_KEY, EnrichmentStatusSchema } from '../../lib/metadata/status';
import type { QueueEntry } from '../../lib/metadata/queue-store';
import type { PaperRecord } from '../../lib/paper/model';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { ask, sentence, type Outcome } from '../../lib/ui/ask';
import { db } from '../../lib/library-page/library-db';
import { plural, t } from '../../lib/i18n/t';

/** Incomplete papers listed at most: the count says how many there are. */
const MAX_LISTED = 50;

export interface MetadataSectionProps {
  /** Every saved paper, newest first (LibraryApp's live library); undefined while it is read. */
  saved: readonly PaperRecord[] | undefined;
}

/**
 * How complete the saved papers' metadata is (N of M), what the look-ups are doing, and a way to
 * ask again for one paper or all of them. The papers come from the page's live library, which
 * reads again only the records a write names; only the small queue and status are queried here
 * (re-reading every saved paper after each write stalled the page during bulk edits at 100,000).
 */
export function MetadataSection({ saved }: MetadataSectionProps) {
  const queue = useLiveQuery(async () => {
    const [entries, statusRow] = await Promise.all([db.enrichment.toArray(), db.settings.get(ENRICHMENT_STATUS_KEY)]);
    return { entries: new Map(entries.map((entry) => [entry.id, entry])), status: EnrichmentStatusSchema.safeParse(statusRow?.value) };
  }, []);
  // Per saved list: missingFields looks at a handful of fields, ~10 ms for 50,000 papers.
  const incompletePapers = useMemo(
    () =>
      saved?.flatMap((paper) => {
        const missing = missingFields(paper);
        return missing.length ? [{ paper, missing }] : [];
      }),
    [saved],
  );
  const [outcome, setOutcome] = useState<Outcome>();

  const refresh = async (ids: string[]) => {
    setOutcome(undefined);
    const reply = await ask({ type: 'ui:refreshMetadata', ids });
    setOutcome(reply.ok ? { tone: 'done', text: t('askingAgainFor', plural(ids.length, 'paperCountOne', 'paperCountMany', String(ids.length))) } : { tone: 'error', text: sentence(reply.error) });
  };

  if (queue.status !== 'ready' || !saved || !incompletePapers) return null;
  const { entries, status } = queue.value;
  const incomplete = incompletePapers.map(({ paper, missing }) => ({ paper, missing, entry: entries.get(paper.id) }));
  const complete = saved.length - incomplete.length;
  return (
    <section aria-labelledby="metadata-heading">
      <h2 id="metadata-heading">{t('metadata')}</h2>
      <p>
        <strong>
          {t(saved.length === 1 ? 'completeOfSavedOne' : 'completeOfSaved', complete, saved.length)}
        </strong>{' '}
        {incomplete.length > 0 && t('metadataExplained')}
      </p>
      {status.success && (
        <p class="muted" role="status">
          {describeOutcome(status.data)}
          {status.data.nextRunAt !== undefined && incomplete.length > 0 && <> {t('nextTryAt', new Date(status.data.nextRunAt).toLocaleTimeString())}</>}
          {status.data.lastError && <> {t('inParentheses', status.data.lastError)}</>}
        </p>
      )}
      {incomplete.length > 0 && (
        <>
          <div class="actions">
            <button type="button" class="button" onClick={() => void refresh(incomplete.map(({ paper }) => paper.id))}>
              {t('lookUpAllAgain', incomplete.length)}
            </button>
          </div>
          <ul class="incomplete-list" aria-label={t('incompletePapers')}>
            {incomplete.slice(0, MAX_LISTED).map(({ paper, missing, entry }) => (
              <li key={paper.id}>
                <span class="picker-title">{paper.title}</span> <span class="muted">{paperIdInWords(paper.id)}</span>
                <br />
                <span class="muted">
                  {t('missingFields', missingInWords(missing))} {entry ? queueState(entry) : t('notQueued')}
                </span>{' '}
                <button type="button" class="button" aria-label={t('lookUpAgainFor', paperIdInWords(paper.id))} onClick={() => void refresh([paper.id])}>
                  {t('lookUpAgain')}
                </button>
              </li>
            ))}
          </ul>
          {incomplete.length > MAX_LISTED && <p class="muted">{t('andMoreLower', incomplete.length - MAX_LISTED)}</p>}
        </>
      )}
      <p class={outcome?.tone === 'error' ? 'problem' : 'done'} role={outcome?.tone === 'error' ? 'alert' : 'status'}>
        {outcome?.text ?? ''}
      </p>
    </section>
  );
}

function queueState(entry: QueueEntry): string {
  const when = new Date(entry.nextAttemptAt).toLocaleTimeString();
  const source = t(entry.source === 'arxiv-api' ? 'arxiv' : 'huggingFace');
  if (entry.stalledAt !== undefined) return t('neitherServiceHadIt', when);
  if (entry.attempts === 0) return t('waitingFor', source);
  const attempts = plural(entry.attempts, 'failedAttemptsOne', 'failedAttempts', String(entry.attempts));
  return entry.lastError ? t('failedAttemptsWithError', attempts, source, entry.lastError, when) : t('failedAttemptsOn', attempts, source, when);
}
