import type { ComponentChildren, RefObject, TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** What a page can ask of the list from outside (the search box moves focus into it). */
export interface VirtualListHandle {
  /** Focuses a row (the active one by default), scrolling it into view. */
  focusRow(index?: number): void;
}

export interface RowState {
  /** The row that holds the list's one tab stop (roving focus). */
  active: boolean;
  /** For the row's own links and buttons: reachable with Tab in the active row only. */
  tabIndex: 0 | -1;
}

export interface VirtualListProps<T> {
  items: readonly T[];
  /** The accessible name of the grid. */
  label: string;
  /** Every row has this height, in pixels: what makes positions computable without measuring. */
  rowHeight: number;
  /** The height of the scrolling viewport, in pixels. */
  height: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gap. */
  overscan?: number;
  /** The row's cells (`role="gridcell"` elements). */
  renderRow(item: T, index: number, state: RowState): ComponentChildren;
  /**
   * A key pressed on a row (or inside it) that the list does not use for moving: Enter, letters,
   * Delete… Return true when handled; the list then prevents the browser's default.
   */
  onRowKey?(item: T, index: number, event: KeyboardEvent): boolean;
  /** When this value changes (a new query), the list scrolls back to its first row. */
  resetKey?: unknown;
  handle?: RefObject<VirtualListHandle | null>;
}

const MOVES: Readonly<Record<string, true>> = { ArrowDown: true, ArrowUp: true, Home: true, End: true, PageDown: true, PageUp: true };

/**
 * A list that renders only the rows in view (plus `overscan`), so 100,000 items cost what 20 do.
 * Fixed row height: the scroll height is `items × rowHeight` and each row sits at its offset.
 *
 * It is an ARIA grid with one tab stop (roving tabindex): rows carry `aria-rowindex` out of
 * `aria-rowcount`, so assistive tools announce "row 5 of 100,000" although five rows exist.
 * ArrowUp/ArrowDown, Home/End and PageUp/PageDown move between rows; every other key goes to
 * `onRowKey`. The active row is always rendered, even scrolled away, so Tab can always reach it.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, height, overscan = 4, renderRow, onRowKey, resetKey, handle } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  // A row to focus once it is rendered (after a move that scrolled).
  const focusPending = useRef<number | null>(null);

  const count = items.length;
  const current = Math.min(active, Math.max(0, count - 1));
  const perPage = Math.max(1, Math.floor(height / rowHeight));

  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
    setActive(0);
  }, [resetKey]);

  /** Makes `index` active, scrolls it into view, and (when asked) focuses it once rendered. */
  const move = (index: number, focus: boolean) => {
    if (count === 0) return;
    const target = Math.max(0, Math.min(count - 1, index));
    const element = viewport.current;
    let top = element?.scrollTop ?? scrollTop;
    if (target * rowHeight < top) top = target * rowHeight;
    else if ((target + 1) * rowHeight > top + height) top = (target + 1) * rowHeight - height;
    if (element) element.scrollTop = top;
    setScrollTop(top);
    setActive(target);
    if (!focus) return;
    // Focused now when the row exists (rows are keyed by position, so it stays the focused
    // element through the render that follows); otherwise once the render that brings it is done.
    const row = element?.querySelector<HTMLElement>(`[data-row="${target}"]`);
    if (row) row.focus({ preventScroll: true });
    else focusPending.current = target;
  };

  // Whether a row had the focus, and how many rows there were at the last render.
  const focusInside = useRef(false);
  const lastCount = useRef(count);

  useLayoutEffect(() => {
    const shrunk = count < lastCount.current;
    lastCount.current = count;
    let index = focusPending.current;
    focusPending.current = null;
    // The focused row was the last and its item went (deleted): the focus goes to the new last row
    // rather than to the page's body.
    if (index === null && shrunk && focusInside.current && document.activeElement === document.body) index = current;
    if (index === null || count === 0) return;
    viewport.current?.querySelector<HTMLElement>(`[data-row="${Math.min(index, count - 1)}"]`)?.focus({ preventScroll: true });
  });

  if (handle) handle.current = { focusRow: (index = current) => move(index, true) };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || count === 0 || isTextField(event.target)) return;
    const row = rowOf(event.target);
    const index = row ?? current;
    if (MOVES[event.key] && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const to: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        Home: 0,
        End: count - 1,
        PageDown: index + perPage - 1,
        PageUp: index - perPage + 1,
      };
      move(to[event.key]!, true);
      return;
    }
    if (onRowKey?.(items[index]!, index, event)) event.preventDefault();
  };

  // The row that holds focus follows the focus, wherever it came from (a click on a button).
  const onFocusIn = (event: TargetedEvent<HTMLDivElement, FocusEvent>) => {
    focusInside.current = true;
    const row = rowOf(event.target);
    if (row !== null && row !== current) setActive(row);
  };
  const onFocusOut = (event: TargetedEvent<HTMLDivElement, FocusEvent>) => {
    const next = event.relatedTarget;
    if (next instanceof Node && !event.currentTarget.contains(next)) focusInside.current = false;
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan - 1);
  const shown: number[] = [];
  if (count > 0 && current < first) shown.push(current);
  for (let index = first; index <= last; index++) shown.push(index);
  if (count > 0 && current > last) shown.push(current);

  return (
    <div
      ref={viewport}
      class="vlist"
      role="grid"
      aria-label={props.label}
      aria-rowcount={count}
      style={{ height: `${height}px`, overflowY: 'auto', position: 'relative' }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocusIn={onFocusIn}
      onFocusOut={onFocusOut}
    >
      <div role="presentation" style={{ height: `${count * rowHeight}px`, position: 'relative' }}>
        {shown.map((index) => {
          const item = items[index]!;
          const isActive = index === current;
          return (
            <div
              // Keyed by position, not by item: when the paper in a focused row is deleted, the
              // focus stays on that row, which now shows the next paper.
              key={index}
              role="row"
              class={isActive ? 'vrow active' : 'vrow'}
              aria-rowindex={index + 1}
              data-row={index}
              tabIndex={isActive ? 0 : -1}
              style={{ position: 'absolute', top: `${index * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}
            >
              {renderRow(item, index, { active: isActive, tabIndex: isActive ? 0 : -1 })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The index of the row an element is in, or null. */
function rowOf(target: EventTarget | null): number | null {
  const row = target instanceof Element ? target.closest('[data-row]') : null;
  return row ? Number(row.getAttribute('data-row')) : null;
}

/** Keys typed into a field are the field's, never the list's. */
function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
