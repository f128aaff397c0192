import { z } from 'zod';
import { MAX_IMPORT_PAPERS } from './incoming-schema';

/**
 * What the BibTeX worker (./bibtex-worker.ts) sends the library page. The page trusts nothing it
 * did not check: every message is parsed here before use, and each paper is validated again on its
 * own (lib/library-page/import-file.ts) so one bad paper is rejected, not the file.
 */
const Text = z.string().max(10_000);

export const ValueLabelSchema = z.object({ entry: Text, line: z.number().int().nonnegative(), field: Text, length: z.number().int().nonnegative() });

export const WorkerProgressSchema = z.object({
  type: z.literal('progress'),
  fraction: z.number().min(0).max(1),
  current: ValueLabelSchema.optional(),
});

export const RejectedEntrySchema = z.object({ entry: Text, reason: Text, line: z.number().int().positive().optional() });

export const WorkerResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), reason: Text }),
  z.object({
    ok: z.literal(true),
    papers: z.array(z.unknown()).max(MAX_IMPORT_PAPERS),
    rejected: z.array(RejectedEntrySchema),
    warnings: z.array(Text),
    managerTags: z.array(z.array(Text)).optional(),
  }),
]);

export const WorkerDoneSchema = z.object({ type: z.literal('done'), result: WorkerResultSchema });

export const WorkerMessageSchema = z.discriminatedUnion('type', [WorkerProgressSchema, WorkerDoneSchema]);
export type WorkerProgress = z.infer<typeof WorkerProgressSchema>;
export type WorkerResult = z.infer<typeof WorkerResultSchema>;
