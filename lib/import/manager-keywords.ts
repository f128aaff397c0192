/**
 * Keywords a reference manager writes for its own bookkeeping rather than the user: Zotero's
 * `/unread` (and other `/…` status tags), `#nosource`-style markers, plugin flags that start with a
 * symbol (`⛔ No DOI found`), and the arXiv subject names Zotero copies from arXiv's metadata
 * ("Computer Science - Machine Learning"). The import keeps them out of the tags unless the user
 * asks for them in the preview.
 */

/** arXiv's archive names as Zotero writes them before ` - <subject>`, and the archives with no subjects. */
const ARXIV_ARCHIVES = [
  'Astrophysics',
  'Computer Science',
  'Condensed Matter',
  'Economics',
  'Electrical Engineering and Systems Science',
  'High Energy Physics',
  'Mathematics',
  'Nonlinear Sciences',
  'Nuclear',
  'Physics',
  'Quantitative Biology',
  'Quantitative Finance',
  'Statistics',
];
const WHOLE_ARCHIVES = new Set(['general relativity and quantum cosmology', 'mathematical physics', 'quantum physics', 'nuclear theory', 'nuclear experiment']);
const SUBJECT = new RegExp(`^(?:${ARXIV_ARCHIVES.join('|')})(?: [A-Za-z]+)? - \\S`, 'i');

/** A status or marker (`/unread`, `#nosource`) or a tag that starts with a symbol (`⛔ …`, `★`). */
const MARKER = /^(?:[/#]\S|[\p{Extended_Pictographic}\p{So}])/u;

export function isManagerKeyword(tag: string): boolean {
  const text = tag.trim();
  if (text.length > 120) return false;
  return MARKER.test(text) || SUBJECT.test(text) || WHOLE_ARCHIVES.has(text.toLowerCase());
}

/** The user's own keywords and the bookkeeping ones, each in the file's order. */
export function splitManagerKeywords(tags: readonly string[]): { own: string[]; manager: string[] } {
  const own: string[] = [];
  const manager: string[] = [];
  for (const tag of tags) (isManagerKeyword(tag) ? manager : own).push(tag);
  return { own, manager };
}
