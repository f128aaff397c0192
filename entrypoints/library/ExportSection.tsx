import { useMemo, useState } from 'preact/hooks';
import type { PaperRecord } from '../../lib/paper/model';
import type { Settings } from '../../lib/settings';
import { downloadBibtex } from '../../lib/ui/export-bibtex';
import { t } from '../../lib/i18n/t';

/** Export BibTeX of every saved paper, or of those with one tag. */
export function ExportSection({ saved, settings }: { saved: readonly PaperRecord[] | undefined; settings: Settings }) {
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState('');
  const tagCounts = useMemo(() => countTags(saved ?? []), [saved]);
  // A tag that no saved paper has any more falls back to everything.
  const selected = tagCounts.some(([name]) => name === tag) ? tag : '';
  const papers = useMemo(() => (selected ? (saved ?? []).filter((paper) => paper.tags.includes(selected)) : (saved ?? [])), [saved, selected]);

  const exportNow = () => {
    setStatus(downloadBibtex(document, papers, settings));
  };

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">{t('export')}</h2>
      <div class="field">
        <label for="export-tag">{t('papersToExport')}</label>
        <select id="export-tag" value={selected} disabled={saved === undefined} onChange={(event) => setTag(event.currentTarget.value)}>
          <option value="">{t('allSavedPapers', saved?.length ?? 0)}</option>
          {tagCounts.map(([name, count]) => (
            <option key={name} value={name}>
              {name} ({count})
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="button" class="button" disabled={papers.length === 0} onClick={exportNow}>
          {t('exportBibtex')}
        </button>
      </div>
      <p class="muted" role="status">
        {status}
      </p>
    </section>
  );
}

/** Each tag of the saved papers with how many have it, alphabetically. */
function countTags(papers: readonly PaperRecord[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const paper of papers) for (const tag of paper.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0));
}
