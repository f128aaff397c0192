import { describe, expect, it } from 'vitest';
import { hostPermissions } from '../../lib/manifest-hosts';

describe('the manifest host permissions', () => {
  it('are the production ones without PAPERSHELF_TEST_HOSTS: the two metadata APIs', () => {
    expect(hostPermissions(undefined)).toEqual(['https://export.arxiv.org/api/*', 'https://huggingface.co/api/papers/*']);
    expect(hostPermissions('')).toEqual(hostPermissions(undefined));
  });

  it('add the end-to-end servers named in PAPERSHELF_TEST_HOSTS, each once', () => {
    expect(hostPermissions('http://127.0.0.1/*, http://localhost:8080/*,http://127.0.0.1/*')).toEqual([
      'https://export.arxiv.org/api/*',
      'https://huggingface.co/api/papers/*',
      'http://127.0.0.1/*',
      'http://localhost:8080/*',
    ]);
  });

  it('stop the build on anything but a plain scheme://host/* pattern', () => {
    for (const bad of ['<all_urls>', '*://*/*', 'http://127.0.0.1/dav/*', 'file:///*', 'http://127.0.0.1/*"']) expect(() => hostPermissions(bad)).toThrow(/not a match pattern/);
  });
});
