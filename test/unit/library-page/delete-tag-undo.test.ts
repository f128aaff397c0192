// @vitest-environment node
/**
 * Undo of deleting a tag puts it back with ui:bulkTags on the papers that were saved, and puts the
 * others back exactly as they were: bulkTags would save a hidden-only paper, as tagging a card does.
 */
import { describe, expect, it } from 'vitest';
import { deleteTagUndo } from '../../../lib/library-page/library-work';
import type { PaperRecord } from '../../../lib/paper/model';

const record = (id: string, state: { savedAt?: number; hiddenAt?: number }): PaperRecord => ({
  id,
  title: `Paper ${id}`,
  authors: [],
  sources: {},
  tags: ['LLM'],
  createdAt: 1,
  updatedAt: 1,
  ...state,
});

describe('deleteTagUndo', () => {
  it('re-tags the saved papers and restores the rest', () => {
    const saved = record('2409.00001', { savedAt: 5 });
    const both = record('2409.00002', { savedAt: 5, hiddenAt: 6 });
    const hiddenOnly = record('2409.00003', { hiddenAt: 6 });
    const neither = record('2409.00004', {});
    expect(deleteTagUndo([saved, both, hiddenOnly, neither], 'LLM')).toEqual({ kind: 'retag', ids: [saved.id, both.id], tag: 'LLM', records: [hiddenOnly, neither] });
  });

  it('offers nothing when no paper had the tag', () => {
    expect(deleteTagUndo([], 'LLM')).toBeUndefined();
  });
});
