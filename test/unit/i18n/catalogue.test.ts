import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAst } from 'vite';
import { t } from '../../../lib/i18n/t';
import { PROJECT_ROOT, readSources, type SourceFile } from '../../import-graph';
import { fillMessage, readCatalogue } from '../../messages';

/**
 * Localisation ready (issue #18): every word a person sees is in public/_locales/en/messages.json
 * and reaches the views through t(); none is written into a component or a page's view.
 */
const catalogue = readCatalogue();
const sources = [...readSources().values()];

/** Attributes whose value a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);

const LETTER = /\p{L}/u;

type Node = { type: string; start: number; [field: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** The string literals and template texts an expression can evaluate to (through ?:, && and ||). */
function textsOf(expression: unknown): Node[] {
  if (!isNode(expression)) return [];
  switch (expression.type) {
    case 'Literal':
      return typeof expression.value === 'string' ? [expression] : [];
    case 'TemplateLiteral':
      return (expression.quasis as Node[]).filter((quasi) => LETTER.test((quasi.value as { cooked: string }).cooked));
    case 'ConditionalExpression':
      return [...textsOf(expression.consequent), ...textsOf(expression.alternate)];
    // `a && 'Words'` shows only its right side; `a ?? 'Words'` either; a comparison shows neither.
    case 'LogicalExpression':
      return expression.operator === '&&' ? textsOf(expression.right) : [...textsOf(expression.left), ...textsOf(expression.right)];
    case 'BinaryExpression':
      return expression.operator === '+' ? [...textsOf(expression.left), ...textsOf(expression.right)] : [];
    case 'JSXExpressionContainer':
      return textsOf(expression.expression);
    default:
      return [];
  }
}

function textOf(node: Node): string {
  return node.type === 'TemplateElement' ? (node.value as { cooked: string }).cooked : node.type === 'JSXText' ? String(node.value) : String(node.value);
}

/** Words a view writes itself: JSX text, spoken attributes, and strings that JSX shows as they are. */
export function hardCodedWords(file: Pick<SourceFile, 'path' | 'text'>): string[] {
  const program = parseAst(file.text, { lang: 'tsx' }) as unknown as Node;
  const found: string[] = [];
  const lineOf = (offset: number) => file.text.slice(0, offset).split('\n').length;
  const report = (node: Node) => {
    const text = textOf(node).trim();
    if (LETTER.test(text)) found.push(`${file.path}:${lineOf(node.start)} "${text.replace(/\s+/g, ' ')}"`);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    if (node.type === 'JSXText') report(node);
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of node.children as Node[]) if (child.type === 'JSXExpressionContainer') textsOf(child).forEach(report);
    }
    if (node.type === 'JSXAttribute') {
      const name = node.name as Node;
      const attribute = name.type === 'JSXIdentifier' ? String(name.name) : '';
      if (SPOKEN_ATTRIBUTES.has(attribute)) textsOf(node.value).forEach(report);
    }
    for (const [field, value] of Object.entries(node)) if (field !== 'type') visit(value);
  };
  visit(program);
  return found;
}

/** The views: components and the pages' .tsx files. */
const views = sources.filter((file) => file.path.endsWith('.tsx') && (file.path.startsWith('components/') || file.path.startsWith('entrypoints/')));

describe('words live in messages.json', () => {
  it('no component or page view writes a word a person sees (JSX text, aria-label, title, placeholder…): it calls t()', () => {
    expect(views.length).toBeGreaterThan(10);
    expect(views.flatMap(hardCodedWords), 'move these words into public/_locales/en/messages.json and show them with t()').toEqual([]);
  });

  it('the check sees a word written into a view', () => {
    const view = (jsx: string) => hardCodedWords({ path: 'components/Example.tsx', text: `export const View = () => ${jsx};` });
    expect(view('<button type="button">Save</button>')).toEqual(['components/Example.tsx:1 "Save"']);
    expect(view('<input aria-label="Search papers" class="search wide" />')).toHaveLength(1);
    expect(view('<p title={`Missing: ${x}`}>{done ? "Done" : t("x")}</p>')).toHaveLength(2);
    expect(view('<p class="muted wide" title={t("x")}>{t("y", count)} · {count}</p>')).toEqual([]);
  });

  const KEY_USE = /(?<![\w$])t\(\s*'(\w+)'/g;
  const everyText = [...sources.map((file) => file.text), readFileSync(join(PROJECT_ROOT, 'wxt.config.ts'), 'utf8')].join('\n');

  it('every key t() is called with is in messages.json', () => {
    const used = new Set(sources.flatMap((file) => [...file.text.matchAll(KEY_USE)].map((match) => match[1]!)));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((key) => !(key in catalogue))).toEqual([]);
  });

  it('every message of messages.json is used (by t(), a table of keys, or the manifest as __MSG_key__)', () => {
    const unused = Object.keys(catalogue).filter((key) => !everyText.includes(`'${key}'`) && !everyText.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });

  it('every message is well formed: each $name$ has its placeholder, each placeholder is used, numbered $1, $2… in order', () => {
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(catalogue)) {
      const used = [...entry.message.replace(/\$\$/g, '').matchAll(/\$(\w+)\$/g)].map((match) => match[1]!.toLowerCase());
      const declared = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
      if (used.some((name) => !declared.includes(name))) problems.push(`${key}: a $name$ without a placeholder`);
      if (declared.some((name) => !used.includes(name))) problems.push(`${key}: a placeholder the message never shows`);
      const contents = Object.values(entry.placeholders ?? {}).map((placeholder) => placeholder.content);
      if (contents.join() !== contents.map((_, index) => `$${index + 1}`).join()) problems.push(`${key}: placeholders are not $1, $2… in order`);
      if (entry.message.replace(/\$\$/g, '').replace(/\$\w+\$/g, '').includes('$')) problems.push(`${key}: a lone $ (write $$)`);
    }
    expect(problems).toEqual([]);
  });
});

/**
 * Every lib file is read for sentences, except the files no person reads, each with its reason.
 * Three words in a string literal or template text count as a sentence; what goes to the console
 * or into a developer's Error is not for readers, and NOT_FOR_READERS names the rest.
 */
const NO_READER_FILES: Readonly<Record<string, string>> = {
  // Matched against titles and abstracts to drop common words; never shown.
  'lib/ranking/tokens.ts': 'the stop-word list of the ranking',
  // Matched against a .bib file's keywords to tell Zotero's arXiv subjects from the user's tags; never shown.
  'lib/import/manager-keywords.ts': "arXiv's subject names as Zotero writes them",
  // The handler words a refused request with issuesInWords, which never shows a schema's message.
  'lib/messaging/protocol.ts': 'schema messages of the pages\' requests, for developers',
  // A refused rule list is worded by issuesInWords; a rule's pattern problem comes from lib/rules/validate.ts.
  'lib/rules/model.ts': 'schema messages of the rule list, for developers',
  // Each schema version's note and Dexie's index specs: read by developers and Dexie, never shown.
  'lib/db/schema.ts': 'the schema versions\' notes and index specs',
};


/** Texts for programs, not people. */
const NOT_FOR_READERS = new Set([
  // The sync folder's test file, the encryption check's plaintext, RE2's error messages matched.
  'Papershelf checked that it can write here (',
  '); this file is deleted at once.\n',
  'Papershelf encryption check',
  'invalid repeat count',
  'invalid character class range',
  // Written into the .bib file, which stays the same whatever the user's language (golden files, import round trip).
  'Author list incomplete',
  'arXiv preprint arXiv:',
  // The site adapters' notes on skipped cards (FindResult.problems): for the console and tests (lib/content/start.ts).
  'page could not be read: ',
  ' has no dd after it',
  'no arXiv id link in the dt',
  'no arXiv id link',
  'no arXiv id in the meta tags or the URL',
  '" is not an arXiv paper',
  ': no title heading (h1)',
  'data-props is not valid JSON; cards read from the page alone',
  // The Settings section shows what a BibTeX field looks like: BibTeX, the same in every language.
  'journal = {arXiv preprint arXiv:…}',
  // A CSS selector: the popup's first-frame controls whose clicks wait for PopupApp (lib/popup/held-clicks.ts).
  'button, label, input[type="radio"]',
]);

const SENTENCE = /\p{L}+[\s,:;]+\p{L}+[\s,:;]+\p{L}+/u;

/** Errors JavaScript names for programming mistakes: their text goes to developers (errorInWords never shows it). */
const DEVELOPER_ERRORS = new Set(['Error', 'RangeError', 'TypeError']);

/** String literals and template texts holding a sentence, outside console.* calls and `new Error(…)` (or RangeError, TypeError). */
export function sentencesIn(file: Pick<SourceFile, 'path' | 'text'>): string[] {
  const program = parseAst(file.text, { lang: file.path.endsWith('.tsx') ? 'tsx' : 'ts' }) as unknown as Node;
  const found: string[] = [];
  const lineOf = (offset: number) => file.text.slice(0, offset).split('\n').length;
  const forDevelopers = (node: Node) => {
    const callee = node.callee as Node | undefined;
    if (node.type === 'NewExpression') return callee?.type === 'Identifier' && DEVELOPER_ERRORS.has(String(callee.name));
    return node.type === 'CallExpression' && callee?.type === 'MemberExpression' && (callee.object as Node).type === 'Identifier' && (callee.object as Node).name === 'console';
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node) || forDevelopers(node)) return;
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration' && node.source) return;
    if (node.type === 'Literal' || node.type === 'TemplateElement') {
      const text = node.type === 'Literal' ? (typeof node.value === 'string' ? node.value : '') : (node.value as { cooked: string }).cooked;
      if (SENTENCE.test(text) && !NOT_FOR_READERS.has(text)) found.push(`${file.path}:${lineOf(node.start)} "${text}"`);
    }
    for (const [field, value] of Object.entries(node)) if (field !== 'type') visit(value);
  };
  visit(program);
  return found;
}

describe('words of lib and the entrypoints live in messages.json', () => {
  const libFiles = sources.filter((file) => (file.path.startsWith('lib/') || file.path.startsWith('entrypoints/')) && /\.tsx?$/.test(file.path));

  it('no lib file a person reads writes a sentence: its refusals, warnings and progress come from messages.json', () => {
    expect(libFiles.length).toBeGreaterThan(100);
    const checked = libFiles.filter((file) => !Object.hasOwn(NO_READER_FILES, file.path));
    expect(checked.flatMap(sentencesIn), 'move these words into public/_locales/en/messages.json and say them with t()').toEqual([]);
  });

  it('every file left out is still there, and still has a reason', () => {
    const paths = new Set(libFiles.map((file) => file.path));
    expect(Object.keys(NO_READER_FILES).filter((path) => !paths.has(path)), 'a listed file is gone: update NO_READER_FILES').toEqual([]);
    expect(Object.values(NO_READER_FILES).every((reason) => reason.length > 10)).toBe(true);
  });

  it('the check sees a sentence in a string, and leaves the console and developers\' errors alone', () => {
    const lib = (code: string) => sentencesIn({ path: 'lib/example.ts', text: code });
    expect(lib("export const reason = () => ({ ok: false, reason: 'the pattern is empty' });")).toEqual(['lib/example.ts:1 "the pattern is empty"']);
    expect(lib('export const label = (n: number) => `Relevance of the paper: ${n}`;')).toHaveLength(1);
    expect(lib("console.warn('Papershelf could not rank this page:', error); throw new Error('t() was called too early');")).toEqual([]);
    expect(lib("throw new RangeError(`not a canonical arXiv id: ${id}`);")).toEqual([]);
    // An error class of the project's own carries words for readers: those are checked.
    expect(lib("throw new BackupFileError('the file ends too early');")).toEqual(['lib/example.ts:1 "the file ends too early"']);
    expect(lib("export const key = t('rulePatternEmpty'); export const mode = 'very low';")).toEqual([]);
  });
});

describe('t()', () => {
  it('gives the English message, placeholders filled as the browser fills them', () => {
    expect(t('extName')).toBe('Papershelf');
    expect(fillMessage({ message: 'Copy $what$ for $title$ ($$5)', placeholders: { what: { content: '$1' }, title: { content: '$2' } } }, ['BibTeX', 'A paper'])).toBe(
      'Copy BibTeX for A paper ($5)',
    );
  });
});
