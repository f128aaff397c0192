/**
 * The Tags section's table in jsdom: every tag with its count; rename in place, with the merge
 * said before it is confirmed; Escape cancels and gives the focus back; delete and show.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TagTable, type TagTableProps } from '../../../../components/library/TagTable';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const TAGS = [
  { tag: 'LLM', count: 12 },
  { tag: 'nlp', count: 5 },
];

function mount(props: Partial<TagTableProps> = {}) {
  const host = document.body.appendChild(document.createElement('div'));
  const handlers = {
    onShow: vi.fn<(tag: string) => void>(),
    onRename: vi.fn<(from: string, to: string) => Promise<boolean>>(async () => true),
    onDelete: vi.fn<(tag: string) => void>(),
  };
  act(() => render(<TagTable tags={TAGS} busy={false} {...handlers} {...props} />, host));
  cleanups.push(() => {
    act(() => render(null, host));
    host.remove();
  });
  const button = (name: string) => [...host.querySelectorAll('button')].find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent) === name);
  return { host, button, ...handlers };
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('TagTable', () => {
  it('lists every tag with its count, and its name lists its papers', () => {
    const { host, button, onShow } = mount();
    expect([...host.querySelectorAll('li')].map((row) => row.textContent)).toEqual(['LLM12 papersRenameDelete', 'nlp5 papersRenameDelete']);
    act(() => button('Show papers tagged nlp')!.click());
    expect(onShow).toHaveBeenCalledWith('nlp');
  });

  it('says a rename to another tag merges, and confirms with Merge into that tag\'s spelling', async () => {
    const { host, button, onRename } = mount();
    act(() => button('Rename nlp')!.click());
    const input = host.querySelector<HTMLInputElement>('#rename-field')!;
    expect(document.activeElement).toBe(input);
    expect(host.querySelector('label[for="rename-field"]')!.textContent).toBe('New name for nlp');
    type(input, 'language');
    expect(host.querySelector('#rename-hint')!.textContent).toBe('Renames “nlp” to “language” on 5 papers.');
    expect(button('Rename')).toBeDefined();
    type(input, 'llm');
    expect(host.querySelector('#rename-hint')!.textContent).toBe('“LLM” is already a tag (12 papers): this merges “nlp” (5 papers) into it. A paper with both keeps one.');
    expect(button('Merge')).toBeDefined();
    await act(async () => {
      host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onRename).toHaveBeenCalledWith('nlp', 'LLM');
    expect(host.querySelector('#rename-field')).toBeNull();
  });

  it('refuses a name a tag cannot have, and Escape cancels, giving the focus back to Rename', () => {
    const { host, button, onRename } = mount();
    act(() => button('Rename nlp')!.click());
    const input = host.querySelector<HTMLInputElement>('#rename-field')!;
    type(input, 'a, b');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((button('Rename') as HTMLButtonElement).disabled).toBe(true);
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(host.querySelector('#rename-field')).toBeNull();
    expect(document.activeElement).toBe(button('Rename nlp'));
    expect(onRename).not.toHaveBeenCalled();
  });

  it('deletes, and waits while work runs', () => {
    const { button, onDelete } = mount();
    act(() => button('Delete tag LLM')!.click());
    expect(onDelete).toHaveBeenCalledWith('LLM');
    cleanups.splice(0).forEach((cleanup) => cleanup());
    const busy = mount({ busy: true });
    expect((busy.button('Delete tag LLM') as HTMLButtonElement).disabled).toBe(true);
    expect((busy.button('Rename LLM') as HTMLButtonElement).disabled).toBe(true);
  });
});
