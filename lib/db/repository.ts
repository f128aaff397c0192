import { z } from 'zod';
import { mergePaper } from '../paper/merge';
import { PaperRecordSchema, stateOf, type PaperInput, type PaperRecord, type PaperState } from '../paper/model';
import { normalizeTags } from '../paper/tags';
import type { StateMap } from '../messaging/protocol';
import type { PapershelfDatabase } from './database';
import { savedPapersNewestFirst } from './queries';

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
   */
  async setTags(paper: PaperInput, tags: readonly string[]): Promise<StateMap> {
    const cleanTags = this.cleanTags(tags);
    return this.change(paper.id, (existing, now) => {
      if (!existing && cleanTags.length === 0) return undefined;
      const merged = { ...mergePaper(existing, paper, now), tags: cleanTags };
      if (merged.savedAt === undefined && cleanTags.length > 0) merged.savedAt = now;
      return merged;
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
      const valid = validateRecord(next);
      await this.db.papers.put(valid);
      return { [id]: stateOf(valid) };
    });
  }

  private cleanTags(tags: readonly string[]): string[] {
    try {
      return normalizeTags(tags);
    } catch (error) {
      if (error instanceof z.ZodError) throw new InvalidPaperError('Invalid tags', error.issues);
      throw error;
    }
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
