import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { hostPermissions } from './lib/manifest-hosts';
import { SITE_STYLES } from './lib/sites/styles';
import { CONTENT_MATCHES } from './lib/sites/matches';

/**
 * `virtual:papershelf-site-styles.css`: every adapter's `styles` as one CSS module. The content
 * script imports it beside style.css, so WXT bundles both into the stylesheet the manifest injects.
 */
function siteStyles(): Plugin {
  const name = 'virtual:papershelf-site-styles.css';
  // A path-like id ending in .css, so that Vite's CSS pipeline takes it as a stylesheet.
  const id = '/@papershelf/site-styles.css';
  return {
    name: 'papershelf-site-styles',
    resolveId: (source) => (source === name ? id : undefined),
    load: (source) => (source === id ? SITE_STYLES : undefined),
  };
}

// See README "Architecture". Everything that ends up in the manifest is decided here.
export default defineConfig({
  // Manifest V3 in Firefox too (WXT's Firefox default is V2): one manifest shape and one permission
  // model for both stores. Firefox runs the background as an event page (`background.scripts`),
  // which it unloads when idle as Chromium stops its service worker; since Firefox 127 the host
  // permissions listed here are granted at install, as in Chromium. README "Firefox".
  manifestVersion: 3,
  // No auto-imports: every module says where its names come from.
  imports: false,
  manifest: ({ browser }) => ({
    // The store listing's words, in the user's language: public/_locales/<language>/messages.json.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // IndexedDB in the extension origin holds the library; unlimitedStorage keeps a large library
    // (hidden papers add up to tens of thousands a year) from being evicted under quota pressure.
    // `alarms` wakes the background for the next metadata look-up (the queue's rate limit and back-off).
    permissions: ['unlimitedStorage', 'alarms'],
    // Only the two public metadata APIs, fetched from the background (arXiv sends no CORS headers to
    // content scripts). Listing pages need no host permission: the content script's matches do.
    // End-to-end builds add their loopback WebDAV servers (PAPERSHELF_TEST_HOSTS, lib/manifest-hosts.ts).
    host_permissions: hostPermissions(process.env.PAPERSHELF_TEST_HOSTS),
    // Sync's WebDAV folder (issue #15): asked for one server at Connect, never at install. Any
    // https server, and plain http only on this computer (a password over http would travel in clear).
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // For you's relay frame (lib/content/for-you-relay.ts): the one page the listings' hosts may
    // frame, and only them (a resource's matches are origins: the listing paths cannot be named).
    // Chromium then serves it only at a per-session address (`use_dynamic_url`), so a site cannot
    // probe a fixed URL to learn that Papershelf is installed; Firefox's extension address is
    // already random per install, and it does not know the key.
    web_accessible_resources: [
      {
        resources: ['for-you-relay.html'],
        matches: [...new Set(CONTENT_MATCHES.map((pattern) => `${new URL(pattern.replaceAll('*', 'x')).origin}/*`))],
        ...(browser !== 'firefox' && { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        // Firefox wants a stable id, and a declaration of what data leaves the browser: none.
        // 140 is the ESR line that first reads data_collection_permissions (AMO checks it).
        gecko: {
          id: 'papershelf@papershelf.invalid',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  hooks: {
    // WXT names the toolbar button after the popup's <title>, which a page cannot localise: the
    // button's tooltip takes the catalogue's name instead, as the manifest's name does.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_extName__';
    },
  },
  vite: () => ({
    plugins: [preact(), siteStyles()],
    build: {
      // Chromium refuses a content script with raw U+FFFF ("not UTF-8 encoded") and then silently
      // does not load the extension at all (STACK.md). ASCII output escapes such characters.
      rolldownOptions: { output: { charset: 'ascii' } },
    },
  }),
});
