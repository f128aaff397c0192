/** EmptyList: the popup's and the library page's words for an empty list, and Clear when a filter is why. */
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmptyList } from '../../../components/EmptyList';
import { DEFAULT_QUERY, type LibraryQuery } from '../../../lib/search';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) {
    render(null, host);
    host.remove();
  }
});

function shown(query: LibraryQuery, libraryEmpty = false, onClear = () => {}): HTMLElement {
  const host = document.body.appendChild(document.createElement('div'));
  hosts.push(host);
  render(<EmptyList query={query} libraryEmpty={libraryEmpty} emptyLibrary={<p>Welcome: save a paper.</p>} onClear={onClear} />, host);
  return host;
}

describe('EmptyList', () => {
  it('an empty library gets the page’s own welcome, and no Clear', () => {
    const host = shown({ ...DEFAULT_QUERY, text: 'attention' }, true);
    expect(host.textContent).toBe('Welcome: save a paper.');
    expect(host.querySelector('button')).toBeNull();
  });

  it('an unfiltered view says which papers there are none of', () => {
    expect(shown({ ...DEFAULT_QUERY, show: 'hidden' }).textContent).toBe('No hidden papers.');
    expect(shown({ ...DEFAULT_QUERY, show: 'saved' }).textContent).toBe('No saved papers: they are all hidden or unsaved.');
    expect(shown({ ...DEFAULT_QUERY, show: 'all' }).textContent).toBe('No papers.');
  });

  it('a search or tag filter with no match says what was asked, and Clear clears it', () => {
    const onClear = vi.fn();
    const host = shown({ ...DEFAULT_QUERY, text: '  diffusion ', tags: ['to-read', 'vision'], tagMode: 'any' }, false, onClear);
    expect(host.querySelector('p')?.textContent).toBe('No papers match “diffusion” with any of the tags to-read, vision.');
    host.querySelector('button')!.click();
    expect(onClear).toHaveBeenCalledTimes(1);
  });
});
