import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { PapershelfDatabase } from '../../../lib/db/database';
import { DexieQueueStore } from '../../../lib/db/enrichment-store';
import type { FetchedPaper } from '../../../lib/metadata/fetched';
import type { Network, NetworkResponse } from '../../../lib/metadata/network';
import { EnrichmentQueue, type EnrichmentQueueDeps, type QueueOptions } from '../../../lib/metadata/queue';

export const T0 = 1_800_000_000_000;

/** Time that moves only when told to, or when the queue sleeps (instantly). */
export class FakeClock {
  time = T0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

export type Responder = (url: string) => NetworkResponse | Error | Promise<NetworkResponse | Error>;

/** Answers with `respond`, records each request with its time, and counts overlapping requests. */
export class FakeNetwork implements Network {
  readonly requests: { url: string; at: number }[] = [];
  maxInFlight = 0;
  private inFlight = 0;
  constructor(
    private readonly clock: FakeClock,
    public respond: Responder,
  ) {}

  async fetchText(url: string): Promise<NetworkResponse> {
    this.requests.push({ url, at: this.clock.now() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // A real request takes a while: let anything else that wants to run do so meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 2));
      const answer = await this.respond(url);
      if (answer instanceof Error) throw answer;
      return answer;
    } finally {
      this.inFlight--;
    }
  }
}

/** The papers an arXiv query URL asks for, by PaperId (the queue's ids). */
export function idsOf(url: string): string[] {
  return new URL(url).searchParams.get('id_list')?.split(',').map((id) => `arxiv:${id}`) ?? [];
}

export const xml = (text: string): NetworkResponse => ({ status: 200, text });

/** A feed with one full entry per id (arXiv's format, written out as it answers). */
export function arxivFeed(paperIds: readonly string[]): string {
  // arXiv writes arXiv ids.
  const ids = paperIds.map((id) => id.replace(/^arxiv:/, ''));
  const entries = ids
    .map(
      (id) => `<entry><id>http://arxiv.org/abs/${id}v1</id><published>2024-09-18T10:00:00Z</published><title>Paper ${id}</title>
      <summary>Abstract of ${id}.</summary><author><name>Ada Lovelace</name></author><author><name>Alan Turing</name></author>
      <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/><category term="cs.LG"/></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
<opensearch:totalResults>${ids.length}</opensearch:totalResults>${entries}</feed>`;
}

/** arXiv answering every query in full. */
export const arxivServesAll: Responder = (url) => xml(arxivFeed(idsOf(url)));

export function ids(count: number, start = 10_000): string[] {
  return Array.from({ length: count }, (_, index) => `arxiv:2409.${start + index}`);
}

export interface Harness {
  db: PapershelfDatabase;
  store: DexieQueueStore;
  clock: FakeClock;
  network: FakeNetwork;
  queue: EnrichmentQueue;
  applied: FetchedPaper[];
  enabled: { value: boolean };
  /** A new queue on a new connection to the same IndexedDB: what a restarted service worker gets. */
  restart(options?: Partial<QueueOptions>): Harness;
  /** Another queue on this store, network and clock, with some dependencies of its own. */
  queueWith(deps: Partial<EnrichmentQueueDeps>): EnrichmentQueue;
}

export function harness(
  respond: Responder = arxivServesAll,
  options: Partial<QueueOptions> = {},
  shared: { factory?: IDBFactory; clock?: FakeClock; network?: FakeNetwork; applied?: FetchedPaper[]; enabled?: { value: boolean } } = {},
): Harness {
  const factory = shared.factory ?? new IDBFactory();
  const db = new PapershelfDatabase('queue-test', { indexedDB: factory, IDBKeyRange });
  const store = new DexieQueueStore(db);
  const clock = shared.clock ?? new FakeClock();
  const network = shared.network ?? new FakeNetwork(clock, respond);
  const applied = shared.applied ?? [];
  const enabled = shared.enabled ?? { value: true };
  const queueWith = (deps: Partial<EnrichmentQueueDeps>) =>
    new EnrichmentQueue({
      store,
      network,
      clock,
      random: () => 0.5, // no jitter: delays are the steps exactly
      options,
      isEnabled: async () => enabled.value,
      applyResults: async (fetched) => {
        applied.push(...fetched);
      },
      ...deps,
    });
  const queue = queueWith({});
  return {
    db,
    store,
    clock,
    network,
    queue,
    applied,
    enabled,
    queueWith,
    restart(nextOptions = options) {
      db.close();
      return harness(respond, nextOptions, { factory, clock, network, applied, enabled });
    },
  };
}
