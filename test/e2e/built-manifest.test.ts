import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ADAPTERS } from '../../lib/sites';
import { CONTENT_MATCHES } from '../../lib/sites/matches';
import { EXTENSION_DIR } from './harness.ts';
import { codeFromStrings } from './eval-calls.ts';

/** The store listing's words come from the English catalogue the build ships (issue #18, localisation). */
function expectLocalisedManifest(dir: string, manifest: { default_locale?: string; name?: string; description?: string; action?: { default_title?: string } }): void {
  expect(manifest.default_locale).toBe('en');
  expect([manifest.name, manifest.description, manifest.action?.default_title]).toEqual(['__MSG_extName__', '__MSG_extDescription__', '__MSG_extName__']);
  const messages = JSON.parse(readFileSync(join(dir, '_locales', 'en', 'messages.json'), 'utf8'));
  expect(messages.extName.message).toBe('Papershelf');
}

/**
 * The manifest's only web-accessible resource is For you's relay page (lib/content/for-you-relay.ts),
 * for the two listing hosts alone: written out here, so that any other resource, host or key fails.
 */
function expectRelayOnly(dir: string, resources: unknown, browserKeys: Record<string, unknown>): void {
  const entries = (resources ?? []) as Array<{ matches?: string[] }>;
  expect(entries.map((entry) => ({ ...entry, matches: [...(entry.matches ?? [])].sort() }))).toEqual([
    { resources: ['for-you-relay.html'], matches: ['https://arxiv.org/*', 'https://huggingface.co/*'], ...browserKeys },
  ]);
  expect(existsSync(join(dir, 'for-you-relay.html'))).toBe(true);
}

/** The built extension asks for exactly what it needs: checked on the build, not the config. */
describe('built Chrome extension', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

  test('is Manifest V3 with a module-free service worker, a popup and one listing content script', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.service_worker).toBe('background.js');
    expect(manifest.action.default_popup).toBe('popup.html');
    expect(manifest.content_scripts).toHaveLength(1);
    expect(existsSync(join(EXTENSION_DIR, manifest.content_scripts[0].js[0]))).toBe(true);
  });

  test('names and describes itself in the user\'s language, from _locales/en', () => expectLocalisedManifest(EXTENSION_DIR, manifest));

  test('runs only on the documented pages and asks for no host access beyond the two metadata APIs (and, at Connect, the sync folder)', () => {
    expect([...manifest.content_scripts[0].matches].sort()).toEqual([...CONTENT_MATCHES].sort());
    // Written out here, not imported: a change to the permissions must change this test too.
    expect(manifest.host_permissions.slice(0, 2)).toEqual(['https://export.arxiv.org/api/*', 'https://huggingface.co/api/papers/*']);
    // The end-to-end build (PAPERSHELF_TEST_HOSTS, see package.json) adds loopback servers only;
    // test/unit/manifest-hosts.test.ts pins that a build without it is the production list.
    for (const extra of manifest.host_permissions.slice(2)) expect(extra).toMatch(/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/\*$/);
    expect(manifest.permissions).toEqual(['unlimitedStorage', 'alarms']);
    // Sync's folder: one origin asked for at Connect (never at install), https or this computer.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
    // Every Hugging Face page (the site navigates into its listings without a load), no other host
    // beyond arXiv's, and no webNavigation or scripting permission to follow those navigations.
    expect(manifest.content_scripts[0].matches).toContain('https://huggingface.co/*');
    expect(new Set(manifest.content_scripts[0].matches.map((match: string) => new URL(match.replace('*', 'x')).host))).toEqual(new Set(['huggingface.co', 'arxiv.org']));
    expect(manifest.externally_connectable).toBeUndefined();
    // One page a site may frame: For you's relay, only on the listings' hosts, and only at the
    // per-session address (a site cannot probe a fixed URL to learn that Papershelf is installed).
    expectRelayOnly(EXTENSION_DIR, manifest.web_accessible_resources, { use_dynamic_url: true });
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  test("injects every site's own styles with the content script", () => {
    const css = manifest.content_scripts[0].css.map((file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8')).join('');
    for (const adapter of ADAPTERS) {
      const declarations = [...adapter.styles.matchAll(/(--papershelf-[\w-]+)\s*:\s*([^;]+);/g)].map(([, property, value]) => `${property}:${value}`);
      expect(declarations.length, `${adapter.site} declares no custom property`).toBeGreaterThan(0);
      for (const declaration of declarations) expect(css, `${adapter.site}: ${declaration}`).toContain(declaration);
    }
  });

  test('keeps the default content security policy and ships no eval', () => {
    expect(manifest.content_security_policy).toBeUndefined();
    const scripts: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.js')) scripts.push(path);
      }
    };
    walk(EXTENSION_DIR);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const path of scripts) {
      const code = readFileSync(path, 'utf8');
      expect(codeFromStrings(code), path).toEqual([]);
    }
  });

  test('paints the popup first rows without Dexie or Zod: the page scripts and what they import statically', () => {
    const html = readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8');
    const entries = [...html.matchAll(/(?:src|href)="\/?(chunks\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(entries.length).toBeGreaterThanOrEqual(1);
    const graph = new Set<string>();
    const visit = (file: string) => {
      if (graph.has(file)) return;
      graph.add(file);
      // Static imports only (`import … from "./x.js"`): dynamic `import("./x.js")` loads later, on purpose.
      for (const match of readFileSync(join(EXTENSION_DIR, file), 'utf8').matchAll(/(?:import|export)[^"'()]*?from\s*["']\.\/([^"']+\.js)["']/g)) visit(`chunks/${match[1]}`);
    };
    for (const entry of entries) visit(entry);
    const code = [...graph].map((file) => readFileSync(join(EXTENSION_DIR, file), 'utf8')).join('\n');
    expect(code, [...graph].join(', ')).toContain('papershelf-first-row'); // the graph is the popup's
    expect(code, 'Dexie in the first paint').not.toMatch(/storagemutated|\bDexie\b/);
    expect(code, 'Zod in the first paint').not.toMatch(/\b_zod\b/);
  });

  test('keeps the database out of the content script (its IndexedDB would belong to the page)', () => {
    const content = readFileSync(join(EXTENSION_DIR, manifest.content_scripts[0].js[0]), 'utf8');
    expect(content).not.toMatch(/Dexie/);
  });
});

/**
 * The Firefox build asks for no more than the Chrome one: Manifest V3 with an event page
 * (`background.scripts`), the same two metadata API hosts and the same content-script matches,
 * and the gecko id and data declaration that addons.mozilla.org requires.
 */
const FIREFOX_DIR = resolve(EXTENSION_DIR, '..', 'firefox-mv3');
const FIREFOX_BUILT = existsSync(join(FIREFOX_DIR, 'manifest.json'));
if (!FIREFOX_BUILT && process.env.CI) throw new Error(`No Firefox build in ${FIREFOX_DIR}: run "npm run build:firefox" first.`);

describe.skipIf(!FIREFOX_BUILT)('built Firefox extension', () => {
  const manifest = FIREFOX_BUILT ? JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8')) : {};

  test('is Manifest V3 with an event page, a popup and one listing content script', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.action.default_popup).toBe('popup.html');
    expectLocalisedManifest(FIREFOX_DIR, manifest);
    expect(manifest.content_scripts).toHaveLength(1);
    expect(existsSync(join(FIREFOX_DIR, manifest.content_scripts[0].js[0]))).toBe(true);
  });

  test('asks for exactly what the Chrome build asks for, and declares that no data is collected', () => {
    expect([...manifest.content_scripts[0].matches].sort()).toEqual([...CONTENT_MATCHES].sort());
    // Written out here, not imported: a change to the permissions must change this test too.
    expect(manifest.host_permissions.slice(0, 2)).toEqual(['https://export.arxiv.org/api/*', 'https://huggingface.co/api/papers/*']);
    // The end-to-end build (PAPERSHELF_TEST_HOSTS, see package.json) adds loopback servers only;
    // test/unit/manifest-hosts.test.ts pins that a build without it is the production list.
    for (const extra of manifest.host_permissions.slice(2)) expect(extra).toMatch(/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/\*$/);
    expect(manifest.permissions).toEqual(['unlimitedStorage', 'alarms']);
    // Sync's folder: one origin asked for at Connect (never at install), https or this computer.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
    expect(manifest.content_scripts[0].matches).toContain('https://huggingface.co/*');
    expect(manifest.optional_permissions ?? []).toEqual([]);
    // Firefox's extension address is random per install already, and it does not know use_dynamic_url.
    expectRelayOnly(FIREFOX_DIR, manifest.web_accessible_resources, {});
    expect(manifest.content_security_policy).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: 'papershelf@papershelf.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    });
  });

  test('ships the icons at every size the stores ask for', () => {
    for (const size of ['16', '32', '48', '96', '128']) expect(existsSync(join(FIREFOX_DIR, manifest.icons[size] ?? 'missing')), size).toBe(true);
  });
});
