import type { RefObject, TargetedKeyboardEvent } from 'preact';
import { useRef } from 'preact/hooks';
import { paperIdInWords, paperPageUrl } from '../../lib/paper/paper-id';
import type { PaperRecord } from '../../lib/paper/model';
import type { TagCount } from '../../lib/paper/tags';
import { paperLink, paperStateWords } from '../paper-text';
import { TagEditor } from '../TagEditor';
import { CitationKeyEditor } from './CitationKeyEditor';
import type { MetadataChanges } from './metadata-draft';
import { MetadataEditor } from './MetadataEditor';
import { NoteEditor } from './NoteEditor';
import { StatusLine } from './StatusLine';
import type { FieldStatus } from './status';
import { t } from '../../lib/i18n/t';

/** What each part of the panel last heard from the background. */
export interface DetailsStatus {
  tags?: FieldStatus | undefined;
  note?: FieldStatus | undefined;
  key?: FieldStatus | undefined;
  metadata?: FieldStatus | undefined;
  lookUp?: FieldStatus | undefined;
}

export interface PaperDetailsProps {
  paper: PaperRecord;
  /** The paper's tags as just edited (shown at once, before the library confirms them). */
  tags: readonly string[];
  tagSuggestions: readonly TagCount[] | undefined;
  editingTags: boolean;
  status: DetailsStatus;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  onEditTags(editing: boolean): void;
  onTags(tags: string[]): void;
  onSaveNote(note: string): void;
  onSaveKey(key: string): void;
  onSaveMetadata(changes: MetadataChanges): void;
  onLookUp(): void;
  /** A part's status changed on the page (the user typed again; a refusal found before sending). */
  onStatus(part: keyof DetailsStatus, status: FieldStatus | undefined): void;
  onClose(): void;
}

/** Names listed before "and N more": a consortium paper has thousands. */
const MAX_AUTHORS_SHOWN = 30;

/**
 * One paper, in full, beside the list: what the library knows of it, its tags, a note, its
 * citation key, its metadata corrected by hand, and a new look-up. Props in, callbacks out.
 * Escape closes it (except in a text field, where it would throw away what is typed).
 */
export function PaperDetails(props: PaperDetailsProps) {
  const { paper, status } = props;
  const editTagsButton = useRef<HTMLButtonElement>(null);
  const total = Math.max(paper.authors.length, paper.authorCount ?? 0);
  const shownAuthors = paper.authors.slice(0, MAX_AUTHORS_SHOWN).join(', ');
  const moreAuthors = total - Math.min(paper.authors.length, MAX_AUTHORS_SHOWN);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    event.preventDefault();
    props.onClose();
  };

  return (
    <div id="paper-details" class="details" role="region" aria-label={t('paperDetails')} onKeyDown={onKeyDown}>
      <div class="details-head">
        <h3 ref={props.headingRef} tabIndex={-1}>
          {paper.title}
        </h3>
        <button type="button" class="button" aria-label={t('closeDetails')} onClick={props.onClose}>
          {t('close')}
        </button>
      </div>
      <dl class="details-facts">
        <dt>{t('authors')}</dt>
        <dd>
          {paper.authors.length === 0 ? (total > 0 ? t('authorsNamesUnknown', total) : t('unknown')) : shownAuthors}
          {paper.authors.length > 0 && moreAuthors > 0 && <> {t('andMoreAuthors', moreAuthors.toLocaleString('en'))}</>}
        </dd>
        <dt>{t('published')}</dt>
        <dd>{paper.publishedAt ?? t('unknown')}</dd>
        <dt>{t('arxiv')}</dt>
        <dd>
          <a href={paperPageUrl(paper.id)} target="_blank" rel="noreferrer">
            {paperIdInWords(paper.id)}
          </a>
          {paperLink(paper) !== paperPageUrl(paper.id) && (
            <>
              {' · '}
              <a href={paperLink(paper)} target="_blank" rel="noreferrer">
                {t('whereYouSawIt')}
              </a>
            </>
          )}
        </dd>
        <dt>{t('inTheLibrary')}</dt>
        <dd>{paperStateWords(paper)}</dd>
      </dl>

      <div class="details-part">
        <h4>{t('tags')}</h4>
        {props.editingTags ? (
          <TagEditor
            paperTitle={paper.title}
            tags={props.tags}
            suggestions={props.tagSuggestions}
            onChange={props.onTags}
            onClose={() => {
              props.onEditTags(false);
              // The editor goes; the focus goes back to what opened it, not to the page's body.
              requestAnimationFrame(() => editTagsButton.current?.focus());
            }}
          />
        ) : (
          <div class="field-row">
            {props.tags.length > 0 ? (
              <ul class="paper-tags" aria-label={t('tags')}>
                {props.tags.map((tag) => (
                  <li key={tag} class="chip">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : (
              <span class="muted">{t('noTags')}</span>
            )}
            <button ref={editTagsButton} type="button" class="button" onClick={() => props.onEditTags(true)}>
              {t('editTags')}
            </button>
          </div>
        )}
        <StatusLine status={status.tags} />
      </div>

      <div class="details-part">
        <NoteEditor key={paper.id} note={paper.note} status={status.note} onSave={props.onSaveNote} onEdit={() => props.onStatus('note', undefined)} />
      </div>
      <div class="details-part">
        <CitationKeyEditor
          key={paper.id}
          paperTitle={paper.title}
          citationKey={paper.citationKey}
          status={status.key}
          onSave={props.onSaveKey}
          onEdit={() => props.onStatus('key', undefined)}
        />
      </div>
      <div class="details-part">
        <MetadataEditor key={paper.id} paper={paper} status={status.metadata} onSave={props.onSaveMetadata} onStatus={(next) => props.onStatus('metadata', next)} />
      </div>
      <div class="details-part">
        <div class="field-row">
          <button type="button" class="button" disabled={status.lookUp?.tone === 'saving'} onClick={props.onLookUp}>
            {t('lookUpMetadataAgain')}
          </button>
        </div>
        <StatusLine status={status.lookUp} />
      </div>
    </div>
  );
}
