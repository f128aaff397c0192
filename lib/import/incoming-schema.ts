import { z } from 'zod';
import { CitationKeySchema, LIMITS, PaperRecordSchema, TagSchema } from '../paper/model';
import { PaperMetadataSchema, type IncomingPaper } from './plan';

const Timestamp = z.number().int().positive();

/**
 * An `IncomingPaper` as it crosses from the library page to the background: validated again there,
 * since the background trusts no message. Mirrors the interface in plan.ts.
 */
export const IncomingPaperSchema = z.object({
  entry: z.string().max(500),
  metadata: PaperMetadataSchema,
  tags: z.array(TagSchema).max(LIMITS.tags),
  saved: z.boolean(),
  savedAt: Timestamp.optional(),
  hiddenAt: Timestamp.optional(),
  createdAt: Timestamp.optional(),
  sources: PaperRecordSchema.shape.sources.optional(),
  updatedAt: Timestamp.optional(),
  /** What backupPapers puts here: the stored fields beyond the metadata, each with its own limit. */
  fields: PaperRecordSchema.pick({ citationKey: true, note: true, fieldSources: true, userEdited: true }).partial().optional(),
  year: z.number().int().optional(),
  note: z.string().max(LIMITS.note).optional(),
  citationKey: CitationKeySchema.optional().catch(undefined),
}) satisfies z.ZodType<IncomingPaper>;

/** Enough for a large library in one import; bounds what one message can ask the background to do. */
export const MAX_IMPORT_PAPERS = 200_000;
