import { useEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import { normalizeTag, TagError, tagKey, type TagCount } from '../lib/paper/tags';
import { tagOptions, type TagOption } from './tag-options';
import { plural, t } from '../lib/i18n/t';

export interface TagEditorProps {
  paperTitle: string;
  tags: readonly string[];
  /** Every tag in the library, most used first. May arrive (or change) while the editor is open. */
  suggestions?: readonly TagCount[];
  onChange(tags: string[]): void;
  onClose(): void;
}

const NO_SUGGESTIONS: readonly TagCount[] = [];

/** Element ids must be unique in the document (the library page may hold several editors). */
let editorCount = 0;

/** Identifies an option across renders, so the highlight survives new suggestions arriving. */
function optionKey(option: TagOption): string {
  return option.kind === 'create' ? 'create' : `tag:${tagKey(option.tag)}`;
}

/**
 * A small inline editor, an ARIA combobox: typing filters the library's tags (most used first) and
 * offers to create a new one. ArrowDown/ArrowUp highlight an option, Enter adds the highlighted
 * option or else the typed text, comma adds the typed text, Tab completes a highlighted tag into the
 * field, Backspace in an empty field removes the last tag, Escape closes the list and then the
 * editor. The highlight only ever moves by the arrows, so Enter never adds a tag the user did not
 * type or pick.
 */
export function TagEditor({ paperTitle, tags, suggestions = NO_SUGGESTIONS, onChange, onClose }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  // The field is focused as the editor opens, and a focused empty field shows the top tags.
  const [open, setOpen] = useState(true);
  const [active, setActive] = useState<string | null>(null);
  const [ids] = useState(() => `papershelf-tag-editor-${++editorCount}`);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const options = tagOptions(suggestions, tags, draft);
  const expanded = open && options.length > 0;
  const activeIndex = expanded && active !== null ? options.findIndex((option) => optionKey(option) === active) : -1;
  const activeOption = options[activeIndex];
  const optionId = (index: number) => `${ids}-option-${index}`;

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    // jsdom has no scrollIntoView; browsers keep the highlighted option inside the scrolled list.
    const element = activeIndex >= 0 ? list.current?.children[activeIndex] : undefined;
    element?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex]);

  /** Adds a tag; false (with the reason shown) when it is refused. */
  const add = (raw: string): boolean => {
    let tag: string;
    try {
      tag = normalizeTag(raw);
    } catch (error) {
      if (!(error instanceof TagError)) throw error;
      // An empty field is not an attempt at a tag: Enter or Done on it does nothing, silently.
      if (raw.trim() === '') {
        setDraft('');
        return true;
      }
      setProblem(error.message);
      return false;
    }
    setDraft('');
    setProblem('');
    setActive(null);
    const key = tagKey(tag);
    if (tags.some((existing) => tagKey(existing) === key)) return true;
    // The library's spelling wins: typing "llm" where the library says "LLM" adds "LLM".
    const known = suggestions.find((suggestion) => tagKey(suggestion.tag) === key);
    onChange([...tags, known?.tag ?? tag]);
    return true;
  };

  const move = (step: 1 | -1) => {
    if (options.length === 0) return;
    let next: number;
    if (!expanded || activeIndex === -1) next = step === 1 ? 0 : options.length - 1;
    else next = (activeIndex + step + options.length) % options.length;
    setOpen(true);
    setActive(optionKey(options[next]!));
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    // Keep the host page's own keyboard shortcuts from firing while the user types a tag.
    event.stopPropagation();
    // Enter or a comma that confirms an input method's composition (Japanese, Chinese…) is not ours.
    if (event.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter':
        event.preventDefault();
        add(activeOption ? activeOption.tag : draft);
        break;
      case ',':
        event.preventDefault();
        add(draft);
        break;
      case 'Tab':
        // Completes a highlighted known tag; otherwise Tab moves focus as it always does.
        if (activeOption?.kind === 'suggestion' && !event.shiftKey) {
          event.preventDefault();
          setDraft(activeOption.tag);
          setActive(null);
          setProblem('');
        }
        break;
      case 'Escape':
        event.preventDefault();
        if (expanded) {
          setOpen(false);
          setActive(null);
        } else onClose();
        break;
      case 'Backspace':
        if (draft === '' && tags.length > 0) onChange(tags.slice(0, -1));
        break;
    }
  };

  const pick = (option: TagOption) => {
    add(option.tag);
    input.current?.focus();
  };

  return (
    <div class="tag-editor" role="dialog" aria-label={t('tagsForPaper', paperTitle)}>
      <ul class="tag-list" aria-label={t('tags')}>
        {tags.map((tag) => (
          <li key={tag} class="tag">
            <span>{tag}</span>
            <button type="button" class="tag-remove" aria-label={t('removeTagNamed', tag)} onClick={() => onChange(tags.filter((other) => other !== tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={input}
        class="tag-input"
        type="text"
        role="combobox"
        aria-label={t('addATag')}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${ids}-list`}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        autocomplete="off"
        spellcheck={false}
        placeholder={t('addATagPressEnter')}
        value={draft}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          setOpen(true);
          setActive(null);
          setProblem('');
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setActive(null);
        }}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        class="btn"
        onClick={() => {
          if (add(draft)) onClose();
        }}
      >
        {t('done')}
      </button>
      <ul ref={list} id={`${ids}-list`} class="tag-options" role="listbox" aria-label={t('tagsInYourLibrary')} hidden={!expanded}>
        {expanded &&
          options.map((option, index) => (
            <li
              key={optionKey(option)}
              id={optionId(index)}
              class={option.kind === 'create' ? 'tag-option create' : 'tag-option'}
              role="option"
              aria-selected={index === activeIndex}
              // Keeps the focus (and the keyboard) in the field when an option is clicked.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
            >
              {option.kind === 'create' ? (
                <span class="option-tag">{t('createTag', option.tag)}</span>
              ) : (
                <>
                  <span class="option-tag">{option.tag}</span>
                  {/* Seen as "LLM · 12"; heard as "LLM, 12 papers". */}
                  <span class="option-count" aria-hidden="true">· {option.count}</span>
                  <span class="visually-hidden">, {plural(option.count, 'paperCountOne', 'paperCountMany', String(option.count))}</span>
                </>
              )}
            </li>
          ))}
      </ul>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
