import { z } from 'zod';

/** The settings-table row where the background leaves how the last look-up run went. */
export const ENRICHMENT_STATUS_KEY = 'enrichment-status';

/**
 * How the last run of the metadata queue ended, for the library page ("offline, trying again at
 * 12:03"). Written by the background after each run; read with liveQuery.
 */
export const EnrichmentStatusSchema = z.object({
  outcome: z.enum(['idle', 'disabled', 'budget', 'paused', 'offline', 'server-trouble', 'failed']),
  at: z.number(),
  nextRunAt: z.number().optional(),
  lastError: z.string().max(500).optional(),
});
export type EnrichmentStatus = z.infer<typeof EnrichmentStatusSchema>;

/** The outcome in words, for people. */
export function describeOutcome(status: EnrichmentStatus): string {
  switch (status.outcome) {
    case 'idle':
      return 'Up to date.';
    case 'budget':
      return 'Working through the queue.';
    case 'disabled':
      return 'Look-ups are turned off in the settings below.';
    case 'paused':
      return 'The server asked Papershelf to wait.';
    case 'offline':
      return 'Offline: Papershelf could not reach arXiv or Hugging Face.';
    case 'server-trouble':
      return 'The server had trouble answering.';
    case 'failed':
      return 'The last look-up failed.';
  }
}
