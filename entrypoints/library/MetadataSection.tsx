import { useState } from 'preact/hooks';
import { savedPapersNewestFirst } from '../../lib/db/queries';
import { missingFields } from '../../lib/metadata/completeness';
import { describeOutcome, ENRICHMENT_STATUS_KEY, EnrichmentStatusSchema } from '../../lib/metadata/status';
import type { QueueEntry } from '../../lib/metadata/queue-store';
import type { PaperRecord } from '../../lib/paper/model';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { ask, plural, sentence, type Outcome } from './ask';
import { db } from './library-db';

/** Incomplete papers listed at most: the count says how many there are. */
const MAX_LISTED = 50;

interface MetadataView {
  saved: number;
  incomplete: Array<{ paper: PaperRecord; missing: string[]; entry: QueueEntry | undefined }>;
  status: ReturnType<typeof EnrichmentStatusSchema.safeParse>;
}

/**
 * How complete the saved papers' metadata is (N of M), what the look-ups are doing, and a way to
 * ask again for one paper or all of them. Reads the library and the queue live.
 */
export function MetadataSection() {
  const view = useLiveQuery<MetadataView>(async () => {
    const [saved, queue, statusRow] = await Promise.all([savedPapersNewestFirst(db), db.enrichment.toArray(), db.settings.get(ENRICHMENT_STATUS_KEY)]);
    const entries = new Map(queue.map((entry) => [entry.id, entry]));
    const incomplete = saved.flatMap((paper) => {
      const missing = missingFields(paper);
      return missing.length ? [{ paper, missing, entry: entries.get(paper.id) }] : [];
    });
    return { saved: saved.length, incomplete, status: EnrichmentStatusSchema.safeParse(statusRow?.value) };
  }, []);
  const [outcome, setOutcome] = useState<Outcome>();

  const refresh = async (ids: string[]) => {
    setOutcome(undefined);
    const reply = await ask({ type: 'ui:refreshMetadata', ids });
    setOutcome(reply.ok ? { tone: 'done', text: `Asking again for ${plural(ids.length, 'paper')}.` } : { tone: 'error', text: sentence(reply.error) });
  };

  if (view.status !== 'ready') return null;
  const { saved, incomplete, status } = view.value;
  const complete = saved - incomplete.length;
  return (
    <section aria-labelledby="metadata-heading">
      <h2 id="metadata-heading">Metadata</h2>
      <p>
        <strong>
          {complete} of {plural(saved, 'saved paper')} complete.
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
                <span class="picker-title">{paper.title}</span> <span class="muted">arXiv:{paper.id}</span>
                <br />
                <span class="muted">
                  Missing: {missing.join(', ')}.{entry ? ` ${queueState(entry)}` : ' Not queued.'}
                </span>{' '}
                <button type="button" class="button" aria-label={`Look up arXiv:${paper.id} again`} onClick={() => void refresh([paper.id])}>
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
