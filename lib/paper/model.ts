import { z } from 'zod';
import { isCanonicalArxivId } from './arxiv-id';
import { isPaperId, PAPER_ID_MAX_LENGTH } from './paper-id';
import { isCalendarDate } from './dates';
import { SITES } from './sites';
import { SCHEMA_PROBLEMS } from '../text/problem-words';

// In a module of their own, without Zod: the popup's first paint needs the tag rules, not Zod.
import { LIMITS } from './limits';
export { LIMITS };

/** A BibTeX citation key: letters, digits and the punctuation BibTeX and biber accept in keys. */
export const CitationKeySchema = z
  .string()
  .min(1)
  .max(LIMITS.citationKey)
  .regex(/^[A-Za-z0-9_:.-]+$/, SCHEMA_PROBLEMS.citationKeyCharacters);

// No braces, backslashes, % or #: they would break the BibTeX field the DOI is written into.
export const DoiSchema = z.string().max(LIMITS.doi).regex(/^10\.\d{4,9}\/[^\s{}\\%#]+$/, SCHEMA_PROBLEMS.notDoi);

export const VenueSchema = z.object({ kind: z.enum(['journal', 'conference']), name: z.string().trim().min(1).max(500) });
export type Venue = z.infer<typeof VenueSchema>;

/** An arXiv category such as `cs.CL`, `cond-mat.mtrl-sci` or `hep-th`. */
export const ArxivCategorySchema = z
  .string()
  .max(LIMITS.category)
  .regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, SCHEMA_PROBLEMS.notArxivCategory);

export const ArxivIdSchema = z
  .string()
  .max(LIMITS.arxivId, SCHEMA_PROBLEMS.notArxivId)
  .refine(isCanonicalArxivId, { message: SCHEMA_PROBLEMS.notArxivId });

/** A paper's identity in the library: `arxiv:2409.12345` (lib/paper/paper-id.ts). */
export const PaperIdSchema = z
  .string()
  .max(PAPER_ID_MAX_LENGTH, SCHEMA_PROBLEMS.notPaperId)
  .refine(isPaperId, { message: SCHEMA_PROBLEMS.notPaperId });

export const SiteSchema = z.enum(SITES);
export type Site = z.infer<typeof SiteSchema>;

const HttpsUrlSchema = z
  .string()
  .max(LIMITS.url)
  .refine((value) => /^https:\/\//.test(value), { message: SCHEMA_PROBLEMS.notHttpsAddress });

/**
 * An ISO calendar date, `YYYY-MM-DD`, naming a day that exists: a page, an API or a file that says
 * 2026-02-31 gives no date. Listing pages rarely know more than the day.
 */
export const IsoDateSchema = z.string().max(10, SCHEMA_PROBLEMS.notDay).refine(isCalendarDate, SCHEMA_PROBLEMS.notDay);

export const TagSchema = z.string().trim().min(1).max(LIMITS.tag);

/**
 * A paper's author names as a page, an API or a file gives them. A name that is empty or over the
 * length limit (a page that glued a paragraph into an author link) is left out on its own: the
 * other names are still the paper's authors.
 */
export const AuthorListSchema = z.preprocess(
  (value) => (Array.isArray(value) ? value.filter((name) => typeof name !== 'string' || isUsableAuthorName(name)) : value),
  z.array(z.string().trim().min(1).max(LIMITS.author)).max(LIMITS.authors),
);

function isUsableAuthorName(name: string): boolean {
  const length = name.trim().length;
  return length > 0 && length <= LIMITS.author;
}

/**
 * What a page tells us about a paper: the output of a site adapter, and the paper part of every
 * message the content script sends. Everything but id and title is optional because pages differ.
 * `id` is the page's id, the arXiv id its card shows; the background tags it (lib/messaging/page-ids.ts)
 * before the paper enters the library, where `id` is a PaperId (LibraryInput).
 */
export const PaperInputSchema = z.object({
  id: ArxivIdSchema,
  title: z.string().trim().min(1).max(LIMITS.title),
  authors: AuthorListSchema.optional(),
  /**
   * How many authors the paper has, when more than the names we know: "N authors" on a card, or
   * at least one more than the names when a BibTeX file ends its list with `and others`.
   */
  authorCount: z.number().int().nonnegative().optional(),
  abstract: z.string().max(LIMITS.abstract).optional(),
  publishedAt: IsoDateSchema.optional(),
  upvotes: z.number().int().nonnegative().optional(),
  /** arXiv's primary category (listings show it as "Subject (cs.CL)"). */
  primaryCategory: ArxivCategorySchema.optional(),
  /** Every category a listing shows (primary first, then cross-lists): what category rules match. */
  categories: z.array(ArxivCategorySchema).max(20).optional(),
  /** The authors' comments line from arXiv ("12 pages, 5 figures, accepted at …"). */
  comments: z.string().max(LIMITS.comments).optional(),
  /** Publication data (arXiv API, imports): DOI, journal reference, venue. */
  doi: DoiSchema.optional(),
  journalRef: z.string().max(LIMITS.journalRef).optional(),
  venue: VenueSchema.optional(),
  site: SiteSchema,
  url: HttpsUrlSchema,
});
export type PaperInput = z.infer<typeof PaperInputSchema>;

/** A paper as the library takes it (save, hide, import): what a page or a file says, under its PaperId. */
export const LibraryInputSchema = PaperInputSchema.extend({ id: PaperIdSchema });
export type LibraryInput = z.infer<typeof LibraryInputSchema>;

/** The fields whose origin a record remembers (`fieldSources`): the bibliographic ones enrichment may fill. */
export const TrackedFieldSchema = z.enum(['title', 'authors', 'abstract', 'publishedAt', 'primaryCategory', 'comments', 'journalRef', 'doi', 'venue']);
export type TrackedField = z.infer<typeof TrackedFieldSchema>;

/** Where a field's value came from: a listing page, arXiv's or Hugging Face's API, an imported file, or the user's own edit. */
export const FieldSourceSchema = z.enum(['page', 'arxiv-api', 'hf-api', 'import', 'user']);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

/**
 * A paper in the library (database schema version 1).
 *
 * `savedAt` / `hiddenAt` are present exactly when the paper is saved / hidden: IndexedDB cannot
 * index booleans, and a sparse index on a timestamp gives "saved, newest first" for free.
 */
export const PaperRecordSchema = z.object({
  /** Its PaperId (schema v7; a bare arXiv id before). */
  id: PaperIdSchema,
  title: z.string().min(1).max(LIMITS.title),
  authors: z.array(z.string().min(1).max(LIMITS.author)).max(LIMITS.authors),
  authorCount: z.number().int().nonnegative().optional(),
  abstract: z.string().max(LIMITS.abstract).optional(),
  publishedAt: IsoDateSchema.optional(),
  upvotes: z.number().int().nonnegative().optional(),
  primaryCategory: ArxivCategorySchema.optional(),
  comments: z.string().max(LIMITS.comments).optional(),
  /** Where the paper was seen, one URL per site (the latest one). */
  sources: z.partialRecord(SiteSchema, HttpsUrlSchema),
  /** Assigned once when the paper enters the library, unique, stable; the user may edit it (v2). */
  citationKey: CitationKeySchema.optional(),
  /** The user's own note (v2). */
  note: z.string().max(LIMITS.note).optional(),
  /** A DOI of the published version, and arXiv's journal reference (v2). */
  doi: DoiSchema.optional(),
  journalRef: z.string().max(LIMITS.journalRef).optional(),
  /** Where the paper was published, when known: a journal or a conference (v2). */
  venue: VenueSchema.optional(),
  /**
   * Where each bibliographic field came from (v3, metadata enrichment). A field without an entry
   * predates provenance and counts as seen on a page. Lets better data replace worse, never the reverse.
   */
  fieldSources: z.partialRecord(TrackedFieldSchema, FieldSourceSchema).optional(),
  /** Fields the user changed by hand (v3): enrichment never overwrites them. */
  userEdited: z.array(z.string().min(1).max(40)).max(40).optional(),
  tags: z.array(TagSchema).max(LIMITS.tags),
  savedAt: z.number().int().positive().optional(),
  hiddenAt: z.number().int().positive().optional(),
  createdAt: z.number().int().positive(),
  updatedAt: z.number().int().positive(),
});
export type PaperRecord = z.infer<typeof PaperRecordSchema>;

/** The per-card state the content script needs; `null` in a state map means "not in the library". */
export const PaperStateSchema = z.object({
  saved: z.boolean(),
  hidden: z.boolean(),
  tags: z.array(z.string().max(LIMITS.tag)).max(LIMITS.tags),
});
export type PaperState = z.infer<typeof PaperStateSchema>;

/** States keyed by paper id: PaperIds in the library and its pages, a page's own ids on a listing page. */
export const StateMapSchema = z.record(z.string().max(PAPER_ID_MAX_LENGTH), PaperStateSchema);
export type StateMap = z.infer<typeof StateMapSchema>;

/**
 * "The library has nothing on this paper", decided here only: a reply about many papers leaves such
 * states out (`isEmptyState`) and its receiver reads a missing id as EMPTY_STATE (`stateIn`).
 */
export const EMPTY_STATE: PaperState = Object.freeze({ saved: false, hidden: false, tags: Object.freeze([]) as unknown as string[] });

export function isEmptyState(state: PaperState): boolean {
  return !state.saved && !state.hidden && state.tags.length === 0;
}

/** The state of `id` in a map that leaves out empty states. */
export function stateIn(states: StateMap, id: string): PaperState {
  return states[id] ?? EMPTY_STATE;
}

/** A paper's state; a fresh empty one when the library does not hold it (maps of these are the caller's to change). */
export function stateOf(record: PaperRecord | undefined): PaperState {
  if (!record) return { saved: false, hidden: false, tags: [] };
  return { saved: record.savedAt !== undefined, hidden: record.hiddenAt !== undefined, tags: record.tags };
}
