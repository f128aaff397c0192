/**
 * VirtualList in jsdom: only the rows in view (plus overscan) exist, the grid says how many there
 * are, and the keyboard moves one tab stop through 10,000 rows.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualList, type VirtualListHandle, type VirtualListProps } from '../../../components/VirtualList';

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const ITEMS = Array.from({ length: 10_000 }, (_, index) => `Paper ${index}`);

interface Mounted {
  grid: HTMLElement;
  handle: { current: VirtualListHandle | null };
  onRowKey: ReturnType<typeof vi.fn<NonNullable<VirtualListProps<string>['onRowKey']>>>;
  rows(): HTMLElement[];
  shownIndexes(): number[];
  rerender(props: Partial<VirtualListProps<string>>): void;
  scrollTo(top: number): void;
  press(key: string, target?: Element): KeyboardEvent;
  focused(): number | null;
}

function mount(props: Partial<VirtualListProps<string>> = {}): Mounted {
  const host = document.body.appendChild(document.createElement('div'));
  const handle: { current: VirtualListHandle | null } = { current: null };
  const onRowKey = vi.fn<NonNullable<VirtualListProps<string>['onRowKey']>>((_item, _index, event) => event.key === 'Enter');
  let current: VirtualListProps<string> = {
    items: ITEMS,
    label: 'Papers',
    rowHeight: 20,
    height: 100,
    handle,
    onRowKey,
    renderRow: (item, _index, row) => (
      <>
        <div role="gridcell">{item}</div>
        <div role="gridcell">
          <button type="button" tabIndex={row.tabIndex}>
            Delete {item}
          </button>
          <input aria-label={`Note on ${item}`} tabIndex={row.tabIndex} />
        </div>
      </>
    ),
    ...props,
  };
  const draw = () => act(() => render(<VirtualList {...current} />, host));
  draw();
  cleanups.push(() => {
    act(() => render(null, host));
    host.remove();
  });
  const grid = host.querySelector<HTMLElement>('[role="grid"]')!;
  const rows = () => [...grid.querySelectorAll<HTMLElement>('[role="row"]')];
  return {
    grid,
    handle,
    onRowKey,
    rows,
    shownIndexes: () => rows().map((row) => Number(row.getAttribute('aria-rowindex')) - 1),
    rerender(change) {
      current = { ...current, ...change };
      draw();
    },
    scrollTo(top) {
      act(() => {
        grid.scrollTop = top;
        grid.dispatchEvent(new Event('scroll'));
      });
    },
    press(key, target = document.activeElement ?? grid) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      act(() => {
        target.dispatchEvent(event);
      });
      return event;
    },
    focused() {
      const row = document.activeElement?.closest('[role="row"]');
      return row ? Number(row.getAttribute('aria-rowindex')) - 1 : null;
    },
  };
}

describe('VirtualList', () => {
  it('renders only the rows in view plus the overscan, and says how many there are', () => {
    const list = mount();
    expect(list.grid.getAttribute('aria-label')).toBe('Papers');
    expect(list.grid.getAttribute('aria-rowcount')).toBe('10000');
    // 100 px of 20-px rows: rows 0–4 in view, 4 more below.
    expect(list.shownIndexes()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(list.rows()[3]!.textContent).toContain('Paper 3');
    expect((list.grid.firstElementChild as HTMLElement).style.height).toBe('200000px');

    list.scrollTo(2_000); // row 100 at the top
    // The active row (0) stays rendered so the grid keeps its tab stop; then rows 96–108.
    expect(list.shownIndexes()).toEqual([0, ...Array.from({ length: 13 }, (_, i) => 96 + i)]);
    const row100 = list.rows().find((row) => row.getAttribute('aria-rowindex') === '101')!;
    expect(row100.style.top).toBe('2000px');
  });

  it('has one tab stop: the active row and its controls; other rows are out of the tab order', () => {
    const list = mount();
    const tabbable = list.grid.querySelectorAll('[tabindex="0"]');
    expect([...tabbable].map((element) => element.tagName)).toEqual(['DIV', 'BUTTON', 'INPUT']);
    expect(list.rows()[0]!.getAttribute('tabindex')).toBe('0');
    expect(list.rows()[1]!.getAttribute('tabindex')).toBe('-1');
  });

  it('moves with the arrows, Home/End and PageUp/PageDown, scrolling the row into view and focusing it', () => {
    const list = mount();
    act(() => list.rows()[0]!.focus());
    expect(list.press('ArrowDown').defaultPrevented).toBe(true);
    expect(list.focused()).toBe(1);
    list.press('ArrowUp');
    list.press('ArrowUp'); // stays on the first row
    expect(list.focused()).toBe(0);
    list.press('PageDown'); // a page is 5 rows: the last row in view becomes the first below
    expect(list.focused()).toBe(4);
    list.press('PageDown');
    expect(list.focused()).toBe(8);
    expect(list.grid.scrollTop).toBe(9 * 20 - 100);
    list.press('PageUp');
    expect(list.focused()).toBe(4);
    list.press('End');
    expect(list.focused()).toBe(9_999);
    expect(list.grid.scrollTop).toBe(10_000 * 20 - 100);
    expect(list.rows().some((row) => row.textContent?.includes('Paper 9999'))).toBe(true);
    list.press('Home');
    expect(list.focused()).toBe(0);
    expect(list.grid.scrollTop).toBe(0);
    expect(list.rows()[0]!.getAttribute('tabindex')).toBe('0');
  });

  it('hands every other key to onRowKey with the row it came from, and prevents the default when handled', () => {
    const list = mount();
    act(() => list.rows()[2]!.focus());
    expect(list.press('Enter').defaultPrevented).toBe(true);
    expect(list.onRowKey).toHaveBeenLastCalledWith('Paper 2', 2, expect.objectContaining({ key: 'Enter' }));
    expect(list.press('c').defaultPrevented).toBe(false);
    expect(list.onRowKey).toHaveBeenLastCalledWith('Paper 2', 2, expect.objectContaining({ key: 'c' }));
    // From a button inside another row: that row's item.
    const button = list.rows()[4]!.querySelector('button')!;
    list.press('Delete', button);
    expect(list.onRowKey).toHaveBeenLastCalledWith('Paper 4', 4, expect.objectContaining({ key: 'Delete' }));
  });

  it('leaves the keys typed into a field alone', () => {
    const list = mount();
    const input = list.rows()[1]!.querySelector('input')!;
    const calls = list.onRowKey.mock.calls.length;
    expect(list.press('ArrowDown', input).defaultPrevented).toBe(false);
    list.press('c', input);
    expect(list.onRowKey.mock.calls.length).toBe(calls);
  });

  it('the active row follows the focus, wherever it came from', () => {
    const list = mount();
    act(() => list.rows()[3]!.querySelector('button')!.focus());
    expect(list.rows()[3]!.getAttribute('tabindex')).toBe('0');
    expect(list.rows()[0]!.getAttribute('tabindex')).toBe('-1');
  });

  it('the page can move focus into the list (the search box ArrowDown)', () => {
    const list = mount();
    act(() => list.handle.current!.focusRow());
    expect(list.focused()).toBe(0);
    act(() => list.handle.current!.focusRow(500));
    expect(list.focused()).toBe(500);
    expect(list.grid.scrollTop).toBe(501 * 20 - 100);
  });

  it('keeps the focus on the same row when its item goes, and starts over when the query changes', () => {
    const list = mount();
    act(() => list.handle.current!.focusRow(2));
    list.rerender({ items: ITEMS.filter((item) => item !== 'Paper 2') });
    expect(list.focused()).toBe(2);
    expect(document.activeElement?.textContent).toContain('Paper 3');

    // The last row's item goes: the focus moves to the new last row, not to the page.
    const three = ['a', 'b', 'c'];
    list.rerender({ items: three });
    act(() => list.handle.current!.focusRow(2));
    list.rerender({ items: ['a', 'b'] });
    expect(list.focused()).toBe(1);

    list.rerender({ items: ITEMS, resetKey: 'new query' });
    list.scrollTo(4_000);
    list.rerender({ resetKey: 'newer query' });
    expect(list.grid.scrollTop).toBe(0);
    expect(list.rows()[0]!.getAttribute('tabindex')).toBe('0');
  });

  it('renders nothing but the grid for no items', () => {
    const list = mount({ items: [] });
    expect(list.rows()).toEqual([]);
    expect(list.grid.getAttribute('aria-rowcount')).toBe('0');
    list.press('ArrowDown', list.grid);
  });
});
