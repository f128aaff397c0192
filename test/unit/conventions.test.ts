import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteSchema } from '../../lib/paper/model';
import { ADAPTERS } from '../../lib/sites';
import type { SiteAdapter } from '../../lib/sites/types';
import { chainsTo, folderCycles, PROJECT_ROOT, readSources, type SourceFile } from '../import-graph';
import { SITE_PAGES, SITES_WITHOUT_TEST_PAGES } from '../site-pages';
import { CARD_CANDIDATES, FIELD_SLOTS } from './sites/field-slots';

/**
 * The house rules of ../shared/DESIGN.md that a test can keep (rule 11: conventions are enforced
 * by a test, not by review). Each failure names the import chain or the file, so the fix is clear.
 */
const files = readSources();
const sources = [...files.values()];
const under = (...folders: string[]) => sources.filter((file) => folders.some((folder) => file.path.startsWith(`${folder}/`)));

/** Folders whose code is pure: data in, data out. They may import each other, zod and the packages listed. */
const PURE_FOLDERS = ['lib/paper', 'lib/sites', 'lib/bibtex', 'lib/rules', 'lib/search', 'lib/sync', 'lib/text', 'lib/ranking', 'lib/i18n'];
const PURE_PACKAGES = new Set(['zod', 're2js']);
/** The English messages: lib/i18n takes its keys' type from them (data, no code). */
const PURE_DATA = new Set(['public/_locales/en/messages.json']);
const isPureModule = (module: string) => PURE_PACKAGES.has(module) || PURE_DATA.has(module) || PURE_FOLDERS.some((folder) => module.startsWith(`${folder}/`));

const isDatabase = (module: string) => module.startsWith('lib/db/') || module === 'dexie' || module.startsWith('dexie/');

/** Browser, storage and network APIs, by how code reaches them. */
const IO_IN_SOURCE: ReadonlyArray<[RegExp, string]> = [
  [/\bbrowser\.\w/, 'browser.*'],
  [/\bchrome\.\w/, 'chrome.*'],
  [/\bindexedDB\b/, 'indexedDB'],
  [/(?<![\w.])fetch\(/, 'fetch()'],
  [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
  [/\blocalStorage\b/, 'localStorage'],
];

/** Lines of `file` (comments too: a commented-out call is one keystroke from a real one) that use I/O. */
function ioUses(file: SourceFile): string[] {
  const uses: string[] = [];
  file.text.split('\n').forEach((line, index) => {
    for (const [pattern, name] of IO_IN_SOURCE) if (pattern.test(line) && !/^\s*(\*|\/\/)/.test(line)) uses.push(`${file.path}:${index + 1} uses ${name}`);
  });
  return uses;
}

describe('import boundaries (DESIGN.md, "The house" and rules 1, 8)', () => {
  it('the content script and lib/content never reach the database (IndexedDB there belongs to the page)', () => {
    const starts = under('entrypoints/listing.content', 'lib/content');
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.flatMap((file) => chainsTo(files, file.path, isDatabase))).toEqual([]);
  });

  it('the pure cores import only pure modules and use no browser, storage or network API', () => {
    for (const folder of PURE_FOLDERS) expect(existsSync(join(PROJECT_ROOT, folder)), `${folder} is listed as pure but does not exist`).toBe(true);
    const pure = under(...PURE_FOLDERS);
    const impure = pure.flatMap((file) => file.imports.filter((module) => !isPureModule(module)).map((module) => `${file.path} imports ${module}`));
    expect(impure).toEqual([]);
    expect(pure.flatMap(ioUses)).toEqual([]);
  });

  it('site adapters never read the global document or window (they get a root and a URL)', () => {
    const globals = under('lib/sites').flatMap((file) =>
      file.text
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /(?<![\w.])(document|window)\.\w/.test(line) && !/^\s*(\*|\/\/)/.test(line))
        .map(({ index }) => `${file.path}:${index + 1}`),
    );
    expect(globals).toEqual([]);
  });

  it('components do no I/O and import no database code, not even a type', () => {
    const components = under('components');
    expect(components.length).toBeGreaterThan(0);
    const reach = (module: string) => isDatabase(module) || module === 'wxt/browser' || module.startsWith('lib/messaging/handler');
    expect(components.flatMap((file) => chainsTo(files, file.path, reach))).toEqual([]);
    expect(components.flatMap(ioUses)).toEqual([]);
  });

  it('lib/ folders import each other without cycles', () => {
    expect(folderCycles(files)).toEqual([]);
  });
});

describe('entrypoints are wiring', () => {
  /** The files a WXT entrypoint starts from: they compose lib/ and components/, nothing else. */
  const ENTRY_FILE = /^entrypoints\/(background\.ts|[\w.-]+\/(index\.ts|main\.tsx|index\.html))$/;

  it('entrypoints hold entry files, views (.tsx), styles and pages; logic (.ts modules) lives in lib/', () => {
    const root = join(PROJECT_ROOT, 'entrypoints');
    const logic = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .map((name) => `entrypoints/${name.split('\\').join('/')}`)
      .filter((path) => /\.ts$/.test(path) && !ENTRY_FILE.test(path));
    expect(logic, 'move these modules into lib/ (entrypoints only wire lib/ and components/ together)').toEqual([]);
  });
});

describe('the test tree mirrors the source tree', () => {
  /** Test folders named otherwise than the source they test. */
  const SOURCE_OF: Readonly<Record<string, string>> = {
    components: 'components/',
    entrypoints: 'entrypoints/',
  };
  /** Tests that reach their folder's source another way, and why. */
  const OTHERWISE: Readonly<Record<string, string>> = {
    'test/unit/ranking/quality.test.ts': 'measures lib/ranking through the evaluation protocol of scripts/ranking-protocol.ts',
    'test/unit/import/browser-bundle.test.ts': 'bundles lib/import for the browser, by path',
    'test/unit/cli/bib.test.ts': 'runs scripts/bib.ts as a command',
  };

  it('each test under test/unit/<a>/ imports the source it tests: lib/<a>/ (or its named equivalent)', () => {
    const unit = join(PROJECT_ROOT, 'test', 'unit');
    const misplaced = readdirSync(unit, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.test\.tsx?$/.test(name) && name.includes('/'))
      .map((name) => `test/unit/${name.split('\\').join('/')}`)
      .filter((path) => OTHERWISE[path] === undefined)
      .filter((path) => {
        const folder = path.split('/')[2]!;
        const source = SOURCE_OF[folder] ?? `lib/${folder}/`;
        const text = readFileSync(join(PROJECT_ROOT, path), 'utf8');
        const imported = [...text.matchAll(/from\s+'(\.[^']+)'/g)].map((match) => join(dirname(path), match[1]!).split('\\').join('/'));
        return !imported.some((module) => module.startsWith(source) || `${module}/` === source);
      });
    expect(misplaced, 'tests that import nothing from the source their folder names: move them where their source is').toEqual([]);
  });
});

describe('no dead code', () => {
  /**
   * Exports the work in progress elsewhere is about to use: the sync service and the Sync section
   * read the sync protocol's types, the sync service the transport's error kinds.
   */
  const AWAITED: Readonly<Record<string, readonly string[]>> = {
    'lib/messaging/sync-protocol.ts': ['SyncDevice', 'SyncStatus', 'SyncPush'],
    'lib/webdav/errors.ts': ['isTransient'],
  };

  it('every export is used somewhere (its own file, another source, a test, a script or a config)', () => {
    const others = [...files.values()].map((file) => [file.path, file.text] as const);
    for (const folder of ['test', 'scripts']) {
      for (const name of readdirSync(join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })) {
        if (/\.(ts|tsx|mjs)$/.test(name)) others.push([`${folder}/${name}`, readFileSync(join(PROJECT_ROOT, folder, name), 'utf8')]);
      }
    }
    for (const config of ['wxt.config.ts', 'vitest.config.ts']) others.push([config, readFileSync(join(PROJECT_ROOT, config), 'utf8')]);
    const dead = sources.flatMap((file) =>
      [...file.text.matchAll(/^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function\*?|type|interface|class|enum)\s+([A-Za-z_$][\w$]*)/gm)]
        .map((match) => match[1]!)
        .filter((name) => !AWAITED[file.path]?.includes(name))
        .filter((name) => {
          const word = `(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`;
          // Used in its own file beyond the declaration, or anywhere else: alive.
          const inItsFile = file.text.match(new RegExp(word, 'g'))?.length ?? 0;
          return inItsFile <= 1 && !others.some(([path, text]) => path !== file.path && new RegExp(word).test(text));
        })
        .map((name) => `${file.path}: ${name}`),
    );
    expect(dead, 'exports nothing uses: remove them').toEqual([]);
  });
});

describe('site adapters (DESIGN.md rule 2: one site, one file, one shape)', () => {
  const adapterFiles = under('lib/sites').filter((file) => /export const \w+: SiteAdapter = /.test(file.text));
  const registry = files.get('lib/sites/index.ts')!;

  it('finds the adapters: one module per registered site, named after it', () => {
    expect(adapterFiles.map((file) => file.path).sort()).toEqual(ADAPTERS.map((adapter) => `lib/sites/${adapter.site}.ts`).sort());
  });

  it.each(adapterFiles.map((file) => [file.path, file] as const))('%s is registered, with fixtures and tests', (path, file) => {
    const name = path.replace(/^lib\/sites\/|\.ts$/g, '');
    const exported = /export const (\w+): SiteAdapter = /.exec(file.text)![1]!;
    expect(registry.imports, `${path} is not imported by lib/sites/index.ts`).toContain(path);
    expect(registry.text, `${exported} is not in the registry (BY_SITE)`).toMatch(new RegExp(`BY_SITE[^=]*=\\s*\\{[^}]*\\b${exported}\\b`));
    expect(existsSync(join(PROJECT_ROOT, 'test', 'unit', 'sites', `${name}.test.ts`)), `test/unit/sites/${name}.test.ts is missing`).toBe(true);
    const fixtures = join(PROJECT_ROOT, 'test', 'fixtures', name);
    expect(existsSync(fixtures) && readdirSync(fixtures).some((entry) => entry.endsWith('.html')), `test/fixtures/${name}/ has no page fixtures`).toBe(true);
  });

  it('registers one adapter for every site name a record may hold, under that name', () => {
    expect(ADAPTERS.map((adapter) => adapter.site)).toEqual(SiteSchema.options);
    expect(SITES_WITHOUT_TEST_PAGES, 'adapter modules that export no `testPages`').toEqual([]);
  });

  describe.each(SITE_PAGES.map((site) => [site.adapter.site, site] as const))('the %s module', (name, { adapter, pages }) => {
    it('lists its test fixtures, every one of them, and each is a page its adapter reads', () => {
      const folder = join(PROJECT_ROOT, 'test', 'fixtures', name);
      const onDisk = existsSync(folder) ? readdirSync(folder).filter((entry) => entry.endsWith('.html')) : [];
      expect(pages.fixtures.length, `${name} lists no fixtures in testPages`).toBeGreaterThan(0);
      expect([...new Set(pages.fixtures.map((page) => page.file))].sort(), `test/fixtures/${name}/ and testPages.fixtures differ`).toEqual(onDisk.sort());
      expect(pages.fixtures.filter((page) => !readsPage(adapter, page.url)).map((page) => page.url)).toEqual([]);
    });

    it('gives the e2e test pages at URLs its patterns and its adapter both take', () => {
      expect(pages.e2e.filter((page) => 'fixture' in page).length, `${name} has no fixture page in testPages.e2e`).toBeGreaterThan(0);
      expect(pages.e2e.filter((page) => !readsPage(adapter, page.url)).map((page) => page.url)).toEqual([]);
    });

    it('links to a paper on a page it reads', () => {
      const link = adapter.paperUrl('2609.00501');
      expect(link).toMatch(/^https:\/\//);
      expect(readsPage(adapter, link), `${link} is not a page ${name} reads`).toBe(true);
    });

    it('has styles that touch only Papershelf\'s own attributes and custom properties', () => {
      const rules = [...adapter.styles.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)];
      expect(rules.length, `${name} has no styles`).toBeGreaterThan(0);
      const foreign = rules.filter(([, selector, body]) => {
        const properties = body!.split(';').map((declaration) => declaration.split(':')[0]!.trim()).filter(Boolean);
        return !/\[data-papershelf-/.test(selector!) && !properties.every((property) => property.startsWith('--papershelf-'));
      });
      expect(foreign.map(([rule]) => rule!.trim())).toEqual([]);
    });

    it('has, for each of its page kinds, the tests\' card count and field slots', () => {
      const kinds = new Set([...pages.fixtures, ...pages.captures].map((page) => page.kind));
      const missing = [...kinds].filter((kind) => !CARD_CANDIDATES[kind] || !FIELD_SLOTS[kind]?.length);
      expect(missing, 'page kinds without an entry in test/unit/sites/field-slots.ts').toEqual([]);
    });
  });
});

/** True when one of the adapter's manifest patterns and its own `matches()` both take `url`. */
function readsPage(adapter: SiteAdapter, url: string): boolean {
  const pattern = (glob: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const withoutFragment = url.replace(/#.*$/, '');
  return adapter.matchPatterns.some((glob) => pattern(glob).test(withoutFragment)) && adapter.matches(new URL(url));
}
