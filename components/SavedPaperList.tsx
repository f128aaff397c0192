import type { PaperRecord } from '../lib/paper/model';
import { arxivAbsUrl } from '../lib/paper/arxiv-id';

export interface SavedPaperListProps {
  papers: readonly PaperRecord[];
  /** Copies one paper's BibTeX; the id of the paper last copied shows "Copied". */
  onCopyBibtex?(paper: PaperRecord): void;
  copiedId?: string | undefined;
}

/** The saved papers, as given (the caller decides the order). Text is rendered as text, never HTML. */
export function SavedPaperList({ papers, onCopyBibtex, copiedId }: SavedPaperListProps) {
  if (papers.length === 0) {
    return (
      <div class="empty">
        <p class="empty-title">No saved papers yet</p>
        <p>
          Open <a href="https://huggingface.co/papers" target="_blank" rel="noreferrer">Hugging Face daily papers</a> and
          press <strong>Save</strong> on a paper card. Saved papers appear here, newest first.
        </p>
      </div>
    );
  }
  return (
    <ul class="papers" aria-label="Saved papers">
      {papers.map((paper) => (
        <li key={paper.id} class="paper">
          <a class="paper-title" href={paperLink(paper)} target="_blank" rel="noreferrer">
            {paper.title}
          </a>
          <div class="paper-meta">
            <span class="paper-authors">{formatAuthors(paper)}</span>
            {paper.publishedAt && <span class="paper-date"> · {paper.publishedAt}</span>}
            <span class="paper-id"> · arXiv:{paper.id}</span>
          </div>
          {paper.tags.length > 0 && (
            <ul class="paper-tags" aria-label="Tags">
              {paper.tags.map((tag) => <li key={tag} class="chip">{tag}</li>)}
            </ul>
          )}
          {onCopyBibtex && (
            <button type="button" class="link-button" aria-label={`Copy BibTeX for ${paper.title}`} onClick={() => onCopyBibtex(paper)}>
              {copiedId === paper.id ? 'Copied' : 'Copy BibTeX'}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The page the user saved it from when known, else arXiv. */
function paperLink(paper: PaperRecord): string {
  return paper.sources.huggingface ?? paper.sources.arxiv ?? arxivAbsUrl(paper.id);
}

export function formatAuthors(paper: Pick<PaperRecord, 'authors' | 'authorCount'>): string {
  const { authors } = paper;
  if (authors.length === 0) return paper.authorCount ? `${paper.authorCount} authors` : 'Authors unknown';
  if (authors.length <= 3) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} et al. (${authors.length})`;
}
