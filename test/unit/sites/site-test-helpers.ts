import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AdapterResult, FoundCard } from '../../../lib/sites/types';

/** Shared by the adapter tests: pages parsed as a browser would, fixtures by site, cards by id. */
export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export function fixtureReader(site: string): (name: string) => Document {
  const folder = resolve(import.meta.dirname, '..', '..', 'fixtures', site);
  return (name) => parse(readFileSync(resolve(folder, name), 'utf8'));
}

export function byId(result: AdapterResult, id: string): FoundCard {
  const card = result.cards.find((found) => found.paper.id === id);
  if (!card) throw new Error(`no card for ${id}`);
  return card;
}
