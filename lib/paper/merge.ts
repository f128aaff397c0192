import type { LibraryInput, PaperRecord, TrackedField } from './model';

/**
 * Whether a page may overwrite a field that already has a value: not when the user edited it, and
 * not when a better source (arXiv's or Hugging Face's API, an import) set it. Filling a gap is
 * always allowed.
 */
function pageMayReplace(record: PaperRecord, field: TrackedField): boolean {
  if (record.userEdited?.includes(field)) return false;
  const source = record.fieldSources?.[field];
  return source === undefined || source === 'page';
}

/**
 * Folds what a page says about a paper into the stored record without losing anything known.
 *
 * Rules: a field the record lacks is filled; a longer author list replaces a shorter one (a page
 * with every name beats one with a few); the title follows the newest page (sites fix typos) but
 * never becomes empty; the abstract is kept once known unless the new one is longer; the source
 * URL per site is the latest; the primary category and the comments follow arXiv's latest listing. User state (saved, hidden, tags) is never touched here.
 */
export function mergePaper(existing: PaperRecord | undefined, input: LibraryInput, now: number): PaperRecord {
  const base: PaperRecord = existing ?? {
    id: input.id,
    title: input.title,
    authors: [],
    sources: {},
    tags: [],
    createdAt: now,
    updatedAt: now,
  };
  const merged: PaperRecord = { ...base, sources: { ...base.sources, [input.site]: input.url }, updatedAt: now };
  if (!existing || pageMayReplace(base, 'title')) merged.title = input.title || base.title;
  if (input.authors && input.authors.length > base.authors.length && pageMayReplace(base, 'authors')) merged.authors = [...input.authors];
  // A card's "N authors" says nothing new once a full list is known.
  if (input.authorCount !== undefined && input.authorCount > merged.authors.length) merged.authorCount = input.authorCount;
  // A stored count that the (now longer) list has caught up with is stale: drop it, as
  // applyFetched does; kept, it would claim fewer authors than the list names.
  else if (merged.authorCount !== undefined && merged.authorCount <= merged.authors.length) delete merged.authorCount;
  if (input.abstract && input.abstract.length > (base.abstract?.length ?? 0)) merged.abstract = input.abstract;
  if (input.publishedAt && !base.publishedAt) merged.publishedAt = input.publishedAt;
  if (input.upvotes !== undefined) merged.upvotes = input.upvotes;
  if (input.primaryCategory && pageMayReplace(base, 'primaryCategory')) merged.primaryCategory = input.primaryCategory;
  // Comments change with new versions ("accepted at …"): the latest listing beats an older listing.
  if (input.comments && pageMayReplace(base, 'comments')) merged.comments = input.comments;
  // Publication data only ever arrives from better sources (arXiv's API, the user's own files).
  if (input.doi) merged.doi = input.doi;
  if (input.journalRef) merged.journalRef = input.journalRef;
  if (input.venue) merged.venue = input.venue;
  return merged;
}
