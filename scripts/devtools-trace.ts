// A Chrome DevTools trace of one page over CDP, for the benches that split main-thread time by kind
// of work (bench-for-you-page.ts, trace-listing.ts).
import type { Page } from 'playwright-core';

/** One trace event, with the fields the benches read. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
}

/** A trace of `page` in `categories` (timeline and User Timing unless told), from now until `stop`. */
export async function startTrace(page: Page, categories = 'devtools.timeline,blink.user_timing'): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return events;
    },
  };
}
