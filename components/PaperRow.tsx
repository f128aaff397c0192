import type { PaperRecord } from '../lib/paper/model';
import { paperIdInWords } from '../lib/paper/paper-id';
import { missingFields } from '../lib/metadata/completeness';
import { missingInWords, paperLink, paperStateWords, shortAuthors } from './paper-text';
import type { RowState } from './VirtualList';
import { t } from '../lib/i18n/t';

export interface PaperRowProps {
  paper: PaperRecord;
  /** From VirtualList: the active row's links and buttons are in the tab order, others not. */
  row: RowState;
  /** Say "Saved", "Hidden"… on the row: in views that mix them. */
  showState: boolean;
  /** The BibTeX of this paper was just copied: the button says so. */
  copied: boolean;
  onCopyBibtex(paper: PaperRecord): void;
  onEditTags(paper: PaperRecord): void;
  onDelete(paper: PaperRecord): void;
  /**
   * An Element Timing name for the title (`elementtiming`): the browser then reports when the title
   * was first painted, which is how `npm run bench` times the popup's first rows.
   */
  timing?: string;
}

/**
 * One paper in a VirtualList row: its cells. The title is a link to the paper (its Hugging Face
 * or arXiv page, in a new tab); the buttons name the paper, so each is unambiguous out of context.
 * Fixed height (see popup.css): long titles are clamped, the full title is in the tooltip.
 */
export function PaperRow({ paper, row, showState, copied, onCopyBibtex, onEditTags, onDelete, timing }: PaperRowProps) {
  const { title } = paper;
  // Not in Preact's JSX types yet: passed as a plain attribute.
  const timed = timing ? { elementtiming: timing } : {};
  // Saved papers are the ones Papershelf looks up (lib/metadata): say when one still lacks something.
  const missing = paper.savedAt !== undefined ? missingFields(paper) : [];
  return (
    <>
      <div role="gridcell" class="paper-main">
        <a class="paper-title" href={paperLink(paper)} target="_blank" rel="noreferrer" title={title} tabIndex={row.tabIndex} {...timed}>
          {title}
        </a>
        <div class="paper-meta">
          <span>{shortAuthors(paper)}</span>
          {paper.publishedAt && <span> · {paper.publishedAt}</span>}
          {/* Before the id: a narrow popup cuts the line at its end. */}
          {missing.length > 0 && (
            <span class="paper-incomplete" title={t('incompleteTooltip', missingInWords(missing))}>
              {' '}
              · {t('incomplete')}
              {/* The tooltip is for the mouse; screen readers hear what is missing with the word. */}
              <span class="visually-hidden">: {t('missingLower', missingInWords(missing))}</span>
            </span>
          )}
          <span> · {paperIdInWords(paper.id)}</span>
          {showState && <span class="paper-state"> · {paperStateWords(paper)}</span>}
        </div>
        {paper.tags.length > 0 && (
          <ul class="paper-tags" aria-label={t('tags')}>
            {paper.tags.map((tag) => (
              <li key={tag} class="chip">
                {tag}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div role="gridcell" class="paper-actions">
        <button type="button" class="link-button" tabIndex={row.tabIndex} aria-label={t('copyBibtexForTitle', title)} onClick={() => onCopyBibtex(paper)}>
          {copied ? t('copied') : t('copyBibtex')}
        </button>
        <button type="button" class="link-button" tabIndex={row.tabIndex} aria-label={t('tagsForTitle', title)} onClick={() => onEditTags(paper)}>
          {t('tags')}
        </button>
        <button type="button" class="link-button danger" tabIndex={row.tabIndex} aria-label={t('deleteTitle', title)} onClick={() => onDelete(paper)}>
          {t('delete')}
        </button>
      </div>
    </>
  );
}
