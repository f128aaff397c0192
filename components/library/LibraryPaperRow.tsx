import type { PaperRecord } from '../../lib/paper/model';
import { PaperRow } from '../PaperRow';
import type { RowState } from '../VirtualList';
import { t } from '../../lib/i18n/t';

export interface LibraryPaperRowProps {
  paper: PaperRecord;
  /** From VirtualList: the active row's controls are in the tab order, others not. */
  row: RowState;
  selected: boolean;
  /** Say "Saved", "Hidden"… on the row: in views that mix them. */
  showState: boolean;
  /** The BibTeX of this paper was just copied. */
  copied: boolean;
  /** This paper's details are open beside the list. */
  detailsOpen: boolean;
  /** `range`: Shift was held, select from the last clicked paper to this one. */
  onSelect(paper: PaperRecord, selected: boolean, range: boolean): void;
  onDetails(paper: PaperRecord): void;
  onCopyBibtex(paper: PaperRecord): void;
  onEditTags(paper: PaperRecord): void;
  onDelete(paper: PaperRecord): void;
}

/**
 * One paper in the full-page library's list: a checkbox to select it, the popup's row (title
 * link, authors, date, id, tags; Copy BibTeX, Tags, Delete), and a button that opens its details.
 * Every control names the paper, so each is unambiguous out of context.
 */
export function LibraryPaperRow(props: LibraryPaperRowProps) {
  const { paper, row, selected, detailsOpen } = props;
  return (
    <>
      <div role="gridcell" class="row-select">
        <input
          type="checkbox"
          checked={selected}
          tabIndex={row.tabIndex}
          aria-label={t('selectPaper', paper.title)}
          // A click, not a change: only the click knows whether Shift was held.
          onClick={(event) => props.onSelect(paper, event.currentTarget.checked, event.shiftKey)}
        />
      </div>
      <PaperRow
        paper={paper}
        row={row}
        showState={props.showState}
        copied={props.copied}
        onCopyBibtex={props.onCopyBibtex}
        onEditTags={props.onEditTags}
        onDelete={props.onDelete}
      />
      <div role="gridcell" class="row-details">
        <button
          type="button"
          class="button"
          tabIndex={row.tabIndex}
          aria-label={t('detailsFor', paper.title)}
          aria-expanded={detailsOpen}
          aria-controls={detailsOpen ? 'paper-details' : undefined}
          onClick={() => props.onDetails(paper)}
        >
          {t('details')}
        </button>
      </div>
    </>
  );
}
