import { API_HOST_PERMISSIONS } from './metadata/requests';

/**
 * The manifest's host permissions. Production: the two metadata APIs only (a WebDAV server's
 * origin is asked for at Connect, as an optional permission). A permission prompt cannot be
 * clicked in a headless browser, so a build made with `PAPERSHELF_TEST_HOSTS` (comma-separated
 * match patterns, e.g. `http://127.0.0.1/*`) also grants those hosts, for end-to-end tests only.
 * Only plain `scheme://host/*` patterns are taken: anything else stops the build.
 */
const TEST_HOST_PATTERN = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:]+\])(?::\d{1,5})?\/\*$/i;

export function hostPermissions(testHosts: string | undefined): string[] {
  const extra = (testHosts ?? '')
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  for (const pattern of extra) {
    if (!TEST_HOST_PATTERN.test(pattern)) throw new Error(`PAPERSHELF_TEST_HOSTS: "${pattern}" is not a match pattern like http://127.0.0.1/*`);
  }
  return [...API_HOST_PERMISSIONS, ...extra.filter((pattern, index) => extra.indexOf(pattern) === index && !(API_HOST_PERMISSIONS as readonly string[]).includes(pattern))];
}
