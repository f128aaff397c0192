// @vitest-environment node
/**
 * What renaming a tag would do, said before it is done: the same decisions as the repository's
 * renameTag (tagKey comparison, merge into the existing spelling).
 */
import { describe, expect, it } from 'vitest';
import { describeRename, planRename } from '../../../../components/library/tag-rename';

const TAGS = [
  { tag: 'LLM', count: 12 },
  { tag: 'nlp', count: 5 },
  { tag: 'to read', count: 1 },
];

describe('planRename', () => {
  it('renames to a new name, cleaned as a tag is stored', () => {
    expect(planRename(TAGS, 'nlp', '  natural   language ')).toEqual({ kind: 'rename', to: 'natural language', count: 5 });
  });

  it('merges into another tag of the library, named as the library spells it', () => {
    expect(planRename(TAGS, 'nlp', 'llm')).toEqual({ kind: 'merge', into: 'LLM', count: 5, intoCount: 12 });
  });

  it('respells the same tag, and does nothing for the same name', () => {
    expect(planRename(TAGS, 'nlp', 'NLP')).toEqual({ kind: 'respell', to: 'NLP', count: 5 });
    expect(planRename(TAGS, 'nlp', ' nlp ')).toEqual({ kind: 'unchanged' });
  });

  it('refuses what a tag cannot be, with the editor\'s reasons', () => {
    expect(planRename(TAGS, 'nlp', '   ')).toEqual({ kind: 'invalid', reason: 'A tag cannot be empty.' });
    expect(planRename(TAGS, 'nlp', 'a, b')).toEqual({ kind: 'invalid', reason: 'A tag cannot contain a comma: commas separate tags.' });
  });
});

describe('describeRename', () => {
  it('says what will happen, above all a merge', () => {
    expect(describeRename('nlp', planRename(TAGS, 'nlp', 'language'))).toBe('Renames “nlp” to “language” on 5 papers.');
    expect(describeRename('to read', planRename(TAGS, 'to read', 'LATER'))).toBe('Renames “to read” to “LATER” on 1 paper.');
    expect(describeRename('nlp', planRename(TAGS, 'nlp', 'llm'))).toBe('“LLM” is already a tag (12 papers): this merges “nlp” (5 papers) into it. A paper with both keeps one.');
    expect(describeRename('nlp', planRename(TAGS, 'nlp', 'NLP'))).toBe('Respells “nlp” as “NLP” on 5 papers.');
  });
});
