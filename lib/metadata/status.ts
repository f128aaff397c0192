import { z } from 'zod';
import { t } from '../i18n/t';

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
      return t('metadataUpToDate');
    case 'budget':
      return t('metadataWorkingThroughQueue');
    case 'disabled':
      return t('metadataLookUpsOff');
    case 'paused':
      return t('metadataServerAskedToWait');
    case 'offline':
      return t('metadataOffline');
    case 'server-trouble':
      return t('metadataServerTrouble');
    case 'failed':
      return t('metadataLastLookUpFailed');
  }
}
