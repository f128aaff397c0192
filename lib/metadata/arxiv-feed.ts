import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { t } from '../i18n/t';
import { arxivIdFromUrl } from '../paper/arxiv-id';
import { ArxivCategorySchema, DoiSchema, LIMITS } from '../paper/model';
import { FetchedPaperSchema, type FetchedPaper } from './fetched';
import { collapseWhitespace, isoDay, within } from './text';
import { venueFromJournalRef } from './venue';

/**
 * Reads an arXiv API answer (`export.arxiv.org/api/query`, an Atom 1.0 feed with `opensearch:` and
 * `arxiv:` elements; https://info.arxiv.org/help/api/user-manual.html) into fetched papers.
 *
 * Runs in the background service worker, which has no DOMParser: fast-xml-parser reads the text.
 * arXiv's traps, all handled here: an error is an HTTP-200 feed whose single entry has an
 * `…/api/errors#…` id and the message as its summary; an unknown id yields no entry or an entry
 * without a title; throttling answers with the plain text `Rate exceeded.`; titles and abstracts
 * are hard-wrapped; ids carry a version (`…/abs/1706.03762v7`).
 */
export type ArxivFeedResult =
  | {
      ok: true;
      papers: FetchedPaper[];
      /** Ids arXiv answered for without data (an entry with no title): it does not know them. */
      missing: string[];
      /** Entries that could not be read (no usable id, an invalid shape); their ids are simply absent. */
      skipped: number;
    }
  | {
      ok: false;
      reason: string;
      /** arXiv itself reported an error (an error entry): `reason` is its message. */
      arxivError?: boolean;
      /** arXiv asked us to slow down. */
      throttled?: boolean;
    };

// Namespace prefixes are dropped: Atom and arXiv share no local name an entry uses (`category` is
// Atom's, `primary_category` arXiv's), and this way a feed that binds other prefixes reads the same.
// Values stay strings: `1706.03762` must not become a number. `htmlEntities` is what turns on
// numeric character references (`&#8212;`), which XML allows anywhere; without it fast-xml-parser
// v5 decodes only the five named XML entities.
const parser = new XMLParser({
  htmlEntities: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});
const ARRAY_ELEMENTS: ReadonlySet<string> = new Set(['entry', 'author', 'category', 'link']);

/** An element's text: a plain string, or `#text` when the element also has attributes. */
const Text = z.preprocess((value) => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const text = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' || typeof text === 'number' ? String(text) : '';
  }
  return value;
}, z.string());

// Beyond the id, an odd element (an attribute-less category, a repeated comment) costs only that
// field, never the entry: each falls back to "absent".
const OptionalText = Text.optional().catch(undefined);
const Term = z.object({ '@_term': z.string().optional() }).catch({});

const EntrySchema = z.object({
  id: Text,
  title: OptionalText,
  summary: OptionalText,
  published: OptionalText,
  // An author element without a usable name still counts as an author (see readEntry).
  author: z.array(z.object({ name: OptionalText }).catch({})).optional().catch(undefined),
  primary_category: Term.optional(),
  category: z.array(Term).optional().catch(undefined),
  comment: OptionalText,
  journal_ref: OptionalText,
  doi: OptionalText,
});
type Entry = z.infer<typeof EntrySchema>;

const FeedSchema = z.object({
  feed: z.object({ entry: z.array(z.unknown()).optional() }),
});

const ERROR_ID = /^https?:\/\/arxiv\.org\/api\/errors/i;
const WITHDRAWN = /\bwithdrawn\b/i;

export function parseArxivFeed(xml: string): ArxivFeedResult {
  const text = xml.trim();
  if (/^rate exceeded/i.test(text)) return { ok: false, reason: t('metadataArxivThrottling'), throttled: true };
  if (text === '') return { ok: false, reason: t('metadataAnswerEmpty') };
  // arXiv never sends a DOCTYPE; refusing one keeps entity definitions (and their expansion) out.
  if (/<!DOCTYPE/i.test(text)) return { ok: false, reason: t('metadataFeedHasDoctype') };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, reason: t('metadataNotXmlAtLine', valid.err.line) };

  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    return { ok: false, reason: t('metadataNotXml') };
  }
  const feed = FeedSchema.safeParse(document);
  if (!feed.success) return { ok: false, reason: t('metadataNotAtomFeed') };

  const papers: FetchedPaper[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const raw of feed.data.feed.entry ?? []) {
    const entry = EntrySchema.safeParse(raw);
    if (!entry.success) {
      skipped++;
      continue;
    }
    if (ERROR_ID.test(entry.data.id.trim())) {
      const message = collapseWhitespace(entry.data.summary ?? '') || collapseWhitespace(entry.data.title ?? '') || t('metadataArxivUnknownError');
      return { ok: false, reason: t('metadataArxivSays', message), arxivError: true };
    }
    const read = readEntry(entry.data);
    if (read === undefined) {
      skipped++;
      continue;
    }
    // The same id twice (arXiv repeats one asked for twice): the first answer stands.
    if (seen.has(read.id)) continue;
    seen.add(read.id);
    if ('missing' in read) missing.push(read.id);
    else papers.push(read.paper);
  }
  return { ok: true, papers, missing, skipped };
}

/** One entry → a paper, its id alone when arXiv has no data for it, or undefined when unreadable. */
function readEntry(entry: Entry): { id: string; paper: FetchedPaper } | { id: string; missing: true } | undefined {
  const idText = entry.id.trim();
  const id = arxivIdFromUrl(idText);
  if (!id) return undefined;
  const title = collapseWhitespace(entry.title ?? '');
  if (title === '') return { id, missing: true };

  const paper: FetchedPaper = { id, source: 'arxiv-api' };
  const version = /v(\d+)\/?$/.exec(idText)?.[1];
  if (version) paper.version = Number(version);
  const cleanTitle = within(title, LIMITS.title);
  if (cleanTitle) paper.title = cleanTitle;

  const names = (entry.author ?? []).map((author) => collapseWhitespace(author.name ?? ''));
  const authors = names.filter((name) => name !== '' && name.length <= LIMITS.author);
  if (authors.length > 0) {
    paper.authors = authors.slice(0, LIMITS.authors);
    // A name that could not be kept, or a list over the limit: remember how many there really are.
    if (paper.authors.length < names.length) paper.authorCount = names.length;
  }

  const abstract = within(collapseWhitespace(entry.summary ?? ''), LIMITS.abstract);
  if (abstract) paper.abstract = abstract;
  const publishedAt = entry.published ? isoDay(entry.published) : undefined;
  if (publishedAt) paper.publishedAt = publishedAt;

  const primary = entry.primary_category?.['@_term']?.trim();
  if (primary && ArxivCategorySchema.safeParse(primary).success) paper.primaryCategory = primary;
  // `category` also lists ACM and MSC classes (`I.2.7`, `68T50`): only arXiv's own categories count.
  const categories = [...new Set((entry.category ?? []).map((term) => term['@_term']?.trim() ?? ''))].filter(
    (term) => ArxivCategorySchema.safeParse(term).success,
  );
  if (paper.primaryCategory && !categories.includes(paper.primaryCategory)) categories.unshift(paper.primaryCategory);
  if (categories.length > 0) paper.categories = categories.slice(0, 20);

  const comment = collapseWhitespace(entry.comment ?? '');
  if (WITHDRAWN.test(comment)) paper.withdrawn = true;
  const comments = within(comment, LIMITS.comments);
  if (comments) paper.comments = comments;
  const journalRef = within(collapseWhitespace(entry.journal_ref ?? ''), LIMITS.journalRef);
  if (journalRef) {
    paper.journalRef = journalRef;
    const venue = venueFromJournalRef(journalRef);
    if (venue) paper.venue = venue;
  }
  const doi = firstDoi(entry.doi ?? '');
  if (doi) paper.doi = doi;

  // Every field was checked on the way; this catches a slip in the code above, not in the feed.
  const checked = FetchedPaperSchema.safeParse(paper);
  return checked.success ? { id, paper: checked.data } : undefined;
}

/** arXiv's `doi` may list several DOIs (an article and its erratum), space-separated: the first valid one. */
function firstDoi(text: string): string | undefined {
  return text
    .split(/\s+/)
    .map((part) => part.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, ''))
    .find((part) => DoiSchema.safeParse(part).success);
}
