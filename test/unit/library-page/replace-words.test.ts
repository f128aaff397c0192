// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { replaceQuestion } from '../../../lib/library-page/replace-words';

describe('replaceQuestion', () => {
  it('names in numbers what a Replace overwrites and what it writes', () => {
    expect(replaceQuestion({ libraryPapers: 12_408, libraryRules: 3, backupPapers: 3, backupRules: 0, restoresSettings: true })).toBe(
      'Replace 12,408 papers, 3 rules and your settings with 3 papers, 0 rules and its settings from this backup?',
    );
  });
  it('names rules and settings only when the backup replaces them', () => {
    expect(replaceQuestion({ libraryPapers: 1, libraryRules: 7, backupPapers: 0, restoresSettings: false })).toBe('Replace 1 paper with 0 papers from this backup?');
    expect(replaceQuestion({ libraryPapers: 2, libraryRules: 1, backupPapers: 2, backupRules: 1, restoresSettings: false })).toBe(
      'Replace 2 papers and 1 rule with 2 papers and 1 rule from this backup?',
    );
  });
});
