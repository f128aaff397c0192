// @vitest-environment node
/**
 * Search and rules fold text one way (lib/text/fold.ts): a word typed without accents, in any
 * case, finds the same names and titles in the library's search as in a rule. 200 names and
 * titles in seven scripts (Latin with its many accents and stroked letters, Greek, Cyrillic, Han,
 * Japanese kana, Arabic, Devanagari), each word looked for as a user may type it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, filterPapers, foldText as searchFold } from '../../../lib/search';
import { splitWords } from '../../../lib/search/vocabulary';
import type { PaperRecord } from '../../../lib/paper/model';
import { compileRules, foldText as ruleFold } from '../../../lib/rules';
import { foldedHaystack } from '../../../lib/rules/subject';

const FIRST = {
  latin: ['Łukasz', 'Søren', 'José', 'Zoë', 'Ærin', 'Đorđe', 'Çağla', 'İlkay', 'Björn', 'Ðóra', 'François', 'Nguyễn', 'Ðavid', 'Œdipe', 'Þórr', 'Jürgen', 'Ħelena', 'Ångström'],
  greek: ['Γιώργος', 'Σοφία', 'Ἀλέξανδρος', 'ΝΊΚΟΣ'],
  cyrillic: ['Йосиф', 'Ёлка', 'Андрей', 'ЮЛИЯ'],
  han: ['王', '李', '张伟', '劉'],
  kana: ['さくら', 'カタカナ', 'ﾊﾝｶｸ', 'ひろし'],
  arabic: ['مُحَمَّد', 'فاطمة', 'عَلِيّ', 'ليلى'],
  devanagari: ['अर्जुन', 'प्रिया', 'कृष्ण', 'सीता'],
} as const;
const LAST = {
  latin: ['Kaiser', 'Müller', 'Straße', 'Núñez', 'Kowalski', 'Ørsted', 'Dvořák', 'Łęcki', 'Şahin', 'Lefèvre'],
  greek: ['Παπαδόπουλος', 'ΛΌΓΟΣ', 'Οἰκονόμου', 'Κωνσταντίνου'],
  cyrillic: ['Иванов', 'Сергеевич', 'Ёжиков', 'ПЕТРОВА'],
  han: ['明', '小龍', '建國', '思'],
  kana: ['たなか', 'スズキ', 'ﾔﾏﾀﾞ', 'わたなべ'],
  arabic: ['الخوارزمي', 'بِن سينا', 'رُشد', 'الفارابي'],
  devanagari: ['शर्मा', 'पटेल', 'गुप्ता', 'वर्मा'],
} as const;
const TOPICS = ['Schrödinger bridges', 'ﬁne-tuning', 'self\u2010supervised', 'Ελληνικά μοντέλα', 'нейронные сети', '扩散模型', 'トランスフォーマー', 'نماذج اللغة', 'भाषा मॉडल', 'ÉCOLE'];

/** 200 different texts: names (first and last from one script), every other one in a title with a topic. */
function texts(): string[] {
  const scripts = Object.keys(FIRST) as Array<keyof typeof FIRST>;
  const names = scripts.map((script) => FIRST[script].flatMap((first) => LAST[script].map((last) => `${first} ${last}`)));
  const out: string[] = [];
  for (let index = 0; out.length < 200; index++) {
    const pool = names[index % scripts.length]!;
    const name = pool[Math.floor(index / scripts.length) % pool.length]!;
    const text = index % 2 === 0 ? name : `${TOPICS[Math.floor(index / 2) % TOPICS.length]} by ${name}`;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** Ways a user may type a word of the text: as written, in capitals, decomposed, and without its marks. */
function typings(word: string): string[] {
  const plain = word
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss');
  return [...new Set([word, word.toUpperCase(), word.normalize('NFD'), plain])];
}

function paper(id: number, title: string): PaperRecord {
  return { id: `2401.${String(id).padStart(5, '0')}`, title, authors: [title], sources: {}, tags: [], createdAt: 1, updatedAt: 1, savedAt: 1 };
}

describe('one folding for search and rules', () => {
  const all = texts();

  it('uses the same function, and folds the 200 texts the same in both', () => {
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(searchFold).toBe(ruleFold);
    for (const text of all) expect(foldedHaystack({ title: text }, 'text')).toBe(searchFold(text));
  });

  // Hundreds of searches and rule compilations: give it room on a busy machine.
  it('finds each word, typed any way, in search and in a rule alike', { timeout: 120_000 }, () => {
    const papers = all.map((text, index) => paper(index, text));
    let checked = 0;
    for (const [index, text] of all.entries()) {
      for (const word of splitWords(searchFold(text))) {
        // Whole words of spaced scripts: what a word rule can find.
        if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word)) continue;
        const original = text.split(/\s+/).find((part) => searchFold(part) === word);
        if (original === undefined) continue;
        for (const typed of typings(original)) {
          const inSearch = filterPapers(papers, { ...DEFAULT_QUERY, show: 'all', text: typed }).some((found) => found === papers[index]);
          const rules = compileRules([{ id: 'r', enabled: true, target: 'text', match: 'word', pattern: typed, action: 'hide', createdAt: 1 }]);
          const byRule = rules.match({ title: text }) !== undefined;
          expect({ text, typed, inSearch, byRule }).toEqual({ text, typed, inSearch: true, byRule: true });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('"lukasz" finds "Łukasz" in search and in a rule', () => {
    const papers = [paper(1, 'Łukasz Kaiser')];
    expect(filterPapers(papers, { ...DEFAULT_QUERY, show: 'all', text: 'lukasz' })).toHaveLength(1);
    const rule = compileRules([{ id: 'r', enabled: true, target: 'author', match: 'word', pattern: 'lukasz', action: 'hide', createdAt: 1 }]);
    expect(rule.match({ title: 'x', authors: ['Łukasz Kaiser'] })).toBeDefined();
  });
});
