// @vitest-environment node
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeLibraries } from '../fake-library';
import type { z } from 'zod';
import { InvalidPaperError, RepositoryError, type PaperRepository } from '../../../lib/db/repository';
import { handleContentRequest, handleUiRequest } from '../../../lib/messaging/handler';
import { validatePaper } from '../../../lib/sites/validate';
import { arxivAdapter } from '../../../lib/sites/arxiv';
import { huggingfaceAdapter } from '../../../lib/sites/huggingface';
import type { CardRef } from '../../../lib/sites/types';
import { ArxivCategorySchema, ArxivIdSchema, CitationKeySchema, DoiSchema, IsoDateSchema, LIMITS, PaperIdSchema, PaperInputSchema, PaperRecordSchema, type PaperInput } from '../../../lib/paper/model';
import { parseBackup } from '../../../lib/import/backup-schema';
import { parsePaperMemoryExport } from '../../../lib/import/papermemory-import';
import { cleanImportedTags, planImport, validateMetadata, type IncomingPaper } from '../../../lib/import/plan';
import { parseBibtexLibrary } from '../../../lib/import/bibtex-import';
import { parseArxivFeed } from '../../../lib/metadata/arxiv-feed';
import { checkRulePattern } from '../../../lib/rules/validate';
import { normalizeTag } from '../../../lib/paper/tags';
import { createMessenger } from '../../../lib/content/messenger';
import { errorInWords, issuesInWords, SCHEMA_PROBLEMS } from '../../../lib/text/problem-words';
import { messageOf } from '../../../lib/ui/message-of';
import { checkKey } from '../../../lib/library-page/paper-actions';
import { checkBackupFile } from '../../../lib/import/backup-file';
import { exportBibtexWithReport } from '../../../lib/bibtex';
import { SyncFolderUrlSchema, SyncUiRequestSchema } from '../../../lib/messaging/sync-protocol';
import { notWordsIn } from '../../not-words';
import { fetchNetwork, MAX_RESPONSE_BYTES, type NetworkResponse } from '../../../lib/metadata/network';
import { parseHfPaper } from '../../../lib/metadata/hf-paper';
import { arxivFeed, harness, type Responder } from '../metadata/queue-harness';
import { decodeSyncFile, encodeSyncFile } from '../../../lib/sync/sync-file';
import { HlcClock } from '../../../lib/sync/clock';
import { t } from '../../../lib/i18n/t';

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
type SchemaProblem = (typeof SCHEMA_PROBLEMS)[keyof typeof SCHEMA_PROBLEMS];

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

  it('library refusals: what the library will not store, as the page shows them', async () => {
    const { repo } = fakeLibraries('papershelf-words-refusals')();
    const other = 'arxiv:2609.00002';
    await repo.save(paper({ id: `arxiv:${ID}` }));
    await repo.save(paper({ id: other }));
    await repo.setCitationKey(other, 'taken2026');
    const record = await repo.get(`arxiv:${ID}`);
    const refusals: Array<[string, () => Promise<unknown>]> = [
      ['title emptied', () => repo.editMetadata(`arxiv:${ID}`, { title: '   ' })],
      ['title too long', () => repo.editMetadata(`arxiv:${ID}`, { title: LONG })],
      ['no author', () => repo.editMetadata(`arxiv:${ID}`, { authors: ['', ' '] })],
      ['too many authors', () => repo.editMetadata(`arxiv:${ID}`, { authors: Array.from({ length: LIMITS.authors + 1 }, (_, n) => `A${n}`) })],
      ['an author name too long', () => repo.editMetadata(`arxiv:${ID}`, { authors: ['a'.repeat(LIMITS.author + 1)] })],
      ['a day that does not exist', () => repo.editMetadata(`arxiv:${ID}`, { publishedAt: '2026-02-31' })],
      ['nothing to change', () => repo.editMetadata(`arxiv:${ID}`, {})],
      ['a paper not in the library', () => repo.setNote('arxiv:2609.09999', 'x')],
      ['a note too long', () => repo.setNote(`arxiv:${ID}`, LONG)],
      ['an empty tag', () => repo.setTagsOf(`arxiv:${ID}`, ['  '])],
      ['too many tags', () => repo.setTagsOf(`arxiv:${ID}`, Array.from({ length: LIMITS.tags + 1 }, (_, n) => `t${n}`))],
      ['a tag added and removed', () => repo.bulkTags([`arxiv:${ID}`], ['Both'], ['both'])],
      ['a rename to nothing', () => repo.renameTag('x', ' ')],
      ['a key another paper holds', () => repo.setCitationKey(`arxiv:${ID}`, 'taken2026')],
      ['a paper restored twice', () => repo.restorePapers([record!, record!])],
      ['rules that are not rules', () => repo.saveRules([{ id: 'r1', target: 'text', match: 'regex', pattern: '(', action: 'hide', enabled: true, createdAt: 1 }] as never)],
      ['a backup whose rules are not rules', () => repo.replaceLibrary({ papers: [], rules: [{ id: 7 }] as never })],
    ];
    for (const [input, attempt] of refusals) {
      const error = await attempt().then(() => undefined, (thrown: unknown) => thrown);
      expect(error, input).toBeInstanceOf(RepositoryError);
      // A refusal is an InWordsError: the page shows its message as it is.
      check('library: refusal', input, errorInWords(error, 'fallback'));
    }
  });

  it('metadata status: why a look-up failed, as the Metadata section shows it', async () => {
    const hfEmpty = (answer: NetworkResponse | Error): Responder => (url) => (url.startsWith('https://huggingface.co/') ? answer : { status: 200, text: arxivFeed([]) });
    const answers: Array<[string, Responder]> = [
      ['arXiv answers 500', () => ({ status: 500, text: '' })],
      ['arXiv answers 403 with an error page', () => ({ status: 403, text: '<html><body>Forbidden</body></html>' })],
      ['arXiv answers 404 with a feed', () => ({ status: 404, text: arxivFeed([]) })],
      ['arXiv throttles', () => ({ status: 200, text: 'Rate exceeded.' })],
      ['arXiv answers nothing', () => ({ status: 200, text: '' })],
      ['arXiv answers with a DOCTYPE', () => ({ status: 200, text: '<!DOCTYPE feed [<!ENTITY a "b">]><feed/>' })],
      ['arXiv answers JSON', () => ({ status: 200, text: '{"papers": []}' })],
      ['arXiv answers XML that is not a feed', () => ({ status: 200, text: '<html><body/></html>' })],
      ['Hugging Face answers 503', hfEmpty({ status: 503, text: '' })],
      ['Hugging Face answers 404', hfEmpty({ status: 404, text: '' })],
      ['Hugging Face answers 401', hfEmpty({ status: 401, text: '' })],
      ['Hugging Face answers HTML', hfEmpty({ status: 200, text: '<html></html>' })],
      ['Hugging Face answers an error object', hfEmpty({ status: 200, text: '{"error": "Sorry, we can\u2019t find the page"}' })],
      ['Hugging Face answers with a TypeError object', hfEmpty({ status: 200, text: '{"id": 7, "title": null}' })],
      ['Hugging Face answers about another paper', hfEmpty({ status: 200, text: JSON.stringify({ id: '2609.11111', title: 'Another' }) })],
      ['Hugging Face answers an id that is not one', hfEmpty({ status: 200, text: JSON.stringify({ id: '2609.1', title: 'T' }) })],
      ['Hugging Face answers a paper without a title', hfEmpty({ status: 200, text: JSON.stringify({ id: ID, title: '   ' }) })],
      ['the network is down', () => new TypeError('Failed to fetch')],
      ['the request times out', () => new DOMException('signal timed out', 'TimeoutError')],
      ['a programming error', () => new RangeError('not a canonical arXiv id: x')],
    ];
    for (const [input, respond] of answers) {
      const h = harness(respond);
      await h.queue.enqueue([`arxiv:${ID}`]);
      const report = await h.queue.runOnce();
      const [entry] = await h.queue.entries([`arxiv:${ID}`]);
      check('metadata status: look-up', input, entry?.lastError ?? report.lastError);
      h.db.close();
    }

    const refused = (answer: () => Response) =>
      fetchNetwork({ fetch: async () => answer() })
        .fetchText('https://export.arxiv.org/api/query?id_list=2609.00001')
        .then(() => undefined, (error: unknown) => error);
    const redirect = (to: string) => () => new Response(null, { status: 302, headers: { Location: to } });
    for (const [input, error] of [
      ['a redirect to another host', await refused(redirect('https://evil.example/'))],
      ['a redirect loop', await refused(redirect('/again'))],
      ['an answer too large', await refused(() => new Response('x', { headers: { 'Content-Length': String(MAX_RESPONSE_BYTES + 1) } }))],
    ] as const) {
      const h = harness(() => error as Error);
      await h.queue.enqueue([`arxiv:${ID}`]);
      await h.queue.runOnce();
      check('metadata status: refused answer', input, (await h.queue.entries([`arxiv:${ID}`]))[0]?.lastError);
      h.db.close();
    }

    const saving = harness();
    const queue = saving.queueWith({ applyResults: async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'put')")) });
    await queue.enqueue([`arxiv:${ID}`]);
    await queue.runOnce();
    check('metadata status: look-up', 'saving the answer throws a TypeError', (await queue.entries([`arxiv:${ID}`]))[0]?.lastError);
    saving.db.close();

    for (const [input, json] of [
      ['null', null],
      ['a list', []],
      ['an error that is not text', { error: { expected: 'string', received: 'undefined' } }],
    ] as const) {
      check('metadata status: Hugging Face paper', input, reasonOf(parseHfPaper(json) as never));
    }
  });

  it('sync: the files on the server that could not be read', async () => {
    const clock = new HlcClock('laptop', () => 1_764_900_000_000);
    const operations = [{ kind: 'create' as const, paper: `arxiv:${ID}`, clock: clock.tick() }];
    const good = await encodeSyncFile({ kind: 'log', device: 'laptop', operations });
    const named = async (content: unknown) => {
      const file = await encodeSyncFile({ kind: 'log', device: 'laptop', operations });
      // The same name scheme over other bytes: gzip of `content`, its checksum in the name.
      const bytes = new Uint8Array(await new Response(new Blob([JSON.stringify(content)]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
      const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, 32);
      return { name: file.name.replace(/[0-9a-f]{32}\.json\.gz$/, `${hash}.json.gz`), bytes };
    };
    const notGzip = new TextEncoder().encode('undefined');
    const notGzipHash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', notGzip))].map((byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, 32);
    const forged = await encodeSyncFile({ kind: 'log', device: 'desktop', operations });
    const files: Array<[string, { name: string; bytes: Uint8Array }, string]> = [
      ['a name that is not a sync file\u2019s', { name: 'log-notes.json.gz', bytes: good.bytes }, 'laptop'],
      ['a torn upload', { name: good.name, bytes: good.bytes.slice(0, -5) }, 'laptop'],
      ['bytes that are not gzip', { name: good.name.replace(/[0-9a-f]{32}\.json\.gz$/, `${notGzipHash}.json.gz`), bytes: notGzip }, 'laptop'],
      ['JSON of another format', await named({ format: 'papershelf-sync', version: 99, kind: 'log', device: 'laptop', operations: [] }), 'laptop'],
      ['a file in another device\u2019s folder', good, 'desktop'],
      ['an operation of an unknown kind', await named({ format: 'papershelf-sync', version: 1, kind: 'log', device: 'laptop', operations: [{ kind: 'formatDisk' }] }), 'laptop'],
      ['a log holding another device\u2019s operations', forged, 'desktop'],
    ];
    for (const [input, file, device] of files) check('sync: skipped file', input, reasonOf((await decodeSyncFile(file.name, file.bytes, device)) as never));
  });

  it('the schemas\u2019 own problems are said in words, never as their message keys', () => {
    const record = { id: `arxiv:${ID}`, title: 'A', authors: [], site: 'arxiv', url: `https://arxiv.org/abs/${ID}`, tags: [], sources: {}, createdAt: 1, updatedAt: 1 };
    const cases: Array<[string, z.ZodType, unknown, SchemaProblem]> = [
      ['a key with a space', CitationKeySchema, 'has space', SCHEMA_PROBLEMS.citationKeyCharacters],
      ['a DOI that is a link', DoiSchema, 'https://doi.org/x', SCHEMA_PROBLEMS.notDoi],
      ['a category with a space', ArxivCategorySchema, 'cs CV', SCHEMA_PROBLEMS.notArxivCategory],
      ['an arXiv id with a version', ArxivIdSchema, '2609.00001v2', SCHEMA_PROBLEMS.notArxivId],
      ['an arXiv id far too long', ArxivIdSchema, '1'.repeat(300), SCHEMA_PROBLEMS.notArxivId],
      ['a paper id without its kind', PaperIdSchema, ID, SCHEMA_PROBLEMS.notPaperId],
      ['a card link over http', PaperInputSchema, paper({ url: `http://arxiv.org/abs/${ID}` }), SCHEMA_PROBLEMS.notHttpsAddress],
      ['a day that does not exist', IsoDateSchema, '2026-02-31', SCHEMA_PROBLEMS.notDay],
      ['a date with a time', IsoDateSchema, '2026-02-03T10:00:00Z', SCHEMA_PROBLEMS.notDay],
      ['a record with a versioned id', PaperRecordSchema, { ...record, id: `arxiv:${ID}v2` }, SCHEMA_PROBLEMS.notPaperId],
    ];
    const said = new Set<SchemaProblem>();
    for (const [input, schema, value, key] of cases) {
      const result = schema.safeParse(value);
      expect(result.success, input).toBe(false);
      const words = issuesInWords(result.error!.issues, { whole: t('wholeData') });
      check('schema problem: issuesInWords', input, words);
      expect(words, input).toContain(t(key));
      said.add(key);
    }
    // Every problem a schema states has a case above.
    expect([...said].sort()).toEqual(Object.values(SCHEMA_PROBLEMS).sort());
  });

  it('issuesInWords names fields as a reader does', () => {
    const issues = PaperRecordSchema.safeParse({ id: `arxiv:${ID}`, title: 'T'.repeat(3_000), authors: ['A', 7], tags: 'x', site: 'arxiv', url: 'https://arxiv.org', sources: {}, createdAt: 1, updatedAt: 1 }).error!.issues;
    expect(issuesInWords(issues, {}, 5)).toBe('the title is longer than 2,000 characters; author 2 is not text; the tag list is not a list');
  });
});
