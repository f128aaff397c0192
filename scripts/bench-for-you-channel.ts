// What handing 2,000 papers' words (title, abstract, authors: ~3 MB) to another process costs the
// sending page's main thread in Chromium, by channel, in one run: the extension's message channel
// (`runtime.sendMessage`, what For you uses), `postMessage` to a cross-origin frame (a structured
// clone, what a relay frame of the extension would take), and, for scale, `JSON.stringify` and
// `structuredClone` of the same batches. Measured from the extension's library page (the same
// renderer-side messaging as a content script). Run alone: `npm run build && npx tsx scripts/bench-for-you-channel.ts`.
import { loadavg } from 'node:os';
import { closeSession, launch } from '../test/e2e/harness.ts';
import { median } from './bench-stats.ts';
import { DATA_PRESENT, loadDataset } from './ranking-protocol.ts';

const RUNS = 5;

if (!DATA_PRESENT) throw new Error('../shared/data is missing: no papers to send');
const papers = loadDataset()
  .papers.slice(-2_000)
  .map((paper) => [paper.id, paper.title, paper.abstract ?? '', ...(paper.authors ?? [])]);
const session = await launch();
try {
  session.serve('https://arxiv.org/blank', { body: '<!doctype html><title>blank</title>' });
  const { page } = await session.openLibrary();
  await page.evaluate(`new Promise((done) => { const frame = document.createElement('iframe'); frame.src = 'https://arxiv.org/blank'; frame.onload = done; document.body.append(frame); window.benchFrame = frame; })`);
  // A MessagePort into the frame, as the relay frame takes one (lib/content/for-you-relay.ts).
  await page.evaluate(`(() => { const channel = new MessageChannel(); window.benchFrame.contentWindow.postMessage('port', '*', [channel.port2]); window.benchPort = channel.port1; })()`);
  const samples: Array<Record<string, number>> = [];
  for (let run = 0; run <= RUNS; run++) {
    // Source text, not a function: tsx would wrap a function's inner arrows in a helper the page lacks.
    const sample = (await page.evaluate(`((papers) => {
      const batches = [0, 500, 1000, 1500].map((at) => papers.slice(at, at + 500));
      const time = (send) => { const started = performance.now(); for (const papers of batches) send(papers); return performance.now() - started; };
      return {
        sendMessage: time((papers) => void chrome.runtime.sendMessage({ type: 'bench:none', papers }).catch(() => undefined)),
        sendMessageText: time((papers) => void chrome.runtime.sendMessage({ type: 'bench:none', text: JSON.stringify(papers) }).catch(() => undefined)),
        postMessage: time((papers) => window.benchFrame.contentWindow.postMessage({ papers }, '*')),
        portArrays: time((papers) => window.benchPort.postMessage({ papers })),
        portText: time((papers) => window.benchPort.postMessage({ request: JSON.stringify(papers) })),
        portJoined: time((papers) => window.benchPort.postMessage({ request: papers.map((paper) => paper.join('\\u0001')).join('\\u0002') })),
        stringify: time((papers) => JSON.stringify(papers)),
        structuredClone: time((papers) => structuredClone(papers)),
      };
    })(${JSON.stringify(papers)})`)) as Record<string, number>;
    if (run > 0) samples.push(sample); // run 0 warms up
  }
  const bytes = JSON.stringify(papers).length;
  console.log(`\nHanding 2,000 papers (${(bytes / 2 ** 20).toFixed(1)} MB as JSON, 4 messages) to another process, main-thread time, median of ${RUNS}, load average ${loadavg()[0]!.toFixed(1)}:\n`);
  console.log('| runtime.sendMessage | runtime.sendMessage of one JSON string | postMessage to a cross-origin frame | a MessagePort into it: arrays | one JSON string (stringify included) | one joined string | JSON.stringify | structuredClone |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const of = (key: string) => `${median(samples.map((sample) => sample[key]!)).toFixed(0)} ms`;
  console.log(`| ${of('sendMessage')} | ${of('sendMessageText')} | ${of('postMessage')} | ${of('portArrays')} | ${of('portText')} | ${of('portJoined')} | ${of('stringify')} | ${of('structuredClone')} |`);
} finally {
  await closeSession(session);
}
