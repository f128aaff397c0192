import { Dexie } from 'dexie';
import { z } from 'zod';
import { mergePaper } from '../paper/merge';
import { LIMITS, PaperRecordSchema, stateOf, type LibraryInput, type PaperRecord, type StateMap } from '../paper/model';
import { groupTagCounts, normalizeTag, TagError, tagKey, tidyTag, uniqueTags, type TagCount } from '../paper/tags';
import { readSettings, RULES_KEY, SETTINGS_KEY, SettingsSchema, type Settings } from '../settings';
import { RulesSchema, StoredRulesSchema, type Rule } from '../rules/model';
import { applyFetchedToRecords } from '../metadata/apply';
import type { FetchedPaper } from '../metadata/fetched';
import type { PapershelfDatabase } from './database';
import { makeCitationKey } from '../bibtex/citation-key';
import { planImport, type ImportPlan, type IncomingPaper } from '../import/plan';
import { keysStartingWith, nextCitationKey } from './citation-keys';
import { savedPapersNewestFirst, tagCounts, tagSpellings } from './queries';
import type { TrackedField } from '../paper/model';
import { paperIdInWords } from '../paper/paper-id';
import { createBackup } from '../import/backup-schema';
import { compressAutoBackup, pruneAutoBackups } from './auto-backups';
import { isCalendarDate } from '../paper/dates';
import { InWordsError, issuesInWords } from '../text/problem-words';
import { t } from '../i18n/t';
import { trimHideLeavingWindow } from './hidden-trim';
import { markAsMerge } from './operation-log';
import { readHeld } from './state-reads-db';

/** A change the library refuses, with a message meant for the user; nothing was stored. */
export class RepositoryError extends InWordsError {
  override readonly name = 'RepositoryError';
}

/** A write that would have stored something PaperRecordSchema rejects; nothing was stored. */
export class InvalidPaperError extends Error {
  override readonly name = 'InvalidPaperError';
  constructor(what: string, readonly issues: readonly z.core.$ZodIssue[]) {
    super(`${what}: ${issuesInWords(issues)}`);
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

  /** The state of every id; ids the library does not hold come back empty. */
  async getStates(ids: readonly string[]): Promise<StateMap> {
    const held = await readHeld(this.db, ids);
    const states: StateMap = {};
    for (const id of ids) states[id] = stateOf(held.get(id));
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
  async save(paper: LibraryInput): Promise<StateMap> {
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
  async setTags(paper: LibraryInput, tags: readonly string[], base?: readonly string[]): Promise<StateMap> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const stored = (await this.db.papers.get(paper.id))?.tags ?? [];
      // Another tab may have changed the tags since this one showed `base`: apply this edit to
      // what is stored now instead of overwriting it (ten tabs adding a tag each keep all ten).
      const edited = base === undefined ? tags : rebaseTags(tags, base, stored);
      const cleanTags = await this.librarySpelling(this.cleanTags(edited, stored), stored);
      // `change` joins this transaction (same table, same mode).
      return this.change(paper.id, (existing, now) => {
        if (!existing && cleanTags.length === 0) return undefined;
        const merged = { ...mergePaper(existing, paper, now), tags: cleanTags };
        if (merged.savedAt === undefined && cleanTags.length > 0) merged.savedAt = now;
        return merged;
      });
    });
  }

  /**
   * Hides the paper (merging what the page says); the first hide time is kept. Then the hide this
   * one pushed out of the For-you ranker's window is trimmed (lib/db/hidden-trim.ts) in a
   * transaction of its own that sync does not record: trimming is how this device stores an old
   * hide, not a change of the paper for other devices to copy.
   */
  async hide(paper: LibraryInput): Promise<StateMap> {
    const states = await this.change(paper.id, (existing, now) => {
      const merged = mergePaper(existing, paper, now);
      return { ...merged, hiddenAt: merged.hiddenAt ?? now };
    });
    await this.db.transaction('rw', this.db.papers, async () => {
      markAsMerge(Dexie.currentTransaction.idbtrans);
      await trimHideLeavingWindow(this.db);
    });
    return states;
  }

  async unhide(id: string): Promise<StateMap> {
    return this.change(id, (existing, now) => (existing ? { ...omit(existing, 'hiddenAt'), updatedAt: now } : undefined));
  }

  /**
   * Writes an import in one transaction: planned again against the library as it is inside the
   * transaction (it may have changed since the preview), every record validated, citation keys
   * kept where free and assigned where missing or taken. Any failure stores nothing. An import
   * only adds; replacing the library is `replaceLibrary`, which keeps a copy of what it replaces.
   */
  async importPapers(papers: readonly IncomingPaper[], _mode: 'merge' = 'merge'): Promise<ImportPlan['counts']> {
    return this.db.transaction('rw', this.db.papers, async () => this.writeImport(papers));
  }

  /**
   * Restores a backup with Replace: the library becomes the backup's papers, and its settings and
   * rules when given, in ONE transaction that first stores the library it replaces as an
   * automatic backup (lib/db/auto-backups.ts). Any failure, at any step, leaves everything as it
   * was, the automatic backups included; backups older than a week beyond the newest few are
   * pruned in the same transaction.
   */
  async replaceLibrary(restore: LibraryRestore): Promise<ReplaceResult> {
    // Checked before anything is read or written: a refusal costs no transaction.
    const settings = restore.settings === undefined ? undefined : SettingsSchema.parse(restore.settings);
    let rules: Rule[] | undefined;
    if (restore.rules !== undefined) {
      const parsed = RulesSchema.safeParse(restore.rules);
      if (!parsed.success) throw new RepositoryError(t('dbRulesInBackupInvalid', issuesInWords(parsed.error.issues)));
      rules = parsed.data;
    }
    const tables = [this.db.papers, this.db.settings, this.db.backups, this.db.backupFiles];
    const result = await this.db.transaction('rw', tables, async (): Promise<ReplaceResult> => {
      const now = this.now();
      const backupId = await this.keepReplacedLibrary(now);
      await this.db.papers.clear();
      const counts = await this.writeImport(restore.papers);
      if (settings) await this.db.settings.put({ key: SETTINGS_KEY, value: settings });
      if (rules) await this.db.settings.put({ key: RULES_KEY, value: rules });
      await pruneAutoBackups(this.db, now);
      return { counts, backupId };
    });
    // Best effort, after the commit: the JSON kept stays readable if compressing fails.
    await compressAutoBackup(this.db, result.backupId).catch(() => undefined);
    return result;
  }

  /** Stores the library as it is (papers, settings, rules) as an automatic backup. Inside replaceLibrary's transaction. */
  private async keepReplacedLibrary(now: number): Promise<number> {
    const [papers, settingsRow, rulesRow] = await Promise.all([
      this.db.papers.toArray(),
      this.db.settings.get(SETTINGS_KEY),
      this.db.settings.get(RULES_KEY),
    ]);
    // The rules as stored, even ones this version cannot read: the copy must not lose them.
    const rules = Array.isArray(rulesRow?.value) ? (rulesRow.value as unknown[]) : [];
    const text = JSON.stringify(createBackup(papers, now, { settings: readSettings(settingsRow), rules }));
    const id = await this.db.backups.add({ takenAt: now, reason: 'replace', papers: papers.length, rules: rules.length, bytes: utf8Length(text) });
    await this.db.backupFiles.put({ id, text });
    return id;
  }

  /** The body of an import, inside a read-write transaction over `papers`. */
  private async writeImport(papers: readonly IncomingPaper[]): Promise<ImportPlan['counts']> {
    const ids = [...new Set(papers.map((paper) => paper.metadata.id))];
    const stored = await this.db.papers.bulkGet(ids);
    const existing = new Map(stored.flatMap((record) => (record ? [[record.id, record] as const] : [])));
    const planned = planImport(existing, papers, this.now());
    if (!planned.ok) throw new RepositoryError(t('dbNothingImported', planned.reason));
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
  }

  /** Keys of incoming records: kept when no other paper holds them, else (or when absent) made anew. */
  private async withFreeKeys(records: PaperRecord[]): Promise<PaperRecord[]> {
    const ids = new Set(records.map((record) => record.id));
    const claimed = new Set<string>();
    const result: PaperRecord[] = [];
    const used = new Set<string>();
    // First the records that bring a key: a key is theirs if nobody else in the library has it.
    // The holders of all their keys in one read (one query per key cost ~1 ms each: a restore of
    // 2,000 papers spent seconds here).
    const brought = [...new Set(records.flatMap((record) => (record.citationKey ? [record.citationKey] : [])))];
    const holders = new Map<string, string>();
    if (brought.length > 0) for (const holder of await this.db.papers.where('citationKey').anyOf(brought).toArray()) holders.set(holder.citationKey!, holder.id);
    for (const record of records) {
      const key = record.citationKey;
      if (!key || claimed.has(key)) continue;
      const holder = holders.get(key);
      if (holder === undefined || holder === record.id || ids.has(holder)) claimed.add(key);
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
    if (!parsed.success) throw new RepositoryError(t('dbRulesNotSaved', issuesInWords(parsed.error.issues)));
    await this.db.settings.put({ key: RULES_KEY, value: parsed.data });
  }

  /** The user's rules; a stored value this version cannot read yields none rather than failing pages. */
  async getRules(): Promise<Rule[]> {
    const parsed = StoredRulesSchema.safeParse((await this.db.settings.get(RULES_KEY))?.value ?? []);
    return parsed.success ? parsed.data : [];
  }

  /** The user's own key for a paper; refused when another paper has it. */
  async setCitationKey(id: string, key: string): Promise<void> {
    await this.db.transaction('rw', this.db.papers, async () => {
      const holder = await this.db.papers.where('citationKey').equals(key).first();
      if (holder && holder.id !== id) throw new RepositoryError(t('dbKeyAlreadyUsed', key, paperIdInWords(holder.id)));
      const existing = await this.db.papers.get(id);
      if (!existing) throw new RepositoryError(t('dbPaperNotInLibrary', paperIdInWords(id)));
      await this.db.papers.put(validateRecord({ ...existing, citationKey: key, updatedAt: this.now() }));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Library edits from extension pages (popup, library page). Each is one read-write transaction
  // that validates every record before storing it; ids the library does not hold are skipped.

  /**
   * Replaces the tags of a paper in the library, exactly as `setTags` does from a card: the same
   * cleaning and refusals, the same spelling rules, and a paper that gets tags is saved.
   */
  async setTagsOf(id: string, tags: readonly string[]): Promise<LibraryEdit> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const existing = await this.requireRecord(id);
      const clean = await this.librarySpelling(this.cleanTags(tags, existing.tags), existing.tags);
      return this.storeEdits([existing], (record, now) => withTags(record, clean, now, clean.length > 0));
    });
  }

  /** The user's note on a paper; a blank note removes it. */
  async setNote(id: string, note: string): Promise<LibraryEdit> {
    if (note.length > LIMITS.note) throw new RepositoryError(t('dbNoteTooLong', LIMITS.note.toLocaleString('en')));
    const text = note.trim() === '' ? undefined : note;
    return this.db.transaction('rw', this.db.papers, async () => {
      const existing = await this.requireRecord(id);
      return this.storeEdits([existing], (record, now) => {
        if (record.note === text) return undefined;
        return text === undefined ? { ...omit(record, 'note'), updatedAt: now } : { ...record, note: text, updatedAt: now };
      });
    });
  }

  /**
   * Adds and removes tags on many papers. Removal matches ignoring case; added tags are cleaned as
   * on a card and take the library's spelling, or the paper's own when it has the tag already. A
   * paper that gains a tag is saved, as tagging a card saves it.
   */
  async bulkTags(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<LibraryEdit> {
    const removed = new Set(remove.map((tag) => tagKey(tidyTag(tag))));
    const added = this.cleanTags(add, []);
    const both = added.find((tag) => removed.has(tagKey(tag)));
    if (both !== undefined) throw new RepositoryError(t('dbTagAddedAndRemoved', both));
    return this.db.transaction('rw', this.db.papers, async () => {
      const spelled = await this.librarySpelling(added, []);
      const records = await this.present(ids);
      return this.storeEdits(records, (record, now) => {
        const kept = record.tags.filter((tag) => !removed.has(tagKey(tag)));
        const tags = uniqueTags([...kept, ...spelled]);
        if (tags.length > LIMITS.tags) throw new RepositoryError(t('dbPaperWouldHaveTooManyTags', paperIdInWords(record.id), tags.length, LIMITS.tags));
        return withTags(record, tags, now, tags.length > kept.length);
      });
    });
  }

  /**
   * Renames a tag on every paper that has it, whatever its case. When `to` is already a tag of the
   * library (another one), the two merge under the library's spelling of `to`; a paper that had
   * both keeps one. Renaming within the same tag ("llm" to "LLM") respells it everywhere. The
   * papers are found through the multi-entry `tags` index, never by reading the whole library.
   */
  async renameTag(from: string, to: string): Promise<LibraryEdit> {
    const fromKey = tagKey(tidyTag(from));
    const [target] = this.cleanTags([to], []);
    if (target === undefined) throw new RepositoryError(t('tagEmpty'));
    return this.db.transaction('rw', this.db.papers, async () => {
      const records = await this.taggedWith(fromKey);
      if (records.length === 0) return { states: {}, previous: [] };
      const [spelled = target] = tagKey(target) === fromKey ? [target] : await this.librarySpelling([target], []);
      return this.storeEdits(records, (record, now) =>
        withTags(record, uniqueTags(record.tags.map((tag) => (tagKey(tag) === fromKey ? spelled : tag))), now, false),
      );
    });
  }

  /** Removes a tag, whatever its case, from every paper that has it. */
  async deleteTag(tag: string): Promise<LibraryEdit> {
    const key = tagKey(tidyTag(tag));
    return this.db.transaction('rw', this.db.papers, async () => {
      const records = await this.taggedWith(key);
      return this.storeEdits(records, (record, now) => withTags(record, record.tags.filter((t) => tagKey(t) !== key), now, false));
    });
  }

  /** Unsaves papers; each record stays (it may be hidden or tagged), as unsaving a card leaves it. */
  async unsaveMany(ids: readonly string[]): Promise<LibraryEdit> {
    return this.db.transaction('rw', this.db.papers, async () =>
      this.storeEdits(await this.present(ids), (record, now) => (record.savedAt === undefined ? undefined : { ...omit(record, 'savedAt'), updatedAt: now })),
    );
  }

  /** Unhides papers; each record stays, as showing a hidden card leaves it. */
  async unhideMany(ids: readonly string[]): Promise<LibraryEdit> {
    return this.db.transaction('rw', this.db.papers, async () =>
      this.storeEdits(await this.present(ids), (record, now) => (record.hiddenAt === undefined ? undefined : { ...omit(record, 'hiddenAt'), updatedAt: now })),
    );
  }

  /** Forgets papers entirely. `previous` holds the removed records, which `restorePapers` puts back. */
  async deletePapers(ids: readonly string[]): Promise<LibraryEdit> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const records = await this.present(ids);
      checkUndoFits(records);
      // Explicit keys, not a key range: tabs and open pages learn exactly which papers went.
      await this.db.papers.bulkDelete(records.map((record) => record.id));
      const states: StateMap = {};
      for (const record of records) states[record.id] = stateOf(undefined);
      return { states, previous: records };
    });
  }

  /**
   * Undo of a delete (or of any edit, with its `previous` records): puts the records back exactly
   * as given, over whatever the library holds for those ids now. A citation key that another paper
   * took meanwhile is replaced by a fresh one; every other key is kept. `previous` holds what was
   * overwritten (left empty when `options.previous` is false).
   */
  async restorePapers(papers: readonly PaperRecord[], options: { previous?: boolean } = {}): Promise<LibraryEdit> {
    const ids = new Set<string>();
    for (const paper of papers) {
      if (ids.has(paper.id)) throw new RepositoryError(t('dbPaperListedTwice', paperIdInWords(paper.id)));
      ids.add(paper.id);
    }
    const valid = papers.map(validateRecord);
    return this.db.transaction('rw', this.db.papers, async () => {
      // A backup's restore has no Undo: reading what it overwrites cost a read of every record.
      const overwritten = options.previous === false ? [] : await this.present([...ids]);
      // Only a record given a fresh key is new to validation (a restore's chunk is 2,000 records).
      const keyed = (await this.withFreeKeys(valid)).map((record, index) => (record === valid[index] ? record : validateRecord(record)));
      await this.db.papers.bulkPut(keyed);
      const states: StateMap = {};
      for (const record of keyed) states[record.id] = stateOf(record);
      return { states, previous: overwritten };
    });
  }

  /**
   * The user's own correction of a paper's title, authors or publication date (`ui:editMetadata`).
   * Each field whose value changes becomes the user's: `fieldSources[field] = 'user'` and the field
   * is listed in `userEdited`, so neither enrichment (applyFetched's isProtected) nor a later page
   * visit or import (mergePaper's pageMayReplace) ever overwrites it. A field sent with the value it
   * has already is left alone and unmarked: confirming a value is not taking it over. `previous`
   * holds the paper as it was, for Undo.
   */
  async editMetadata(id: string, edit: MetadataEdit): Promise<LibraryEdit> {
    const clean = cleanMetadataEdit(edit);
    return this.db.transaction('rw', this.db.papers, async () => {
      const existing = await this.requireRecord(id);
      const { previous } = await this.storeEdits([existing], (record, now) => withMetadata(record, clean, now));
      // Saved, hidden and tags are unchanged: nothing for the listing tabs.
      return { states: {}, previous };
    });
  }

  /** The record, or a RepositoryError in words. Inside a transaction. */
  private async requireRecord(id: string): Promise<PaperRecord> {
    const record = await this.db.papers.get(id);
    if (!record) throw new RepositoryError(t('dbPaperNotInLibrary', paperIdInWords(id)));
    return record;
  }

  /** The records of these ids that the library holds, each once, in the order asked. */
  private async present(ids: readonly string[]): Promise<PaperRecord[]> {
    const records = await this.db.papers.bulkGet([...new Set(ids)]);
    return records.filter((record): record is PaperRecord => record !== undefined);
  }

  /** Every paper carrying a tag whose key is `key`, in any spelling, through the `tags` index. */
  private async taggedWith(key: string): Promise<PaperRecord[]> {
    const spellings = (await tagSpellings(this.db)).filter((tag) => tagKey(tag) === key);
    if (spellings.length === 0) return [];
    // A paper holding two spellings of the tag is one record.
    return this.db.papers.where('tags').anyOf(spellings).distinct().toArray();
  }

  /**
   * Applies `change` to each record and stores, in one bulkPut, those it changed (it returns
   * undefined to leave a record alone). Every record is validated and the Undo must fit in a
   * message before anything is written. Runs inside the caller's read-write transaction.
   */
  private async storeEdits(records: readonly PaperRecord[], change: (record: PaperRecord, now: number) => PaperRecord | undefined): Promise<LibraryEdit> {
    const now = this.now();
    const states: StateMap = {};
    const previous: PaperRecord[] = [];
    const next: PaperRecord[] = [];
    for (const record of records) {
      const changed = change(record, now);
      if (changed === undefined) continue;
      const valid = validateRecord(changed);
      previous.push(record);
      next.push(valid);
      states[valid.id] = stateOf(valid);
    }
    checkUndoFits(previous);
    if (next.length > 0) await this.db.papers.bulkPut(next);
    return { states, previous };
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
      if (next === undefined) return { [id]: stateOf(existing) };
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
    if (clean.length > LIMITS.tags) throw new RepositoryError(t('dbTooManyTags', LIMITS.tags));
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
      const known = (await tagSpellings(this.db)).filter((key) => wanted.has(tagKey(key)));
      // Usually one spelling per tag; counts only matter when an older library holds several.
      const counts = known.length > wanted.size ? await Promise.all(known.map((tag) => this.db.papers.where('tags').equals(tag).count())) : [];
      for (const { tag } of groupTagCounts(known.map((tag, index) => ({ tag, count: counts[index] ?? 1 })))) spellings.set(tagKey(tag), tag);
    }
    return tags.map((tag) => spellings.get(tagKey(tag)) ?? tag);
  }
}

/** What `replaceLibrary` writes: the backup's papers, and its settings and rules when it restores them. */
export interface LibraryRestore {
  papers: readonly IncomingPaper[];
  settings?: Settings | undefined;
  rules?: readonly Rule[] | undefined;
}

/** What `replaceLibrary` did: the import's counts, and the automatic backup of what it replaced. */
export interface ReplaceResult {
  counts: ImportPlan['counts'];
  backupId: number;
}

/**
 * What a library edit did: the new state of each paper it changed (the background tells listing
 * tabs) and those papers as they were before (Undo hands them to `restorePapers`). A paper the
 * edit left as it was is in neither.
 */
export interface LibraryEdit {
  states: StateMap;
  previous: PaperRecord[];
}

/**
 * Undo travels in messages: the records an edit answers with, and the restore request that sends
 * them back. Chromium refuses an extension message over 64 MiB, so an edit whose Undo would not fit
 * (about 30,000 papers with abstracts) is refused before it writes anything, rather than done with
 * an answer that never arrives.
 */
export const MAX_UNDO_BYTES = 48 * 2 ** 20;

function checkUndoFits(records: readonly PaperRecord[]): void {
  let bytes = 0;
  for (const record of records) {
    bytes += utf8Length(JSON.stringify(record));
    if (bytes > MAX_UNDO_BYTES) {
      throw new RepositoryError(t('dbTooManyForUndo', records.length.toLocaleString('en'), MAX_UNDO_BYTES / 2 ** 20));
    }
  }
}

const NON_ASCII = /[^\u0000-\u007f]/;
const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return NON_ASCII.test(text) ? encoder.encode(text).length : text.length;
}

/**
 * The record with these tags, or undefined when it has exactly these already. `saves`: the paper
 * is saved if it was not (tagging keeps a paper, as on a card).
 */
function withTags(record: PaperRecord, tags: string[], now: number, saves: boolean): PaperRecord | undefined {
  if (tags.length === record.tags.length && tags.every((tag, index) => tag === record.tags[index])) return undefined;
  const next = { ...record, tags, updatedAt: now };
  if (saves && next.savedAt === undefined) next.savedAt = now;
  return next;
}

/**
 * The edit from `base` to `tags` (tags removed, tags added, compared ignoring case) applied to
 * `stored`. When nothing changed in between (`stored` is `base`), that is `tags` itself.
 */
export function rebaseTags(tags: readonly string[], base: readonly string[], stored: readonly string[]): string[] {
  const key = (tag: string) => tagKey(tidyTag(tag));
  const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, index) => key(tag) === key(b[index]!));
  if (sameKeys(base, stored)) return [...tags];
  const before = new Set(base.map(key));
  const after = new Set(tags.map(key));
  const kept = stored.filter((tag) => before.has(key(tag)) === false || after.has(key(tag)));
  const present = new Set(kept.map(key));
  return [...kept, ...tags.filter((tag) => !before.has(key(tag)) && !present.has(key(tag)))];
}

/** The stored value is the parsed one, so unknown properties never reach the database. */
function validateRecord(record: PaperRecord): PaperRecord {
  const result = PaperRecordSchema.safeParse(record);
  if (!result.success) throw new InvalidPaperError(`Invalid paper ${JSON.stringify(String(record.id).slice(0, 40))}`, result.error.issues);
  return result.data;
}

/** Removes the key rather than setting it to undefined, so the sparse index drops the record. */
function omit<K extends 'savedAt' | 'hiddenAt' | 'note'>(record: PaperRecord, key: K): Omit<PaperRecord, K> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}


/** What `editMetadata` may change; a field left out stays as it is. */
export interface MetadataEdit {
  title?: string | undefined;
  /** The whole list, in order. */
  authors?: readonly string[] | undefined;
  /** `YYYY-MM-DD`. */
  publishedAt?: string | undefined;
}

/** A MetadataEdit checked and tidied (cleanMetadataEdit). */
interface CleanMetadataEdit {
  title?: string;
  authors?: string[];
  publishedAt?: string;
}

const WHITESPACE_RUNS = /\s+/g;

/** The edit with whitespace tidied, or a RepositoryError that says in words what is wrong. */
function cleanMetadataEdit(edit: MetadataEdit): CleanMetadataEdit {
  const clean: CleanMetadataEdit = {};
  if (edit.title !== undefined) {
    const title = edit.title.replace(WHITESPACE_RUNS, ' ').trim();
    if (title === '') throw new RepositoryError(t('titleCannotBeEmpty'));
    if (title.length > LIMITS.title) throw new RepositoryError(t('dbTitleTooLong', LIMITS.title.toLocaleString('en')));
    clean.title = title;
  }
  if (edit.authors !== undefined) {
    const authors = edit.authors.map((name) => name.replace(WHITESPACE_RUNS, ' ').trim()).filter((name) => name !== '');
    if (authors.length === 0) throw new RepositoryError(t('dbNoAuthors'));
    if (authors.length > LIMITS.authors) throw new RepositoryError(t('dbTooManyAuthors', LIMITS.authors.toLocaleString('en')));
    const long = authors.find((name) => name.length > LIMITS.author);
    if (long !== undefined) throw new RepositoryError(t('dbAuthorNameTooLong', LIMITS.author, long.slice(0, 40), long.length));
    clean.authors = authors;
  }
  if (edit.publishedAt !== undefined) {
    const date = edit.publishedAt.trim();
    if (!isCalendarDate(date)) throw new RepositoryError(t('dbNotADate', date.slice(0, 40)));
    clean.publishedAt = date;
  }
  if (clean.title === undefined && clean.authors === undefined && clean.publishedAt === undefined) {
    throw new RepositoryError(t('dbNothingToChange'));
  }
  return clean;
}

/** The record with the edit's changed fields, marked as the user's; undefined when nothing changes. */
function withMetadata(record: PaperRecord, edit: CleanMetadataEdit, now: number): PaperRecord | undefined {
  const next: PaperRecord = { ...record };
  const changed: TrackedField[] = [];
  if (edit.title !== undefined && edit.title !== record.title) {
    next.title = edit.title;
    changed.push('title');
  }
  if (edit.authors !== undefined && !(edit.authors.length === record.authors.length && edit.authors.every((name, index) => name === record.authors[index]))) {
    next.authors = edit.authors;
    // The user's list is the whole list: a card's "N authors" no longer says anything.
    delete next.authorCount;
    changed.push('authors');
  }
  if (edit.publishedAt !== undefined && edit.publishedAt !== record.publishedAt) {
    next.publishedAt = edit.publishedAt;
    changed.push('publishedAt');
  }
  if (changed.length === 0) return undefined;
  const sources = { ...record.fieldSources };
  for (const field of changed) sources[field] = 'user';
  next.fieldSources = sources;
  next.userEdited = [...new Set([...(record.userEdited ?? []), ...changed])];
  next.updatedAt = now;
  return next;
}
