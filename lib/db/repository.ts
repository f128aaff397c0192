import { z } from 'zod';
import { mergePaper } from '../paper/merge';
import { LIMITS, PaperRecordSchema, stateOf, type PaperInput, type PaperRecord, type PaperState } from '../paper/model';
import { groupTagCounts, normalizeTag, TagError, tagKey, uniqueTags, type TagCount } from '../paper/tags';
import type { StateMap } from '../messaging/protocol';
import { readSettings, RULES_KEY, SETTINGS_KEY, SettingsSchema, type Settings } from '../settings';
import { RulesSchema, type Rule } from '../rules/model';
import { applyFetchedToRecords } from '../metadata/apply';
import type { FetchedPaper } from '../metadata/fetched';
import type { PapershelfDatabase } from './database';
import { makeCitationKey } from '../bibtex/citation-key';
import { planImport, type ImportPlan, type IncomingPaper } from '../import/plan';
import { keysStartingWith, nextCitationKey } from './citation-keys';
import { savedPapersNewestFirst, tagCounts } from './queries';

/** A change the library refuses, with a message meant for the user; nothing was stored. */
export class RepositoryError extends Error {
  override readonly name = 'RepositoryError';
}

/** A write that would have stored something PaperRecordSchema rejects; nothing was stored. */
export class InvalidPaperError extends Error {
  override readonly name = 'InvalidPaperError';
  constructor(what: string, readonly issues: readonly z.core.$ZodIssue[]) {
    super(`${what}: ${describeIssues(issues)}`);
  }
}

/**
 * The only code that writes the library (DESIGN.md rule 8).
 *
 * Every mutation is one read-write transaction that reads the record, changes it and puts it back,
 * so concurrent requests (several tabs, fast double clicks) queue instead of losing each other's
 * updates. Every record is validated as a whole before `put`; an invalid one throws and the
 * transaction stores nothing. Mutations return the new state of the ids they touched, which the
 * background broadcasts to tabs.
 */
export class PaperRepository {
  constructor(
    private readonly db: PapershelfDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async getStates(ids: readonly string[]): Promise<StateMap> {
    const records = await this.db.papers.bulkGet([...ids]);
    const states: StateMap = {};
    ids.forEach((id, index) => {
      states[id] = stateOrEmpty(records[index]);
    });
    return states;
  }

  async get(id: string): Promise<PaperRecord | undefined> {
    return this.db.papers.get(id);
  }

  async listSaved(): Promise<PaperRecord[]> {
    return savedPapersNewestFirst(this.db);
  }

  /** Every tag in the library with its number of papers, most used first: the editor's suggestions. */
  async tagCounts(): Promise<TagCount[]> {
    return tagCounts(this.db);
  }

  /** Saves the paper (merging what the page says); the first save time is kept on a re-save. */
  async save(paper: PaperInput): Promise<StateMap> {
    return this.change(paper.id, (existing, now) => {
      const merged = mergePaper(existing, paper, now);
      return { ...merged, savedAt: merged.savedAt ?? now };
    });
  }

  /** Keeps the record: the paper may still be hidden or tagged, and its metadata stays known. */
  async unsave(id: string): Promise<StateMap> {
    return this.change(id, (existing, now) => (existing ? { ...omit(existing, 'savedAt'), updatedAt: now } : undefined));
  }

  /**
   * Replaces the paper's tags. A non-empty tag list saves an unsaved paper: tagging is a way of
   * keeping it. Clearing the tags of a paper the library does not know writes nothing.
   *
   * Tags are cleaned by normalizeTag (a bad one is refused with a RepositoryError in the user's
   * words) and keep the spelling first used: a tag the paper has keeps its stored spelling, and a
   * tag new to the paper takes the library's spelling when other papers carry it ("llm" becomes
   * "LLM"). Read and written in one transaction, so the spelling is the library's as it is now.
   */
  async setTags(paper: PaperInput, tags: readonly string[]): Promise<StateMap> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const stored = (await this.db.papers.get(paper.id))?.tags ?? [];
      const cleanTags = await this.librarySpelling(this.cleanTags(tags, stored), stored);
      // `change` joins this transaction (same table, same mode).
      return this.change(paper.id, (existing, now) => {
        if (!existing && cleanTags.length === 0) return undefined;
        const merged = { ...mergePaper(existing, paper, now), tags: cleanTags };
        if (merged.savedAt === undefined && cleanTags.length > 0) merged.savedAt = now;
        return merged;
      });
    });
  }

  /** Hides the paper (merging what the page says); the first hide time is kept. */
  async hide(paper: PaperInput): Promise<StateMap> {
    return this.change(paper.id, (existing, now) => {
      const merged = mergePaper(existing, paper, now);
      return { ...merged, hiddenAt: merged.hiddenAt ?? now };
    });
  }

  async unhide(id: string): Promise<StateMap> {
    return this.change(id, (existing, now) => (existing ? { ...omit(existing, 'hiddenAt'), updatedAt: now } : undefined));
  }

  /**
   * Writes an import in one transaction: planned again against the library as it is inside the
   * transaction (it may have changed since the preview), every record validated, citation keys
   * kept where free and assigned where missing or taken. Any failure stores nothing.
   * `replace` empties the library first, as restoring a backup onto a fresh install would.
   */
  async importPapers(papers: readonly IncomingPaper[], mode: 'merge' | 'replace'): Promise<ImportPlan['counts']> {
    return this.db.transaction('rw', this.db.papers, async () => {
      if (mode === 'replace') await this.db.papers.clear();
      const ids = [...new Set(papers.map((paper) => paper.metadata.id))];
      const stored = await this.db.papers.bulkGet(ids);
      const existing = new Map(stored.flatMap((record) => (record ? [[record.id, record] as const] : [])));
      const planned = planImport(existing, papers, this.now());
      if (!planned.ok) throw new RepositoryError(`Nothing was imported: ${planned.reason}`);
      // A paper new to the library keeps the key its file gave it (when free); a known one keeps its own.
      const fileKeys = new Map<string, string>();
      for (const paper of papers) if (paper.citationKey && !fileKeys.has(paper.metadata.id)) fileKeys.set(paper.metadata.id, paper.citationKey);
      const withFileKeys = planned.plan.records.map((record) => {
        const fileKey = fileKeys.get(record.id);
        return record.citationKey || !fileKey ? record : { ...record, citationKey: fileKey };
      });
      const keyed = await this.withFreeKeys(withFileKeys);
      await this.db.papers.bulkPut(keyed.map(validateRecord));
      return planned.plan.counts;
    });
  }

  /** Keys of incoming records: kept when no other paper holds them, else (or when absent) made anew. */
  private async withFreeKeys(records: PaperRecord[]): Promise<PaperRecord[]> {
    const ids = new Set(records.map((record) => record.id));
    const claimed = new Set<string>();
    const result: PaperRecord[] = [];
    const used = new Set<string>();
    // First the records that bring a key: a key is theirs if nobody else in the library has it.
    for (const record of records) {
      const key = record.citationKey;
      if (!key || claimed.has(key)) continue;
      const holder = await this.db.papers.where('citationKey').equals(key).first();
      if (!holder || holder.id === record.id || ids.has(holder.id)) claimed.add(key);
    }
    for (const record of records) {
      const key = record.citationKey;
      if (key && claimed.has(key) && !used.has(key)) {
        used.add(key);
        result.push(record);
        continue;
      }
      const natural = makeCitationKey(record, new Set());
      const taken = new Set([...claimed, ...(await keysStartingWith(this.db, natural))]);
      const fresh = makeCitationKey(record, taken);
      claimed.add(fresh);
      result.push({ ...record, citationKey: fresh });
    }
    return result;
  }

  /** Replaces the settings (validated). */
  async saveSettings(settings: Settings): Promise<void> {
    const value = SettingsSchema.parse(settings);
    await this.db.settings.put({ key: SETTINGS_KEY, value });
  }

  async getSettings(): Promise<Settings> {
    return readSettings(await this.db.settings.get(SETTINGS_KEY));
  }

  /**
   * Folds what arXiv's or Hugging Face's API said into the library, in one transaction: fields the
   * user edited are kept, better data replaces worse (lib/metadata/apply.ts). Papers deleted
   * meanwhile are skipped. Returns the ids that changed.
   */
  async applyFetched(fetched: readonly FetchedPaper[]): Promise<string[]> {
    if (fetched.length === 0) return [];
    return this.db.transaction('rw', this.db.papers, async () => {
      const ids = [...new Set(fetched.map((paper) => paper.id))];
      const stored = await this.db.papers.bulkGet(ids);
      const byId = new Map(stored.flatMap((record) => (record ? [[record.id, record] as const] : [])));
      const updated = applyFetchedToRecords(byId, fetched, this.now());
      await this.db.papers.bulkPut(updated.map(validateRecord));
      return updated.map((record) => record.id);
    });
  }

  /** Replaces the user's rules as a whole (validated: an invalid rule stores nothing). */
  async saveRules(rules: readonly Rule[]): Promise<void> {
    const parsed = RulesSchema.safeParse(rules);
    if (!parsed.success) throw new RepositoryError(`The rules were not saved: ${describeIssues(parsed.error.issues)}`);
    await this.db.settings.put({ key: RULES_KEY, value: parsed.data });
  }

  /** The user's rules; a stored value this version cannot read yields none rather than failing pages. */
  async getRules(): Promise<Rule[]> {
    const parsed = RulesSchema.safeParse((await this.db.settings.get(RULES_KEY))?.value ?? []);
    return parsed.success ? parsed.data : [];
  }

  /** The user's own key for a paper; refused when another paper has it. */
  async setCitationKey(id: string, key: string): Promise<void> {
    await this.db.transaction('rw', this.db.papers, async () => {
      const holder = await this.db.papers.where('citationKey').equals(key).first();
      if (holder && holder.id !== id) throw new RepositoryError(`The key "${key}" is already used by arXiv:${holder.id}.`);
      const existing = await this.db.papers.get(id);
      if (!existing) throw new RepositoryError(`arXiv:${id} is not in the library.`);
      await this.db.papers.put(validateRecord({ ...existing, citationKey: key, updatedAt: this.now() }));
    });
  }

  /**
   * Read-modify-write of one record in a single transaction. `update` returns the record to store,
   * or undefined to store nothing; the returned map holds the state of `id` afterwards.
   */
  private async change(
    id: string,
    update: (existing: PaperRecord | undefined, now: number) => PaperRecord | undefined,
  ): Promise<StateMap> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const existing = await this.db.papers.get(id);
      const next = update(existing, this.now());
      if (next === undefined) return { [id]: stateOrEmpty(existing) };
      // A paper entering the library gets its citation key once; later changes keep it.
      if (!next.citationKey) next.citationKey = await nextCitationKey(this.db, next);
      const valid = validateRecord(next);
      await this.db.papers.put(valid);
      return { [id]: stateOf(valid) };
    });
  }

  /**
   * normalizeTag on every tag but those stored on the paper exactly as given: a tag from before the
   * current rules (a comma from an older import) must not keep the user from tagging the paper.
   */
  private cleanTags(tags: readonly string[], stored: readonly string[]): string[] {
    const kept = new Set(stored);
    let clean: string[];
    try {
      clean = uniqueTags(tags.map((tag) => (kept.has(tag) ? tag : normalizeTag(tag))));
    } catch (error) {
      if (error instanceof TagError) throw new RepositoryError(error.message);
      throw error;
    }
    if (clean.length > LIMITS.tags) throw new RepositoryError(`A paper can have at most ${LIMITS.tags} tags.`);
    return clean;
  }

  /**
   * Each tag in the spelling first used: the paper's own, else the library's (its most common
   * spelling, as tagCounts names it), else as given.
   *
   * Reads the multi-entry `tags` index, never a record: a key-only `nextunique` cursor lists each
   * distinct spelling once (the cost is the number of distinct tags, not of papers), matched with
   * tagKey exactly as tagCounts groups. Dexie's `anyOfIgnoreCase` would load every record carrying
   * the tag (its filter asks for values) and misses case mappings that change length ("İ").
   */
  private async librarySpelling(tags: string[], stored: readonly string[]): Promise<string[]> {
    const spellings = new Map(stored.map((tag) => [tagKey(tag), tag]));
    const wanted = new Set(tags.map(tagKey).filter((key) => !spellings.has(key)));
    if (wanted.size > 0) {
      const keys = await this.db.papers.orderBy('tags').uniqueKeys();
      const known = keys.filter((key): key is string => typeof key === 'string' && wanted.has(tagKey(key)));
      // Usually one spelling per tag; counts only matter when an older library holds several.
      const counts = known.length > wanted.size ? await Promise.all(known.map((tag) => this.db.papers.where('tags').equals(tag).count())) : [];
      for (const { tag } of groupTagCounts(known.map((tag, index) => ({ tag, count: counts[index] ?? 1 })))) spellings.set(tagKey(tag), tag);
    }
    return tags.map((tag) => spellings.get(tagKey(tag)) ?? tag);
  }
}

/** The stored value is the parsed one, so unknown properties never reach the database. */
function validateRecord(record: PaperRecord): PaperRecord {
  const result = PaperRecordSchema.safeParse(record);
  if (!result.success) throw new InvalidPaperError(`Invalid paper ${JSON.stringify(String(record.id).slice(0, 40))}`, result.error.issues);
  return result.data;
}

/** A fresh object per id: the shared EMPTY_STATE must not leak into maps callers may mutate. */
function stateOrEmpty(record: PaperRecord | undefined): PaperState {
  return record ? stateOf(record) : { saved: false, hidden: false, tags: [] };
}

/** Removes the key rather than setting it to undefined, so the sparse index drops the record. */
function omit<K extends 'savedAt' | 'hiddenAt'>(record: PaperRecord, key: K): Omit<PaperRecord, K> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
