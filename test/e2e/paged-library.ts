import type { Page } from 'playwright-core';
import type { PaperRecord } from '../../lib/paper/model';
import { seedLibrary } from '../../scripts/seed-library.ts';
import { collectConsoleErrors, type Session } from './harness.ts';

/**
 * A library too large to hold (a year of hides) in small: 1,200 hidden papers and 20 saved ones,
 * opened at an extension page whose in-memory limit is lowered through its address
 * (`?maxInMemory=100`), so they page as 950,000 would.
 */
export const PAGED_TIME = 1_780_000_000_000;
export const PAGED_HIDDEN = 1_200;

export function pagedRecord(index: number, fields: Partial<PaperRecord>): PaperRecord {
  const arxiv = `2408.${String(10_000 + index)}`;
  return { id: `arxiv:${arxiv}`, title: `Paged paper number ${index}`, authors: ['Ada Lovelace'], sources: { arxiv: `https://arxiv.org/abs/${arxiv}` }, citationKey: `paged${index}`, tags: [], createdAt: PAGED_TIME, updatedAt: PAGED_TIME, ...fields };
}

/** Seeds the paged library and opens `page` (popup.html or library.html) over it; returns the page and its console errors. */
export async function openPagedLibrary(session: Session, page: 'popup.html' | 'library.html'): Promise<{ page: Page; errors: string[] }> {
  const hidden = Array.from({ length: PAGED_HIDDEN }, (_, index) => pagedRecord(index, { hiddenAt: PAGED_TIME + index }));
  const saved = Array.from({ length: 20 }, (_, index) => pagedRecord(5_000 + index, { savedAt: PAGED_TIME + 10_000 + index }));
  await seedLibrary(session, [...hidden, ...saved]);
  const opened = await session.context.newPage();
  const errors = collectConsoleErrors(opened);
  await opened.goto(`chrome-extension://${session.extensionId}/${page}?maxInMemory=100`);
  return { page: opened, errors };
}
