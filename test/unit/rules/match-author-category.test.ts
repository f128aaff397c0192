// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compileRules, type Rule, type RuleSubject } from '../../../lib/rules';
import { makeRule } from './make-rule';

function matches(rule: Partial<Rule> & Pick<Rule, 'pattern'>, subject: RuleSubject): boolean {
  const compiled = compileRules([makeRule(rule)]);
  expect(compiled.size).toBe(1);
  return compiled.match(subject) !== undefined;
}

describe('author rules', () => {
  const byAuthors = (...authors: string[]): RuleSubject => ({ title: 'A paper', abstract: 'LeCun et al. showed', authors });
  const author = (pattern: string, subject: RuleSubject, match: Rule['match'] = 'word') => matches({ target: 'author', match, pattern }, subject);

  it('match a whole word of a name, ignoring case and accents', () => {
    expect(author('LeCun', byAuthors('Jane Doe', 'Yann LeCun'))).toBe(true);
    expect(author('lecun', byAuthors('YANN LECUN'))).toBe(true);
    expect(author('Le', byAuthors('Yann LeCun'))).toBe(false);
    expect(author('Muller', byAuthors('Klaus-Robert Müller'))).toBe(true);
    expect(author('Le*', byAuthors('Yann LeCun'))).toBe(true);
  });

  it('never look at the title or abstract', () => {
    expect(author('LeCun', byAuthors('Jane Doe'))).toBe(false);
    expect(author('LeCun', { title: 'LeCun' })).toBe(false);
  });

  it('match the words of a phrase in order within one name, middle names allowed', () => {
    expect(author('yann lecun', byAuthors('Yann LeCun'), 'phrase')).toBe(true);
    expect(author('Geoffrey Hinton', byAuthors('Geoffrey E. Hinton'), 'phrase')).toBe(true);
    expect(author('lecun yann', byAuthors('Yann LeCun'), 'phrase')).toBe(false);
    expect(author('Y. LeCun', byAuthors('Y. LeCun'), 'phrase')).toBe(true);
    expect(author('jean pierre', byAuthors('Jean-Pierre Sauvage'), 'phrase')).toBe(true);
  });

  it('never take the words of a phrase from two different names', () => {
    expect(author('yann hinton', byAuthors('Yann LeCun', 'Geoffrey Hinton'), 'phrase')).toBe(false);
    expect(author('lecun geoffrey', byAuthors('Yann LeCun', 'Geoffrey Hinton'), 'phrase')).toBe(false);
  });

  it('run a regex on each name separately', () => {
    expect(author('^yann\\b', byAuthors('Jane Doe', 'Yann LeCun'), 'regex')).toBe(true);
    expect(author('doe$', byAuthors('Jane Doe', 'Yann LeCun'), 'regex')).toBe(true);
    expect(author('^lecun', byAuthors('Jane Doe', 'Yann LeCun'), 'regex')).toBe(false);
    expect(author('doe.+yann', byAuthors('Jane Doe', 'Yann LeCun'), 'regex')).toBe(false);
  });

  it('match nothing when a card lists no authors', () => {
    expect(author('LeCun', { title: 'A paper' })).toBe(false);
    expect(author('.', { title: 'A paper', authors: [] }, 'regex')).toBe(false);
  });
});

describe('category rules', () => {
  const listed = (...categories: string[]): RuleSubject => ({ title: 'cs.CV and math', categories });
  const category = (pattern: string, subject: RuleSubject, match: Rule['match'] = 'word') => matches({ target: 'category', match, pattern }, subject);

  it('match an exact code, case-insensitively', () => {
    expect(category('cs.CV', listed('cs.CV'))).toBe(true);
    expect(category('cs.cv', listed('cs.CV'))).toBe(true);
    expect(category('cs.CV', listed('cs.CL', 'cs.LG'))).toBe(false);
    expect(category('cs.C', listed('cs.CV'))).toBe(false);
    expect(category('cond-mat.mtrl-sci', listed('cond-mat.mtrl-sci'))).toBe(true);
    expect(category('hep-th', listed('hep-th', 'gr-qc'))).toBe(true);
  });

  it('match every category of an archive', () => {
    expect(category('cs', listed('cs.CV'))).toBe(true);
    expect(category('cs', listed('stat.ML', 'cs.LG'))).toBe(true);
    expect(category('cond-mat', listed('cond-mat.soft'))).toBe(true);
    expect(category('math', listed('math.AG'))).toBe(true);
  });

  it('never match an archive by a prefix of its name', () => {
    expect(category('math', listed('math-ph'))).toBe(false);
    expect(category('hep', listed('hep-th'))).toBe(false);
    expect(category('cond', listed('cond-mat.soft'))).toBe(false);
    expect(category('math-ph', listed('math.MP'))).toBe(false);
  });

  it('count cross-lists like the primary category', () => {
    expect(category('eess.IV', listed('cs.CV', 'eess.IV'))).toBe(true);
  });

  it('run a regex on each code', () => {
    expect(category('^cs\\.(cv|lg)$', listed('stat.ML', 'cs.LG'), 'regex')).toBe(true);
    expect(category('^cs\\.(cv|lg)$', listed('cs.CL'), 'regex')).toBe(false);
    expect(category('ml$', listed('stat.ML', 'cs.LG'), 'regex')).toBe(true);
    expect(category('^ml', listed('stat.ML'), 'regex')).toBe(false);
    expect(category('ml.cs', listed('stat.ML', 'cs.LG'), 'regex')).toBe(false);
  });

  it('match nothing on a card without categories (Hugging Face)', () => {
    expect(category('cs', { title: 'cs.CV' })).toBe(false);
  });
});
