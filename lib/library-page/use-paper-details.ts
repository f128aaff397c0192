import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/t';
import type { DetailsStatus, PaperDetailsProps } from '../../components/library/PaperDetails';
import type { FieldStatus } from '../../components/library/status';
import type { PaperRecord } from '../paper/model';
import { checkKey, lookUpAgain, saveKey, saveMetadata, saveNote, saveTags } from './paper-actions';

export interface PaperDetailsState {
  /** The open paper as the library holds it now; undefined when none is open (or it was deleted). */
  paper: PaperRecord | undefined;
  open(paper: PaperRecord, options?: { editTags?: boolean }): void;
  close(): void;
  /** What PaperDetails needs besides the paper, the suggestions and onClose. */
  panel: Omit<PaperDetailsProps, 'paper' | 'tagSuggestions' | 'onClose' | 'headingRef'>;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * The details panel's state and its requests. The panel shows the paper as the library holds it
 * (so a write from another tab or a finished look-up shows at once); each answer is shown only if
 * the same paper is still open, and a key save overtaken by a later one is dropped.
 */
export function usePaperDetails(papers: readonly PaperRecord[]): PaperDetailsState {
  const [openId, setOpenId] = useState<string>();
  const [editingTags, setEditingTags] = useState(false);
  // Tags as just edited, shown at once; dropped when the library holds them, or put back when refused.
  const [tagsDraft, setTagsDraft] = useState<{ id: string; tags: string[] }>();
  const [status, setStatusState] = useState<DetailsStatus>({});
  const current = useRef<string | undefined>(undefined);
  const keySaves = useRef(0);
  const noteInFlight = useRef<string | undefined>(undefined);

  const paper = useMemo(() => (openId === undefined ? undefined : papers.find((candidate) => candidate.id === openId)), [papers, openId]);
  const stored = paper?.tags;
  const tags = tagsDraft && tagsDraft.id === openId ? tagsDraft.tags : (stored ?? []);
  useEffect(() => {
    if (tagsDraft && stored && same(tagsDraft.tags, stored)) setTagsDraft(undefined);
  }, [tagsDraft, stored]);

  /** Sets a part's status, if `id` is still the open paper. */
  const report = (id: string, part: keyof DetailsStatus, next: FieldStatus | undefined) => {
    if (current.current === id) setStatusState((before) => ({ ...before, [part]: next }));
  };

  const open = (chosen: PaperRecord, options: { editTags?: boolean } = {}) => {
    if (current.current !== chosen.id) {
      setStatusState({});
      setTagsDraft(undefined);
    }
    current.current = chosen.id;
    setOpenId(chosen.id);
    setEditingTags(options.editTags ?? false);
  };

  const close = () => {
    current.current = undefined;
    setOpenId(undefined);
    setEditingTags(false);
    setTagsDraft(undefined);
    setStatusState({});
  };

  const panel: PaperDetailsState['panel'] = {
    tags,
    editingTags,
    status,
    onEditTags: setEditingTags,
    onStatus: (part, next) => {
      if (paper) report(paper.id, part, next);
    },
    onTags: (next) => {
      if (!paper) return;
      const target = paper;
      setTagsDraft({ id: target.id, tags: next });
      report(target.id, 'tags', undefined);
      void saveTags(target, next).then((problem) => {
        if (!problem) return;
        setTagsDraft((draft) => (draft?.id === target.id ? undefined : draft));
        report(target.id, 'tags', problem);
      });
    },
    onSaveNote: (note) => {
      if (!paper || noteInFlight.current === `${paper.id}\n${note}`) return;
      const target = paper;
      noteInFlight.current = `${target.id}\n${note}`;
      report(target.id, 'note', { tone: 'saving', text: t('saving') });
      void saveNote(target, note).then((result) => {
        noteInFlight.current = undefined;
        report(target.id, 'note', result);
      });
    },
    onSaveKey: (key) => {
      if (!paper) return;
      const target = paper;
      const checked = checkKey(target, key);
      if (!checked.ok) {
        report(target.id, 'key', checked.status);
        return;
      }
      // Each save gets a number; an answer that a later save overtook is dropped.
      const save = ++keySaves.current;
      report(target.id, 'key', { tone: 'saving', text: t('saving') });
      void saveKey(target, checked.key).then((result) => {
        if (keySaves.current === save) report(target.id, 'key', result);
      });
    },
    onSaveMetadata: (changes) => {
      if (!paper) return;
      const target = paper;
      report(target.id, 'metadata', { tone: 'saving', text: t('saving') });
      void saveMetadata(target, changes).then((result) => report(target.id, 'metadata', result));
    },
    onLookUp: () => {
      if (!paper) return;
      const target = paper;
      report(target.id, 'lookUp', { tone: 'saving', text: t('asking') });
      void lookUpAgain(target).then((result) => report(target.id, 'lookUp', result));
    },
  };

  return { paper, open, close, panel };
}
