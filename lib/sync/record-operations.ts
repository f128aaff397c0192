import type { PaperRecord } from '../paper/model';
import { tagKey } from '../paper/tags';
import type { Hlc } from './clock';
import type { MergedPaper } from './merge';
import { PAPER_FIELDS, type Operation } from './operation';

/**
 * The bridge between the library's records and sync's operations. The repository writes records
 * in transactions; comparing a record before and after a write gives the operations that write
 * stands for, so every write (a click, an Undo, an import, a bulk edit) is recorded the same way
 * without each of them knowing about sync.
 */
export interface OperationContext {
  /** A new clock for each operation, in order. */
  tick(): Hlc;
  /** What this device has merged from each device, for a tag removal (frontierKeys). */
  seen(): Record<string, string>;
}

const fieldValue = (record: PaperRecord, field: (typeof PAPER_FIELDS)[number]): unknown => (record as Record<string, unknown>)[field] ?? null;

export function operationsForChange(before: PaperRecord | undefined, after: PaperRecord | undefined, context: OperationContext): Operation[] {
  if (!before && !after) return [];
  if (before && !after) return [{ kind: 'delete', paper: before.id, clock: context.tick() }];
  const record = after!;
  const paper = record.id;
  const operations: Operation[] = [];
  if (!before) operations.push({ kind: 'create', paper, clock: context.tick() });
  for (const field of PAPER_FIELDS) {
    const value = fieldValue(record, field);
    const previous = before ? fieldValue(before, field) : null;
    if (JSON.stringify(value) !== JSON.stringify(previous)) operations.push({ kind: 'set', paper, field, value: value as never, clock: context.tick() });
  }
  const had = new Set((before?.tags ?? []).map(tagKey));
  const has = new Set(record.tags.map(tagKey));
  for (const tag of before?.tags ?? []) if (!has.has(tagKey(tag))) operations.push({ kind: 'tagRemove', paper, tag, seen: context.seen(), clock: context.tick() });
  for (const tag of record.tags) if (!had.has(tagKey(tag))) operations.push({ kind: 'tagAdd', paper, tag, clock: context.tick() });
  return operations;
}

/**
 * A merged paper as a library record, for the repository to validate (PaperRecordSchema) and
 * store. `updatedAt` is when the merge wrote it here.
 */
export function recordFromMerged(merged: MergedPaper, updatedAt: number): Record<string, unknown> {
  const record: Record<string, unknown> = { id: merged.id, tags: merged.tags, authors: [], sources: {}, ...merged.fields, updatedAt };
  if (record.createdAt === undefined) record.createdAt = updatedAt;
  return record;
}

/**
 * Settings and rules travel as last-writer-wins documents: each setting on its own (`settings.<name>`,
 * so changing one setting here and another elsewhere keeps both), the rules as one list (`rules`:
 * the list's order and its rules' ids belong together).
 */
export function settingOperations(row: 'settings' | 'rules', before: unknown, after: unknown, context: OperationContext): Operation[] {
  const operations: Operation[] = [];
  if (row === 'rules') {
    if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) operations.push({ kind: 'setting', key: 'rules', value: (after ?? null) as never, clock: context.tick() });
    return operations;
  }
  const old = isObject(before) ? before : {};
  const next = isObject(after) ? after : {};
  for (const name of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort()) {
    if (JSON.stringify(old[name] ?? null) !== JSON.stringify(next[name] ?? null)) operations.push({ kind: 'setting', key: `settings.${name}`, value: (next[name] ?? null) as never, clock: context.tick() });
  }
  return operations;
}

/** The settings object and the rules list the merged settings stand for; undefined where nothing was merged. */
export function settingsFromMerged(merged: Record<string, unknown>): { settings?: Record<string, unknown>; rules?: unknown } {
  const out: { settings?: Record<string, unknown>; rules?: unknown } = {};
  for (const [key, value] of Object.entries(merged)) {
    if (key === 'rules') out.rules = value;
    else if (key.startsWith('settings.')) (out.settings ??= {})[key.slice('settings.'.length)] = value;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
