// The sample listing pages `npm start` shows when the sites cannot be reached or with `--demo`,
// and the check that decides between them and the live sites.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEMO_DIR = resolve(import.meta.dirname, 'demo-pages');
export const DEMO_FILES = { huggingface: 'huggingface-papers.html', arxiv: 'arxiv-cs.LG-new.html' } as const;

/** Served at these real URLs, so the production content script runs on them as on the sites. */
export const DEMO_URLS = { huggingface: 'https://huggingface.co/papers', arxiv: 'https://arxiv.org/list/cs.LG/new' } as const;
export const LIVE_URL = 'https://huggingface.co/papers';

/** URL → HTML of every sample page. */
export function demoPages(): Map<string, string> {
  return new Map(
    (Object.keys(DEMO_URLS) as Array<keyof typeof DEMO_URLS>).map((site) => [DEMO_URLS[site], readFileSync(join(DEMO_DIR, DEMO_FILES[site]), 'utf8')]),
  );
}

export interface StartMode {
  demo: boolean;
  /** Why, in a sentence for the terminal. */
  reason: string;
}

/** Demo when asked (`--demo`) or when either site does not answer within a few seconds. */
export async function chooseMode(argv: readonly string[], timeoutMs = 4_000): Promise<StartMode> {
  if (argv.includes('--demo')) return { demo: true, reason: 'you asked for it with --demo' };
  const unreachable = (
    await Promise.all(
      ['https://huggingface.co/papers', 'https://arxiv.org/'].map(async (url) => {
        try {
          await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
          return undefined;
        } catch {
          return new URL(url).host;
        }
      }),
    )
  ).filter((host): host is string => host !== undefined);
  if (unreachable.length > 0) return { demo: true, reason: `${unreachable.join(' and ')} could not be reached from this machine (offline?)` };
  return { demo: false, reason: 'huggingface.co and arxiv.org answered' };
}
