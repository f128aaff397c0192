/**
 * The bulk actions in jsdom: each button says how many papers it acts on and waits while nothing
 * is selected or work runs; a tag is checked before it is sent.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulkActions, type BulkActionsProps } from '../../../../components/library/BulkActions';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function mount(props: Partial<BulkActionsProps> = {}) {
  const host = document.body.appendChild(document.createElement('div'));
  const handlers = {
    onSelectAll: vi.fn(),
    onClear: vi.fn(),
    onAddTag: vi.fn<(tag: string) => void>(),
    onRemoveTag: vi.fn<(tag: string) => void>(),
    onUnhide: vi.fn(),
    onUnsave: vi.fn(),
    onDelete: vi.fn(),
    onExport: vi.fn(),
  };
  const all: BulkActionsProps = {
    selectedCount: 12_000,
    notShown: 3,
    matching: 40_000,
    hiddenCount: 2,
    savedCount: 11_998,
    suggestions: [{ tag: 'LLM', count: 9 }],
    selectedTags: [{ tag: 'LLM', count: 4 }],
    busy: false,
    ...handlers,
    ...props,
  };
  act(() => render(<BulkActions {...all} />, host));
  cleanups.push(() => {
    act(() => render(null, host));
    host.remove();
  });
  const button = (text: string) => [...host.querySelectorAll('button')].find((candidate) => candidate.textContent === text) as HTMLButtonElement | undefined;
  return { host, button, ...handlers };
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('BulkActions', () => {
  it('says how many papers each action takes', () => {
    const { host, button } = mount();
    expect(host.querySelector('#selection-count')!.textContent).toBe('12,000 selected, 3 of them not shown by this filter');
    for (const text of ['Select all 40,000 matching', 'Clear selection', 'Unhide 2 hidden', 'Unsave 11,998 saved', 'Delete 12,000 selected', 'Export 12,000 selected']) {
      expect(button(text)?.disabled, text).toBe(false);
    }
    expect([...host.querySelectorAll('option')].map((option) => option.textContent)).toContain('LLM (4 of 12,000)');
  });

  it('waits while nothing is selected, the search runs, or work runs', () => {
    const none = mount({ selectedCount: 0, notShown: 0, hiddenCount: 0, savedCount: 0, selectedTags: [], matching: undefined });
    for (const text of ['Select all matching', 'Clear selection', 'Unhide 0 hidden', 'Delete 0 selected', 'Export 0 selected', 'Add tag']) expect(none.button(text)?.disabled, text).toBe(true);
    cleanups.splice(0).forEach((cleanup) => cleanup());
    const busy = mount({ busy: true });
    for (const text of ['Select all 40,000 matching', 'Delete 12,000 selected', 'Export 12,000 selected']) expect(busy.button(text)?.disabled, text).toBe(true);
  });

  it('checks a tag before it is added, and sends it cleaned', () => {
    const { host, button, onAddTag } = mount();
    const input = host.querySelector<HTMLInputElement>('input[aria-label="Tag to add"]')!;
    type(input, 'a, b');
    act(() => button('Add tag')!.click());
    expect(onAddTag).not.toHaveBeenCalled();
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('A tag cannot contain a comma: commas separate tags.');
    type(input, '  to   read ');
    expect(host.querySelector('[role="alert"]')).toBeNull();
    act(() => button('Add tag')!.click());
    expect(onAddTag).toHaveBeenCalledWith('to read');
    expect(input.value).toBe('');
  });

  it('removes a tag chosen among the selection\'s', () => {
    const { host, button, onRemoveTag } = mount();
    expect(button('Remove tag')!.disabled).toBe(true);
    const select = host.querySelector<HTMLSelectElement>('select')!;
    act(() => {
      select.value = 'LLM';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => button('Remove tag')!.click());
    expect(onRemoveTag).toHaveBeenCalledWith('LLM');
  });
});
