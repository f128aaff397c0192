import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The project's import graph, read from the source text: every `import … from`, `export … from`,
 * side-effect `import '…'` and dynamic `import('…')`, type-only imports included (a type import
 * still couples two modules: the boundary rules are about what a module knows, not what it ships).
 */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export interface SourceFile {
  /** Path from the project root, with forward slashes: `lib/db/repository.ts`. */
  path: string;
  text: string;
  /** Project files (paths as above) and bare package names this file imports. */
  imports: string[];
}

const SOURCE_FOLDERS = ['lib', 'components', 'entrypoints'];
const IMPORT = /(?:^|[;\s])(?:import|export)\s[^'";]*?\sfrom\s*'([^']+)'|(?:^|[;\s])import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

function walk(folder: string, into: string[]): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path, into);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) into.push(path);
  }
}

/** Comments can mention imports; strings cannot hold `import … from` in this codebase's style. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolveSpecifier(fromFile: string, specifier: string): string {
  if (!specifier.startsWith('.')) {
    // Bare specifiers are packages: keep the package name (`dexie`, `wxt/browser`, `@scope/name`).
    return specifier;
  }
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(PROJECT_ROOT, candidate).split('\\').join('/');
  }
  // Non-code assets (CSS, HTML) and unresolved paths stay visible as written.
  return relative(PROJECT_ROOT, base).split('\\').join('/');
}

export function readSources(root = PROJECT_ROOT): Map<string, SourceFile> {
  const paths: string[] = [];
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(root, folder))) walk(join(root, folder), paths);
  const files = new Map<string, SourceFile>();
  for (const absolute of paths) {
    const text = readFileSync(absolute, 'utf8');
    const imports = [...withoutComments(text).matchAll(IMPORT)].map((match) => resolveSpecifier(absolute, (match[1] ?? match[2] ?? match[3])!));
    const path = relative(root, absolute).split('\\').join('/');
    files.set(path, { path, text, imports });
  }
  return files;
}

/**
 * Every import chain from `start` that ends in a module `forbidden` accepts, as readable chains
 * (`a.ts → b.ts → dexie`), one per forbidden module reached (the first path found to it).
 */
export function chainsTo(files: Map<string, SourceFile>, start: string, forbidden: (module: string) => boolean): string[] {
  const previous = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  const found: string[] = [];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of files.get(current)?.imports ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, current);
      if (forbidden(next)) {
        const chain = [next];
        for (let step = previous.get(next); step !== undefined; step = previous.get(step)) chain.unshift(step);
        found.push(chain.join(' → '));
      } else if (files.has(next)) queue.push(next);
    }
  }
  return found;
}

/** `lib/db/repository.ts` → `lib/db`; `lib/settings.ts` → `lib/settings.ts`; other roots by their first folder. */
export function libFolderOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'lib' || parts.length < 2) return undefined;
  return parts.length === 2 ? path : `lib/${parts[1]}`;
}

/**
 * Cycles among lib/ folders, each as `lib/a → lib/b → lib/a` with the file imports behind every
 * step, from Tarjan's strongly connected components of the folder graph.
 */
export function folderCycles(files: Map<string, SourceFile>): string[] {
  const edges = new Map<string, Map<string, string>>();
  for (const file of files.values()) {
    const from = libFolderOf(file.path);
    if (!from) continue;
    for (const target of file.imports) {
      const to = libFolderOf(target);
      if (!to || to === from) continue;
      const out = edges.get(from) ?? new Map<string, string>();
      if (!out.has(to)) out.set(to, `${file.path} imports ${target}`);
      edges.set(from, out);
    }
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return components.map((component) => {
    const steps = component.flatMap((from) => component.filter((to) => edges.get(from)?.has(to)).map((to) => `  ${from} → ${to} (${edges.get(from)!.get(to)})`));
    return `${component.join(' ⇄ ')}\n${steps.join('\n')}`;
  });
}
