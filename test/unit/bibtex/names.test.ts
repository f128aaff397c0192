// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatAuthorList, formatAuthorName, parseAuthorName } from '../../../lib/bibtex/names';
import type { Substitution } from '../../../lib/bibtex/latex-escape';

describe('formatAuthorName: people', () => {
  it.each([
    ['Ashish Vaswani', 'Vaswani, Ashish'],
    ['Aidan N. Gomez', 'Gomez, Aidan N.'],
    ['J. R. R. Tolkien', 'Tolkien, J. R. R.'],
    ['Yann LeCun', 'LeCun, Yann'],
    ['Jean-Claude Juncker', 'Juncker, Jean-Claude'],
    ['Zeyuan Allen-Zhu', 'Allen-Zhu, Zeyuan'],
    // Particles go with the family name.
    ['Ludwig van Beethoven', 'van Beethoven, Ludwig'],
    ['Guido van Rossum', 'van Rossum, Guido'],
    ['Laurens van der Maaten', 'van der Maaten, Laurens'],
    ['Alexander von Humboldt', 'von Humboldt, Alexander'],
    ['Juan Carlos de la Fuente', 'de la Fuente, Juan Carlos'],
    ['Leonardo di Caprio', 'di Caprio, Leonardo'],
    ['Maria da Silva Santos', 'da Silva Santos, Maria'],
    ['Joachim du Bellay', 'du Bellay, Joachim'],
    ['Jean le Rond d’Alembert', 'le Rond d’Alembert, Jean'],
    ['Marcos dos Santos', 'dos Santos, Marcos'],
    ['Nando De Freitas', 'De Freitas, Nando'],
    // Capitalised Van and Le are given or family names in Vietnamese names.
    ['Thi Van Nguyen', 'Nguyen, Thi Van'],
    ['Quoc V. Le', 'Le, Quoc V.'],
    // Suffixes.
    ['Martin Luther King Jr.', 'King, Jr., Martin Luther'],
    ['Martin Luther King, Jr.', 'King, Jr., Martin Luther'],
    ['Bill Gates III', 'Gates, III, Bill'],
    ['John Smith Sr', 'Smith, Sr, John'],
    // Already inverted.
    ['Vaswani, Ashish', 'Vaswani, Ashish'],
    ['van der Berg, Jan', 'van der Berg, Jan'],
    ['King, Jr., Martin Luther', 'King, Jr., Martin Luther'],
    // Initials glued to the family name.
    ['J.Smith', 'Smith, J.'],
    ['A.B.Smith', 'Smith, A. B.'],
    // Whitespace and invisible characters.
    ['  Émile\u00A0Borel ', 'Borel, Émile'],
    ['Ngozi\u200B Adichie\u202E', 'Adichie, Ngozi'],
    ['danah boyd', 'boyd, danah'],
  ])('%s → %s', (input, expected) => {
    expect(formatAuthorName(input)).toBe(expected);
  });

  it('braces a literal "and" so BibTeX does not split the name there', () => {
    expect(formatAuthorName('Jean and Pierre Dupont')).toBe('Dupont, Jean {and} Pierre');
    expect(formatAuthorName('Anna AND Berg')).toBe('Berg, Anna {AND}');
  });

  it('writes accents as LaTeX in ASCII mode', () => {
    expect(formatAuthorName('Zoë Ménard', { ascii: true })).toBe("M{\\'e}nard, Zo{\\\"e}");
    expect(formatAuthorName('Søren Hauberg', { ascii: true })).toBe('Hauberg, S{\\o}ren');
    expect(formatAuthorName('Łukasz Kaiser', { ascii: true })).toBe('Kaiser, {\\L}ukasz');
    expect(formatAuthorName('Thomas Müller', { ascii: true })).toBe('M{\\"u}ller, Thomas');
    expect(formatAuthorName('François Çelik', { ascii: true })).toBe('{\\c{C}}elik, Fran{\\c{c}}ois');
  });

  it('keeps UTF-8 in UTF-8 mode', () => {
    expect(formatAuthorName('Zoë Ménard')).toBe('Ménard, Zoë');
  });
});

describe('formatAuthorName: names braced whole', () => {
  it.each([
    ['OpenAI', '{OpenAI}'],
    ['Plato', '{Plato}'],
    ['DeepSeek-AI', '{DeepSeek-AI}'],
    ['OpenAI Team', '{OpenAI Team}'],
    ['Qwen Team', '{Qwen Team}'],
    ['Gemini Team Google', '{Gemini Team Google}'],
    ['The ATLAS Collaboration', '{The ATLAS Collaboration}'],
    ['Mistral AI', '{Mistral AI}'],
    ['Allen Institute for AI', '{Allen Institute for AI}'],
    ['Hugging Face Inc.', '{Hugging Face Inc.}'],
    ['Google Research', '{Google Research}'],
    ['AT&T Labs', '{AT\\&T Labs}'],
    ['Bill and Melinda Gates Foundation', '{Bill and Melinda Gates Foundation}'],
    // Five full words or more.
    ['Maria Fernanda Garcia Lopez Perez', '{Maria Fernanda Garcia Lopez Perez}'],
    // Han, kana and hangul names: family name first, no spaces.
    ['李飞飞', '{李飞飞}'],
    ['山田 太郎', '{山田 太郎}'],
    ['김민수', '{김민수}'],
  ])('%s → %s', (input, expected) => {
    expect(formatAuthorName(input)).toBe(expected);
  });

  it('keeps people with particles and initials out of the five-word rule', () => {
    expect(formatAuthorName('José María de la Cruz Álvarez')).toBe('de la Cruz Álvarez, José María');
    expect(formatAuthorName('A. B. C. D. Smith')).toBe('Smith, A. B. C. D.');
  });

  it('does not take "Ai" (a name) for "AI"', () => {
    expect(formatAuthorName('Ai Zhang')).toBe('Zhang, Ai');
  });

  it('writes the fallback for a Han name in ASCII mode and reports it', () => {
    const report: Substitution[] = [];
    expect(formatAuthorName('李飞飞', { ascii: true, report })).toBe('{???}');
    expect(report).toHaveLength(3);
  });

  it('leaves no gap where an emoji was dropped', () => {
    expect(formatAuthorName('Jean 🤗 Dupont')).toBe('Dupont, Jean');
    expect(formatAuthorName('🤗')).toBeNull();
  });

  it('never starts a braced name with a backslash', () => {
    expect(formatAuthorName('&Co')).toBe('{{\\&Co}}');
  });
});

describe('parseAuthorName', () => {
  it('splits First von Last, Jr', () => {
    expect(parseAuthorName('Ludwig van Beethoven')).toEqual({ kind: 'person', first: 'Ludwig', von: 'van', last: 'Beethoven', jr: '' });
    expect(parseAuthorName('Martin Luther King Jr.')).toEqual({ kind: 'person', first: 'Martin Luther', von: '', last: 'King', jr: 'Jr.' });
  });

  it('returns null for an empty name and a literal for a malformed one', () => {
    expect(parseAuthorName('  \u200B ')).toBeNull();
    expect(parseAuthorName('a, b, c, d')).toEqual({ kind: 'literal', text: 'a, b, c, d' });
    expect(parseAuthorName(', Smith')).toEqual({ kind: 'literal', text: ', Smith' });
  });
});

describe('formatAuthorList', () => {
  it('joins with " and " and skips empty names', () => {
    expect(formatAuthorList(['Ashish Vaswani', ' ', 'OpenAI Team', 'Ludwig van Beethoven'])).toBe(
      'Vaswani, Ashish and {OpenAI Team} and van Beethoven, Ludwig',
    );
  });

  it('is empty for no names', () => {
    expect(formatAuthorList([])).toBe('');
  });
});
