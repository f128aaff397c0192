import { useMemo, useState } from 'preact/hooks';
import { paperIdInWords } from '../../lib/paper/paper-id';
import { missingFields } from '../../lib/metadata/completeness';
import { missingInWords } from '../../components/paper-text';
import { describeOutcome, ENRICHMENT_STATUS_KEY, EnrichmentStatusSchema } from '../../lib/metadata/status';
import type { QueueEntry } from '../../lib/metadata/queue-store';
import type { PaperRecord } from '../../lib/paper/model';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { ask, plural, sentence, type Outcome } from '../../lib/ui/ask';
import { db } from '../../lib/library-page/library-db';

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
    setOutcome(reply.ok ? { tone: 'done', text: `Asking again for ${plural(ids.length, 'paper')}.` } : { tone: 'error', text: sentence(reply.error) });
  };

  if (queue.status !== 'ready' || !saved || !incompletePapers) return null;
  const { entries, status } = queue.value;
  const incomplete = incompletePapers.map(({ paper, missing }) => ({ paper, missing, entry: entries.get(paper.id) }));
  const complete = saved.length - incomplete.length;
  return (
    <section aria-labelledby="metadata-heading">
      <h2 id="metadata-heading">Metadata</h2>
      <p>
        <strong>
          {complete} of {plural(saved.length, 'saved paper')} complete.
        </strong>{' '}
        {incomplete.length > 0 && 'Papershelf asks arXiv (and Hugging Face for what arXiv lacks) for every author, the first version’s date and the category.'}
      </p>
      {status.success && (
        <p class="muted" role="status">
          {describeOutcome(status.data)}
          {status.data.nextRunAt !== undefined && incomplete.length > 0 && ` Next try at ${new Date(status.data.nextRunAt).toLocaleTimeString()}.`}
          {status.data.lastError && ` (${status.data.lastError})`}
        </p>
      )}
      {incomplete.length > 0 && (
        <>
          <div class="actions">
            <button type="button" class="button" onClick={() => void refresh(incomplete.map(({ paper }) => paper.id))}>
              Look up all {incomplete.length} again
            </button>
          </div>
          <ul class="incomplete-list" aria-label="Incomplete papers">
            {incomplete.slice(0, MAX_LISTED).map(({ paper, missing, entry }) => (
              <li key={paper.id}>
                <span class="picker-title">{paper.title}</span> <span class="muted">{paperIdInWords(paper.id)}</span>
                <br />
                <span class="muted">
                  Missing: {missingInWords(missing)}.{entry ? ` ${queueState(entry)}` : ' Not queued.'}
                </span>{' '}
                <button type="button" class="button" aria-label={`Look up again: ${paperIdInWords(paper.id)}`} onClick={() => void refresh([paper.id])}>
                  Look up again
                </button>
              </li>
            ))}
          </ul>
          {incomplete.length > MAX_LISTED && <p class="muted">and {incomplete.length - MAX_LISTED} more.</p>}
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
  const source = entry.source === 'arxiv-api' ? 'arXiv' : 'Hugging Face';
  if (entry.stalledAt !== undefined) return `Neither service had it; trying again at ${when}.`;
  if (entry.attempts === 0) return `Waiting for ${source}.`;
  return `${plural(entry.attempts, 'failed attempt')} on ${source}${entry.lastError ? ` (${entry.lastError})` : ''}; next at ${when}.`;
}
