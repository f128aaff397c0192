import { z } from 'zod';
import { ArxivCategorySchema, ArxivIdSchema, DoiSchema, IsoDateSchema, LIMITS, VenueSchema } from '../paper/model';

/** The remote services enrichment asks, best first. */
export const FetchSourceSchema = z.enum(['arxiv-api', 'hf-api']);
export type FetchSource = z.infer<typeof FetchSourceSchema>;

/**
 * What one remote service says about one paper, already cleaned (canonical id, trimmed text,
 * `YYYY-MM-DD` dates) and within the library's limits. Every field but the id is optional: the
 * services differ (Hugging Face knows no categories or DOIs) and a field that fails its check is
 * left out rather than failing the paper.
 */
export const FetchedPaperSchema = z.object({
  /** The arXiv id the service answered about; the queue hands the paper to the library under its PaperId. */
  id: ArxivIdSchema,
  source: FetchSourceSchema,
  /** The arXiv version the data describes (`v3` → 3): the latest when fetched. */
  version: z.number().int().positive().optional(),
  title: z.string().min(1).max(LIMITS.title).optional(),
  /** Every author, in order. */
  authors: z.array(z.string().min(1).max(LIMITS.author)).min(1).max(LIMITS.authors).optional(),
  /** The real number of authors, present only when `authors` had to be cut or lacks some names. */
  authorCount: z.number().int().positive().optional(),
  abstract: z.string().min(1).max(LIMITS.abstract).optional(),
  /** arXiv: the date of version 1. Hugging Face: its own publication date for the paper. */
  publishedAt: IsoDateSchema.optional(),
  primaryCategory: ArxivCategorySchema.optional(),
  categories: z.array(ArxivCategorySchema).max(20).optional(),
  comments: z.string().min(1).max(LIMITS.comments).optional(),
  journalRef: z.string().min(1).max(LIMITS.journalRef).optional(),
  doi: DoiSchema.optional(),
  venue: VenueSchema.optional(),
  /** The authors withdrew the paper (arXiv says so in the comments); its data is still recorded. */
  withdrawn: z.boolean().optional(),
});
export type FetchedPaper = z.infer<typeof FetchedPaperSchema>;
