import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Route } from 'playwright-core';
import { BROWSER_PATH, launch, readFixture, readLibrary, removeProfile, type Session } from './harness.ts';
import { controls } from './controls.ts';

/**
 * Metadata enrichment end to end: a Hugging Face card with one name and "5 authors" and no embedded
 * data is saved; the background asks arXiv's API (and Hugging Face's for what arXiv lacks), served
 * here by `context.route` at the real API URLs; the exported BibTeX then has every author. With the
 * network down the paper stays incomplete, nothing is lost, and it completes once the network is back.
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_API = 'https://export.arxiv.org/api/query**';
const HF_API = 'https://huggingface.co/api/papers/**';
const FULL_AUTHORS = ['C. Person', 'Dana Q. Öztürk', 'Emil Åberg', 'Fei Li', 'Gustavo de la Cruz'];

/** An Atom feed as arXiv's API writes it (export.arxiv.org/api/query, id_list), for the ids asked that we know. */
function arxivFeed(requested: string[]): string {
  const known: Record<string, string> = {
    '2609.10003': `<entry>
    <id>http://arxiv.org/abs/2609.10003v2</id>
    <updated>2026-09-27T10:00:00Z</updated>
    <published>2026-09-24T17:59:59Z</published>
    <title>Theta: Absolute Title Link</title>
    <summary>  We study absolute links in titles.
  </summary>
    ${FULL_AUTHORS.map((name) => `<author><name>${name}</name></author>`).join('\n    ')}
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">12 pages</arxiv:comment>
    <link href="http://arxiv.org/abs/2609.10003v2" rel="alternate" type="text/html"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
  };
  const entries = requested.map((id) => known[id]).filter(Boolean);
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?id_list=${requested.join(',')}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: id_list=${requested.join(',')}</title>
  <id>http://arxiv.org/api/test</id>
  <updated>2026-09-28T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${requested.length}</opensearch:itemsPerPage>
  ${entries.join('\n  ')}
</feed>`;
}

/** Hugging Face's paper API answer for the paper arXiv's feed leaves out. */
const HF_PAPER = {
  id: '2609.10001',
  title: 'Zeta: No Embedded Data',
  summary: 'A paper Hugging Face knows.',
  publishedAt: '2026-09-22T12:00:00.000Z',
  authors: [{ name: 'Ina Zeta', hidden: false }, { name: 'Jo Zeta', hidden: false }],
  upvotes: 4,
};

interface Api {
  requests: string[];
  failing: boolean;
}

async function serveApis(session: Session): Promise<Api> {
  const api: Api = { requests: [], failing: false };
  const answer = async (route: Route, body: () => { contentType: string; body: string }) => {
    api.requests.push(route.request().url());
    if (api.failing) return route.abort('internetdisconnected');
    return route.fulfill({ status: 200, ...body() });
  };
  // Registered after the harness's catch-all, so these run first.
  await session.context.route(ARXIV_API, (route) =>
    answer(route, () => {
      const ids = new URL(route.request().url()).searchParams.get('id_list')?.split(',') ?? [];
      return { contentType: 'application/atom+xml; charset=utf-8', body: arxivFeed(ids) };
    }),
  );
  await session.context.route(HF_API, (route) =>
    answer(route, () => {
      const id = new URL(route.request().url()).pathname.split('/').pop();
      return id === HF_PAPER.id ? { contentType: 'application/json', body: JSON.stringify(HF_PAPER) } : { contentType: 'application/json', body: '{"error":"not found"}' };
    }),
  );
  return api;
}

async function saveCards(session: Session, ids: string[]): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(HF_URL);
  for (const id of ids) {
    const save = controls(page, id).getByRole('button', { name: 'Save' });
    await expect.poll(() => save.count(), { timeout: 10_000 }).toBe(1);
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    // Shown saved at once; stored once the controls are no longer busy. Closing the tab earlier
    // could take the request with it.
    await expect.poll(() => controls(page, id).locator('.bar').getAttribute('aria-busy')).toBe(null);
  }
  await page.close();
}

/** The stored record of the paper a listing names `id` (the library keeps PaperIds). */
const record = async (session: Session, id: string) => (await readLibrary(session)).find((paper) => paper.id === `arxiv:${id}`);

describe.skipIf(!BROWSER_PATH)('metadata enrichment through the public APIs', () => {
  let session: Session;
  beforeEach(async () => {
    session = await launch();
    session.serve(HF_URL, { body: readFixture('huggingface/daily-no-props.html') });
  });
  afterEach(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('a saved card with "5 authors" gets every author from arXiv, and Hugging Face fills what arXiv lacks', async () => {
    const api = await serveApis(session);
    await saveCards(session, ['2609.10003', '2609.10001']);
    await expect.poll(async () => (await record(session, '2609.10003'))?.authors, { timeout: 20_000 }).toEqual(FULL_AUTHORS);
    const theta = await record(session, '2609.10003');
    expect(theta).toMatchObject({ publishedAt: '2026-09-24', primaryCategory: 'cs.CL', fieldSources: { authors: 'arxiv-api', publishedAt: 'arxiv-api' } });
    await expect.poll(async () => (await record(session, '2609.10001'))?.authors, { timeout: 20_000 }).toEqual(['Ina Zeta', 'Jo Zeta']);
    expect((await record(session, '2609.10001'))?.fieldSources).toMatchObject({ authors: 'hf-api' });

    // Politeness: batched ids, and at least 3 s between two requests.
    const arxivRequests = api.requests.filter((url) => url.startsWith('https://export.arxiv.org/'));
    expect(arxivRequests.length).toBeGreaterThanOrEqual(1);
    for (const url of arxivRequests) expect(url).toMatch(/^https:\/\/export\.arxiv\.org\/api\/query\?id_list=[\d.,]+&max_results=\d+$/);

    // The exported BibTeX has all five authors.
    const popup = await session.openPopup();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: /^Export BibTeX/ }).click()]);
    const bib = readFileSync((await download.path())!, 'utf8');
    const authorLine = bib.split('\n').find((line) => line.includes('author =') && line.includes('Person'));
    expect(authorLine?.split(' and ')).toHaveLength(5);
    for (const family of ['Person', 'Öztürk', 'Åberg', 'Li', 'de la Cruz']) expect(authorLine).toContain(family);
    await popup.close();
  }, 60_000);

  test('with the network down the paper stays incomplete and completes once the network is back', async () => {
    const api = await serveApis(session);
    api.failing = true;
    await saveCards(session, ['2609.10003']);
    await expect.poll(() => api.requests.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await record(session, '2609.10003');
    // What the card showed: "5 authors", no names the page could read.
    expect(before).toMatchObject({ authors: [], authorCount: 5 });
    expect(before?.savedAt).toBeTypeOf('number');

    // The library page says the paper is incomplete and why.
    const { page: library } = await session.openLibrary();
    const section = library.getByRole('region', { name: 'Metadata' });
    await expect.poll(() => section.innerText(), { timeout: 10_000 }).toMatch(/0 of 1 saved papers? complete/);
    await expect.poll(() => section.innerText()).toMatch(/offline|could not reach/i);
    // What is missing, in words (never property names such as publishedAt).
    expect(await section.innerText()).toMatch(/Missing: authors\b/);
    expect(await section.innerText()).not.toMatch(/publishedAt|primaryCategory/);
    // The popup's row says so too, and says what it lacks.
    const popup = await session.openPopup();
    const note = popup.locator('[role="row"]', { hasText: '2609.10003' }).locator('.paper-incomplete');
    await expect.poll(() => note.innerText()).toMatch(/incomplete/);
    expect(await note.getAttribute('title')).toMatch(/^Missing: authors\b/);

    // Back online: the queue retries by itself (no click) and the paper completes.
    api.failing = false;
    await expect.poll(async () => (await record(session, '2609.10003'))?.authors, { timeout: 50_000, interval: 1_000 }).toEqual(FULL_AUTHORS);
    await expect.poll(() => section.innerText(), { timeout: 10_000 }).toMatch(/1 of 1 saved paper complete/);
    // The open popup follows without reopening: the note is gone.
    await expect.poll(() => note.count(), { timeout: 10_000 }).toBe(0);
    await popup.close();
    await library.close();
  }, 90_000);
});
