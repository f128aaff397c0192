import { z } from 'zod';
import { t } from '../i18n/t';
import { canonicalArxivId } from '../paper/arxiv-id';
import { LIMITS } from '../paper/model';
import { FetchedPaperSchema, type FetchedPaper } from './fetched';
import { collapseWhitespace, isoDay, within } from './text';

/**
 * Reads Hugging Face's paper API (`https://huggingface.co/api/papers/<arXiv id>`), the fallback for
 * papers arXiv's API does not serve. Only id, title, summary, publishedAt and authors are read; the
 * rest (upvotes, ai_summary, githubRepo, …) is ignored, and Zod's default object parsing drops it.
 */
export type HfPaperResult = { ok: true; paper: FetchedPaper } | { ok: false; reason: string };

const HfPaperSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().optional().catch(undefined),
  publishedAt: z.string().optional().catch(undefined),
  // Checked one by one below: one odd author must not cost the paper its list.
  authors: z.array(z.unknown()).optional().catch(undefined),
});

// A hidden author is one the page folds away; they are still an author of the paper.
const HfAuthorSchema = z.object({ name: z.string() });

export function parseHfPaper(json: unknown): HfPaperResult {
  const parsed = HfPaperSchema.safeParse(json);
  if (!parsed.success) {
    const error = json && typeof json === 'object' ? (json as Record<string, unknown>)['error'] : undefined;
    return { ok: false, reason: typeof error === 'string' ? t('metadataHuggingFaceSays', error) : t('metadataNotHuggingFacePaper') };
  }
  const data = parsed.data;
  const id = canonicalArxivId(data.id);
  if (!id) return { ok: false, reason: t('metadataNotArxivIdFrom', data.id.slice(0, 40)) };
  const title = within(collapseWhitespace(data.title), LIMITS.title);
  if (!title) return { ok: false, reason: t('metadataNoUsableTitle') };

  const paper: FetchedPaper = { id, source: 'hf-api', title };
  const rawAuthors = data.authors ?? [];
  const authors = rawAuthors
    .map((author) => HfAuthorSchema.safeParse(author))
    .map((author) => (author.success ? collapseWhitespace(author.data.name) : ''))
    .filter((name) => name !== '' && name.length <= LIMITS.author);
  if (authors.length > 0) {
    paper.authors = authors.slice(0, LIMITS.authors);
    // Some authors came without a usable name: the list is known to be incomplete.
    if (paper.authors.length < rawAuthors.length) paper.authorCount = rawAuthors.length;
  }
  const abstract = within(collapseWhitespace(data.summary ?? ''), LIMITS.abstract);
  if (abstract) paper.abstract = abstract;
  const publishedAt = data.publishedAt ? isoDay(data.publishedAt) : undefined;
  if (publishedAt) paper.publishedAt = publishedAt;

  const checked = FetchedPaperSchema.safeParse(paper);
  return checked.success ? { ok: true, paper: checked.data } : { ok: false, reason: t('metadataPaperInvalid') };
}
