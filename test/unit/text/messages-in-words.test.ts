// @vitest-environment node
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { InvalidPaperError, type PaperRepository } from '../../../lib/db/repository';
import { handleContentRequest, handleUiRequest } from '../../../lib/messaging/handler';
import { validatePaper } from '../../../lib/sites/validate';
import { arxivAdapter } from '../../../lib/sites/arxiv';
import { huggingfaceAdapter } from '../../../lib/sites/huggingface';
import type { CardRef } from '../../../lib/sites/types';
import type { PaperInput } from '../../../lib/paper/model';
import { PaperRecordSchema } from '../../../lib/paper/model';
import { parseBackup } from '../../../lib/import/backup-schema';
import { parsePaperMemoryExport } from '../../../lib/import/papermemory-import';
import { cleanImportedTags, planImport, validateMetadata, type IncomingPaper } from '../../../lib/import/plan';
import { parseBibtexLibrary } from '../../../lib/import/bibtex-import';
import { parseArxivFeed } from '../../../lib/metadata/arxiv-feed';
import { checkRulePattern } from '../../../lib/rules/validate';
import { normalizeTag } from '../../../lib/paper/tags';
import { createMessenger } from '../../../lib/content/messenger';
import { errorInWords, issuesInWords } from '../../../lib/text/problem-words';
import { messageOf } from '../../../lib/ui/message-of';
import { checkKey } from '../../../lib/library-page/paper-actions';
import { checkBackupFile } from '../../../lib/import/backup-file';
import { exportBibtexWithReport } from '../../../lib/bibtex';
import { SyncFolderUrlSchema, SyncUiRequestSchema } from '../../../lib/messaging/sync-protocol';
import { notWordsIn } from '../../not-words';

/**
 * Every path that produces a message a person can see, driven with malformed and hostile input
 * (oversized strings, wrong types, unknown fields, exceptions thrown by storage or the network):
 * none of the messages may carry a schema's own text, a property name or path, or exception text.
 * The list of what was checked is printed at the end.
 */

const checked: Array<{ path: string; input: string; message: string }> = [];

/** `mayPass`: an input the path may also accept as it is (unknown fields are dropped, not refused). */
function check(path: string, input: string, message: string | undefined, mayPass = false): void {
  if (message === undefined && mayPass) {
    checked.push({ path, input, message: '(accepted as it is, or tidied: nothing to say)' });
    return;
  }
  expect(message, `${path} (${input}) gave no message`).toBeTypeOf('string');
  checked.push({ path, input, message: message! });
  expect(notWordsIn(message!), `${path} (${input}): "${message}"`).toEqual([]);
  expect(message!.trim().length, `${path} (${input}) is empty`).toBeGreaterThan(3);
}

function reasonOf(result: { ok: boolean } & Record<string, unknown>): string | undefined {
  return result.ok ? undefined : ((result['reason'] ?? result['error']) as string);
}

afterAll(() => {
  vi.restoreAllMocks();
  const width = Math.max(...checked.map((entry) => entry.path.length));
  console.log(
    `Messages checked for schema text, property names and exception text (${checked.length}):\n` +
      checked.map((entry) => `  ${entry.path.padEnd(width)}  ${entry.input}\n  ${' '.repeat(width)}  → ${entry.message}`).join('\n'),
  );
});

/** Errors storage and the network throw, as the browser gives them. */
const THROWN: ReadonlyArray<[string, unknown]> = [
  ['TypeError reading a property of undefined', new TypeError("Cannot read properties of undefined (reading 'savedAt')")],
  ['TypeError: Failed to fetch', new TypeError('Failed to fetch')],
  ['QuotaExceededError', new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
  ['Dexie AbortError', new DOMException('Transaction aborted', 'AbortError')],
  ['an Error naming a field', new Error('papers.0.id: Invalid input: expected string, received undefined')],
  ['a thrown string', 'undefined is not a function'],
  ['a thrown object', { toString: () => '[object Object]' }],
  ['a record refused by the schema', new InvalidPaperError('Invalid paper "x"', PaperRecordSchema.safeParse({ id: 1, title: 'T'.repeat(3_000), extraField: true }).error!.issues)],
];

/** A repository each of whose methods throws `error`, as a failing IndexedDB would. */
function throwingRepository(error: unknown): PaperRepository {
  return new Proxy({}, { get: () => async () => Promise.reject(error) }) as unknown as PaperRepository;
}

const ID = '2609.00001';
const paper = (overrides: Partial<Record<keyof PaperInput, unknown>>): PaperInput =>
  ({ id: ID, title: 'A Paper', site: 'arxiv', url: `https://arxiv.org/abs/${ID}`, ...overrides }) as PaperInput;
const LONG = 'x'.repeat(100_001);

describe('every message a person can see is in words', () => {
  it('card problems: what an adapter read and could not validate', () => {
    const inputs: Array<[string, Partial<Record<keyof PaperInput, unknown>>]> = [
      ['title of 2,001 characters', { title: 'T'.repeat(2_001) }],
      ['empty title', { title: '' }],
      ['title a number', { title: 42 }],
      ['no id', { id: undefined }],
      ['id with a version', { id: '2609.00001v2' }],
      ['id an object', { id: { toString: () => 'x' } }],
      ['http link', { url: 'http://arxiv.org/abs/2609.00001' }],
      ['site unknown', { site: 'example' }],
      ['every required field wrong', { id: null, title: null, url: null, site: null }],
    ];
    for (const [input, overrides] of inputs) {
      const result = validatePaper(paper(overrides));
      check('card: validatePaper', input, typeof result === 'string' ? result : undefined);
    }
  });

  it('card problems: an adapter that meets a card it cannot read', () => {
    const exploding = new Proxy({}, { get: () => { throw new TypeError("Cannot read properties of undefined (reading 'closest')"); } });
    const card = { element: exploding, id: ID, title: 'x' } as unknown as CardRef;
    for (const adapter of [arxivAdapter, huggingfaceAdapter]) {
      const result = adapter.readPaper(card, {} as ParentNode, new URL('https://arxiv.org/list/cs.LG/new'));
      check(`card: ${adapter.site} readPaper`, 'an element whose every property throws TypeError', typeof result === 'string' ? result : undefined);
    }
  });

  it('card problems and toasts: the content script’s requests to the background', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const answers: Array<[string, () => Promise<unknown>]> = [
      ['sendMessage rejects with the browser’s text', () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))],
      ['the extension was reloaded', () => Promise.reject(new Error('Extension context invalidated.'))],
      ['no answer', () => Promise.resolve(undefined)],
      ['a reply that is not one of ours', () => Promise.resolve({ ok: 'yes', states: [] })],
      ['a refusal from a failing background', async () => (await handleContentRequest(throwingRepository(new TypeError('x is undefined')), { type: 'content:unsave', id: ID })).reply],
    ];
    for (const [input, answer] of answers) {
      const send = createMessenger(answer);
      const error = await send({ type: 'content:unsave', id: ID }).then(() => undefined, (thrown: unknown) => thrown);
      // card-mount and the Undo toast show exactly this.
      check('card/toast: messenger', input, errorInWords(error, 'Papershelf could not do that. Try again.'));
    }
  });

  it('the background’s answer to a malformed request from a listing page or a library page', async () => {
    const { repo } = fakeLibraries('papershelf-words-test')();
    const requests: Array<[string, unknown]> = [
      ['not an object', 'ui:saveRules'],
      ['unknown type', { type: 'ui:formatDisk' }],
      ['wrong type of field', { type: 'ui:setNote', id: ID, note: 42 }],
      ['oversized note', { type: 'ui:setNote', id: ID, note: LONG }],
      ['oversized tag', { type: 'ui:setTags', id: ID, tags: ['t'.repeat(500)] }],
      ['id with a version', { type: 'ui:deletePapers', ids: ['2609.00001v3'] }],
      ['paper 3 of an import with a title too long', { type: 'ui:import', mode: 'merge', papers: [0, 1, 2].map((n) => ({ entry: `e${n}`, metadata: { id: `2609.0000${n + 1}`, title: n === 2 ? LONG : 'ok' }, tags: [], saved: true })) }],
      ['settings that are not a record', { type: 'ui:saveSettings', settings: 'all of them' }],
      ['an unknown field beside the request', { type: 'ui:deleteTag', tag: 'x', tagg: 'y', extra: { nested: true } }],
      ['a rule with a broken pattern', { type: 'ui:saveRules', rules: [{ id: 'r1', target: 'text', match: 'regex', pattern: '(', action: 'hide', enabled: true, createdAt: 1 }] }],
      ['citation key with braces', { type: 'ui:setCitationKey', id: ID, key: '{evil}' }],
    ];
    for (const [input, request] of requests) {
      check('library: handleUiRequest', input, reasonOf((await handleUiRequest(repo, request)).reply as never), input.startsWith('an unknown field'));
    }
    for (const [input, request] of [
      ['content request with a wrong field', { type: 'content:save', paper: { id: 7 } }],
      ['content request oversized', { type: 'content:getStates', ids: Array.from({ length: 10_000 }, () => ID) }],
    ] as const) {
      check('card: handleContentRequest', input, reasonOf((await handleContentRequest(repo, request)).reply as never));
    }
  });

  it('the background’s answer when storage throws', async () => {
    // The exception itself goes to the console, for developers.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [input, error] of THROWN) {
      check('library: handleUiRequest', `storage throws ${input}`, reasonOf((await handleUiRequest(throwingRepository(error), { type: 'ui:unhide', ids: [ID] })).reply as never));
      check('card: handleContentRequest', `storage throws ${input}`, reasonOf((await handleContentRequest(throwingRepository(error), { type: 'content:hide', paper: paper({}) })).reply as never));
    }
  });

  it('status lines of the popup and library page (messageOf) for whatever is thrown', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [input, error] of THROWN) check('popup/library: messageOf', input, messageOf(error));
    quiet.mockRestore();
  });

  it('import previews: backups', () => {
    const backup = (papers: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-12-05T00:00:00.000Z', papers, ...extra });
    const good = { id: ID, title: 'A', authors: [], site: 'arxiv', url: `https://arxiv.org/abs/${ID}`, tags: [], sources: {}, createdAt: 1, updatedAt: 1, savedAt: 1 };
    const files: Array<[string, string]> = [
      ['not JSON', '{"format": "papershelf-backup", '],
      ['a JSON array', '[1, 2, 3]'],
      ['a JSON null', 'null'],
      ['no format', '{"version": 1}'],
      ['format an object', JSON.stringify({ format: { expected: 'received' }, version: 1 })],
      ['no version', JSON.stringify({ format: 'papershelf-backup' })],
      ['version from the future', JSON.stringify({ format: 'papershelf-backup', version: 99 })],
      ['papers not a list', backup({ papers: 'all of them' })],
      ['paper 2 with a title too long', backup([good, { ...good, id: '2609.00002', title: LONG }])],
      ['paper with a wrong type of tags', backup([{ ...good, tags: 'a,b' }])],
      ['paper with an unknown field', backup([{ ...good, secretField: 1 }])],
      ['paper that is a number', backup([42])],
      ['the same paper twice', backup([good, good])],
      ['rules that are not a list', backup([good], { rules: 'hide everything' })],
      ['settings of the wrong type', backup([good], { settings: { keyboardShortcuts: 'often' } })],
    ];
    for (const [input, text] of files) check('import preview: backup', input, reasonOf(parseBackup(text) as never), input.includes('unknown field') || input.includes('settings of'));
  });

  it('import previews: PaperMemory exports, .bib files and the import plan', () => {
    for (const [input, text] of [
      ['not JSON', '{'],
      ['a list', '[]'],
      ['objects that are not papers', JSON.stringify({ a: { b: 1 } })],
    ] as const) {
      check('import preview: PaperMemory', input, reasonOf(parsePaperMemoryExport(text) as never));
    }
    const memory = parsePaperMemoryExport(JSON.stringify({ x: { id: 'x', title: LONG, author: 7, pdfLink: 'https://arxiv.org/pdf/2609.00001', tags: ['t'.repeat(200)] } }));
    if (memory.ok) for (const rejected of memory.rejected) check('import preview: PaperMemory entry', 'title too long, authors a number', rejected.reason);

    const bib = parseBibtexLibrary(`@misc{a, title = {${'T'.repeat(3_000)}}, eprint = {2609.00001}}\n@misc{b, title = {B}, eprint = {2609.00002}, keywords = {${'k'.repeat(300)}}}\n@misc{c, title = {C`);
    if (bib.ok) for (const rejected of bib.rejected) check('import preview: .bib entry', rejected.entry.slice(0, 40), rejected.reason);

    const incoming = (metadata: Record<string, unknown>, tags: unknown[] = []): IncomingPaper => ({ entry: 'e', metadata: metadata as never, tags: tags as string[], saved: true });
    for (const [input, metadata] of [
      ['title too long', { id: ID, title: LONG }],
      ['authors a string', { id: ID, title: 'T', authors: 'Ada' }],
      ['unknown date', { id: ID, title: 'T', publishedAt: '2026-02-31' }],
    ] as const) {
      check('import preview: validateMetadata', input, reasonOf(validateMetadata(metadata as never) as never));
      const plan = planImport(new Map(), [incoming(metadata)], 1);
      if (plan.ok) for (const rejected of plan.plan.rejected) check('import preview: plan', input, rejected.reason);
      else check('import preview: plan', input, plan.reason);
    }
    for (const [input, tags] of [['a tag too long', ['t'.repeat(500)]], ['a tag that is a number', [7]], ['a tag with a comma', ['a,b']]] as const) {
      check('import preview: tags', input, reasonOf(cleanImportedTags(tags as never) as never), input.includes('number') || input.includes('comma'));
    }
  });

  it('import previews: damaged .bib files, whole and entry by entry, and the notes on them', () => {
    const files: Array<[string, string]> = [
      ['no entries', 'just a sentence, no @ at all'],
      ['a quoted value never closed', '@misc{a, title = "A\n}\n@misc{b, title = {B}, eprint = {2609.00002}}'],
      ['a brace never closed', '@misc{a, title = {A, eprint = {2609.00001}\n@misc{b, title = {B}, eprint = {2609.00002}}'],
      ['a field with no value', '@misc{a, title = , eprint = {2609.00001}}'],
      ['a field with no =', '@misc{a, title {A}, eprint = {2609.00001}}'],
      ['a comma missing', '@misc{a, title = {A} eprint = {2609.00001}}'],
      ['a stray character where a field name goes', '@misc{a, title = {A}, ) }'],
      ['the file ends inside an entry', '@misc{a, title = {A}, eprint = {2609.00001}'],
      ['an @ that starts no entry', '@ not an entry\n@misc{b, title = {B}, eprint = {2609.00002}}'],
      ['a broken @string and its use', '@string{j = }\n@misc{a, title = {A}, journal = j, eprint = {2609.00001}}'],
      ['an @string without a name', '@string{ = {x}}'],
      ['an @preamble not closed', '@preamble{"x" x'],
      ['an @string bomb', `@string{a = "${'x'.repeat(1000)}"}\n@string{b = a # a # a # a # a # a # a # a # a # a}\n@string{c = b # b # b # b # b # b # b # b # b # b}\n@string{d = c # c # c # c # c # c # c # c # c # c}\n@misc{p, title = d # d # d # d # d # d # d # d # d # d # d # d, eprint = {2609.00001}}`],
      ['@string expansions past the file-wide cap', `@string{a = "${'x'.repeat(90_000)}"}\n${Array.from({ length: 50 }, (_, n) => `@misc{e${n}, title = {T}, journal = a, eprint = {2609.${String(n).padStart(5, '0')}}}`).join('\n')}`],
      ['binary between entries', '@misc{a, title = {A}, eprint = {2609.00001}}\n\u0001\u0002junk\n@misc{b, title = {B}, eprint = {2609.00002}}'],
      ['two fields naming different papers', '@misc{a, title = {A}, url = {https://arxiv.org/abs/2609.00001}, doi = {10.48550/arXiv.2609.00002}}'],
      ['notes naming several papers', '@misc{a, title = {A}, note = {arXiv:2609.00001 and arXiv:2609.00002}}'],
      ['no title', '@misc{a, eprint = {2609.00001}}'],
      ['an undefined @string used twice', '@misc{a, title = {A}, journal = jml, eprint = {2609.00001}}\n@misc{b, title = {B}, journal = jml, eprint = {2609.00002}}'],
    ];
    for (const [input, text] of files) {
      const parsed = parseBibtexLibrary(text);
      if (!parsed.ok) {
        check('import preview: .bib file', input, parsed.reason);
        continue;
      }
      expect(parsed.rejected.length + parsed.warnings.length, `${input}: nothing was said`).toBeGreaterThan(0);
      for (const rejected of parsed.rejected) {
        check('import preview: .bib entry', `${input} (${rejected.entry.slice(0, 30)})`, rejected.reason);
      }
      for (const warning of parsed.warnings) check('import preview: .bib note', input, warning);
    }
  });

  it('restore refusals: a large backup read as a stream', async () => {
    const good = { id: `arxiv:${ID}`, title: 'A', authors: [], site: 'arxiv', url: `https://arxiv.org/abs/${ID}`, tags: [], sources: {}, createdAt: 1, updatedAt: 1, savedAt: 1 };
    const head = '{"format": "papershelf-backup", "version": 1, ';
    const files: Array<[string, string]> = [
      ['not JSON', 'this is not JSON'],
      ['a JSON array', '[1, 2, 3]'],
      ['cut short', `${head}"papers": [${JSON.stringify(good)}`],
      ['papers not a list', `${head}"papers": {"a": 1}}`],
      ['no papers at all', '{"format": "papershelf-backup", "version": 1}'],
      ['no format', `{"version": 1, "papers": []}`],
      ['a version from the future', '{"format": "papershelf-backup", "version": 99, "papers": []}'],
      ['a paper with a title too long', `${head}"papers": [${JSON.stringify({ ...good, title: LONG })}]}`],
      ['the same paper twice', `${head}"papers": [${JSON.stringify(good)}, ${JSON.stringify(good)}]}`],
      ['text after the end', `${head}"papers": []} trailing`],
      ['a paper that is not JSON', `${head}"papers": [{"id": tru}]}`],
    ];
    for (const [input, text] of files) {
      const pieces = [text.slice(0, 7), text.slice(7)];
      check('restore: checkBackupFile', input, reasonOf((await checkBackupFile(async function* () { yield* pieces; })) as never));
    }
  });

  it('export warnings: papers the BibTeX export cannot write as they are', () => {
    const entries = [
      { id: 'not-an-id', title: 'Bad id' },
      { id: ID, title: 'Ünïcödé ☃ title', authors: [] as string[], authorCount: 3, doi: 'not a {doi}' },
      { id: ID, title: 'Twice' },
      { id: '2609.00002', title: 'B', authors: ['Ada Lovelace'], authorCount: 5, citationKey: 'bad key' },
      { id: '2609.00003', title: 'C', authors: [], citationKey: 'taken' },
      { id: '2609.00004', title: 'D', authors: ['Émile Ω 🙂'], citationKey: 'taken' },
    ];
    const { warnings } = exportBibtexWithReport(entries, { ascii: true });
    expect(new Set(warnings.map((warning) => warning.kind)).size).toBeGreaterThanOrEqual(7);
    for (const warning of warnings) check('export: BibTeX warning', warning.kind, warning.message);
  });

  it('sync form and the background: a folder URL or device name refused', () => {
    for (const url of ['', 'cloud.example.org/dav', 'ftp://cloud.example.org/dav/', 'https://ada:pw@cloud.example.org/dav/', `https://x.org/${'a'.repeat(2_100)}`]) {
      check('sync: folder URL', url.slice(0, 40), SyncFolderUrlSchema.safeParse(url).error?.issues[0]?.message);
    }
    const connect = { type: 'ui:syncConnect', url: 'https://cloud.example.org/dav/', user: 'u'.repeat(300), password: 'p'.repeat(2_000), deviceName: 'd'.repeat(100) };
    for (const issue of SyncUiRequestSchema.safeParse(connect).error?.issues ?? []) check('sync: connect request', String(issue.path[0]), issue.message);
    check('sync: device name', 'empty', SyncUiRequestSchema.safeParse({ type: 'ui:syncRenameDevice', name: ' ' }).error?.issues[0]?.message);
  });

  it('metadata status: what arXiv answered', () => {
    for (const [input, xml] of [
      ['truncated XML', '<feed><entry><id>'],
      ['JSON instead of XML', '{"papers": []}'],
      ['binary', '\u0000\u0001\u0002'],
    ] as const) {
      check('metadata status: arXiv feed', input, reasonOf(parseArxivFeed(xml) as never));
    }
  });

  it('rule editor and tag editors', () => {
    for (const pattern of ['(', '[z-a]', 'a{2,1}', '\\', '(?<n>a)\\k<m>', 'a'.repeat(5_000)]) {
      check('rule editor: checkRulePattern', JSON.stringify(pattern.slice(0, 20)), reasonOf(checkRulePattern('text', 'regex', pattern) as never));
    }
    for (const tag of ['', 'a,b', 't'.repeat(200), 'a\u0007b']) {
      let message: string | undefined;
      try {
        normalizeTag(tag);
      } catch (error) {
        message = errorInWords(error, 'fallback');
      }
      check('tag editor: normalizeTag', JSON.stringify(tag.slice(0, 20)), message);
    }
    const record = PaperRecordSchema.parse({ id: `arxiv:${ID}`, title: 'A', authors: [], site: 'arxiv', url: `https://arxiv.org/abs/${ID}`, tags: [], sources: {}, createdAt: 1, updatedAt: 1 });
    for (const key of ['k'.repeat(500), 'has space', '{brace}']) {
      const result = checkKey(record, key);
      check('library: citation key', JSON.stringify(key.slice(0, 20)), result.ok ? undefined : result.status.text);
    }
  });

  it('issuesInWords names fields as a reader does', () => {
    const issues = PaperRecordSchema.safeParse({ id: `arxiv:${ID}`, title: 'T'.repeat(3_000), authors: ['A', 7], tags: 'x', site: 'arxiv', url: 'https://arxiv.org', sources: {}, createdAt: 1, updatedAt: 1 }).error!.issues;
    expect(issuesInWords(issues, {}, 5)).toBe('the title is longer than 2,000 characters; author 2 is not text; the tag list is not a list');
  });
});
