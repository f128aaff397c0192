import type { PapershelfDatabase } from '../db/database';
import type { PaperRecord } from '../paper/model';
import type { KeyedExample } from '../ranking';

import { MAX_EXAMPLES, MAX_SAVES } from '../ranking/readiness';

export { MAX_EXAMPLES, MAX_SAVES };

/** The saves (+1) and hides (-1) after `since`, newest first; a paper both saved and hidden counts as saved. */
export async function judgedExamples(db: PapershelfDatabase, since: number): Promise<KeyedExample[]> {
  const saved = await db.papers.where('savedAt').above(since).reverse().limit(MAX_SAVES).toArray();
  const savedIds = new Set(saved.map((paper) => paper.id));
  const hidden = (await db.papers.where('hiddenAt').above(since).reverse().limit(MAX_EXAMPLES).toArray()).filter((paper) => !savedIds.has(paper.id));
  return [
    ...saved.map((paper) => example(paper, 1)),
    ...hidden.slice(0, MAX_EXAMPLES - saved.length).map((paper) => example(paper, -1)),
  ];
}

function example(paper: PaperRecord, label: 1 | -1): KeyedExample {
  const doc = paper.abstract ? { title: paper.title, abstract: paper.abstract, authors: paper.authors } : { title: paper.title, authors: paper.authors };
  return { key: paper.id, doc, label, title: paper.title };
}

/** Names the set of judgments a model was trained on (ids, labels and text lengths), FNV-1a. */
export function labelSignature(examples: readonly KeyedExample[]): string {
  let hash = 2166136261;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  };
  for (const example of examples) mix(`${example.key}${example.label}${example.doc.title.length}.${example.doc.abstract?.length ?? 0}.${example.doc.authors?.length ?? 0};`);
  return `${examples.length}:${(hash >>> 0).toString(36)}`;
}
