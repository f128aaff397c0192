// @vitest-environment node
import { resolve } from 'node:path';
import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/**
 * The importers run in the library page, a browser: everything they import, Better BibTeX's parser
 * and its dependencies included, must bundle for the browser with no Node built-ins left to
 * resolve and no `eval`, which extension pages forbid. An upgrade of the parser that breaks this
 * fails here rather than in the built extension.
 */
describe('the importers in a browser bundle', () => {
  it('bundle with no Node built-ins, no unresolved imports and no eval', async () => {
    const warnings: string[] = [];
    const bundle = await rolldown({
      input: resolve(ROOT, 'lib/import/papermemory-import.ts'), // imports the BibTeX importer and the plan too
      platform: 'browser',
      cwd: ROOT,
      onLog: (_level, log) => void warnings.push(`${log.code ?? ''}: ${log.message.split('\n', 1)[0] ?? ''}`),
    });
    const { output } = await bundle.generate({ format: 'es', minify: true, charset: 'ascii' });
    await bundle.close();
    const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');

    expect(warnings.filter((warning) => /UNRESOLVED|node:|built-?in/i.test(warning))).toEqual([]);
    expect(code).not.toMatch(/\bimport\s*[^(]*from\s*["']/); // every dependency is inside the bundle
    expect(code).not.toMatch(/["']node:/);
    expect(code).not.toMatch(/\beval\(|new Function\(/);
    // A budget, not a target: the parser is about 450 kB minified; a jump means a new dependency.
    expect(code.length).toBeLessThan(800_000);
  }, 30_000);
});
