import { describe, expect, it } from 'vitest';
import { PaperRecordSchema, type PaperRecord } from '../../../lib/paper/model';
import { HlcClock } from '../../../lib/sync/clock';
import { emptyReplica, frontierKeys, mergedPaper, mergeOperations } from '../../../lib/sync/merge';
import { operationsForChange, recordFromMerged } from '../../../lib/sync/record-operations';
import { syntheticLibrary } from '../../../scripts/bench-library';

/** Records → operations → merge → records: nothing a record holds is lost on the way. */
const withoutUpdated = ({ updatedAt: _, ...rest }: PaperRecord) => rest;

describe('operations for a record change', () => {
  const clock = new HlcClock('laptop', () => 1_764_900_000_000);
  const replica = emptyReplica();
  const context = { tick: () => clock.tick(), seen: () => frontierKeys(replica) };

  it('a new record becomes operations that merge back into the same record', () => {
    for (const record of syntheticLibrary(300, 9)) {
      const full = { ...record, note: 'see §2', citationKey: `key${record.id}`, tags: [...record.tags, 'Ünïcode'] };
      mergeOperations(operationsForChange(undefined, full, context), replica);
      const back = PaperRecordSchema.parse(recordFromMerged(mergedPaper(replica, record.id)!, 1));
      expect(withoutUpdated(back)).toEqual(withoutUpdated(full));
    }
  });

  it('an edit becomes only the changed fields and tags; unsave, untag and delete merge as expected', () => {
    const [record] = syntheticLibrary(1, 3);
    const start: PaperRecord = { ...record!, id: 'arxiv:2512.99999', tags: ['to-read', 'LLM'], savedAt: 5, hiddenAt: undefined };
    mergeOperations(operationsForChange(undefined, start, context), replica);
    const edited: PaperRecord = { ...start, savedAt: undefined, note: 'skim', tags: ['LLM', 'theory'] };
    const operations = operationsForChange(start, edited, context);
    expect(operations.map((operation) => `${operation.kind}${'field' in operation ? `:${operation.field}` : ''}${'tag' in operation ? `:${operation.tag}` : ''}`)).toEqual([
      'set:savedAt',
      'set:note',
      'tagRemove:to-read',
      'tagAdd:theory',
    ]);
    mergeOperations(operations, replica);
    expect(withoutUpdated(PaperRecordSchema.parse(recordFromMerged(mergedPaper(replica, start.id)!, 1)))).toEqual(withoutUpdated({ ...edited, tags: ['LLM', 'theory'] }));
    expect(operationsForChange(edited, { ...edited, tags: ['llm', 'theory'] }, context)).toEqual([]);
    mergeOperations(operationsForChange(edited, undefined, context), replica);
    expect(mergedPaper(replica, start.id)).toBeUndefined();
  });
});

describe('settings and rules as operations', () => {
  it('any sequence of settings and rules edits merges back to the last ones, whatever order the operations arrive in', async () => {
    const { default: fc } = await import('fast-check');
    const { settingOperations, settingsFromMerged } = await import('../../../lib/sync/record-operations');
    const { mergedLibrary } = await import('../../../lib/sync/merge');
    const settingsArb = fc.record({ bibtexAscii: fc.boolean(), keyboardShortcuts: fc.boolean(), bibtexJournalStyle: fc.constantFrom('eprint', 'arxiv-journal') });
    const rulesArb = fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), pattern: fc.string({ maxLength: 6 }) }), { maxLength: 3 });
    fc.assert(
      fc.property(fc.array(fc.oneof(settingsArb.map((value) => ({ row: 'settings' as const, value })), rulesArb.map((value) => ({ row: 'rules' as const, value }))), { minLength: 1, maxLength: 12 }), fc.nat(), (edits, seed) => {
        let wall = 1_764_900_000_000;
        const clock = new HlcClock('desk', () => (wall += 1));
        const context = { tick: () => clock.tick(), seen: () => ({}) };
        const current: { settings?: unknown; rules?: unknown } = {};
        const operations = edits.flatMap((edit) => {
          const ops = settingOperations(edit.row, current[edit.row], edit.value, context);
          current[edit.row] = edit.value;
          return ops;
        });
        const shuffled = [...operations].sort((a, b) => ((a.clock.counter * 31 + seed) % 7) - ((b.clock.counter * 31 + seed) % 7) || 0);
        const merged = settingsFromMerged(mergedLibrary(mergeOperations([...shuffled, ...shuffled.slice(0, 2)])).settings);
        if (current.settings !== undefined) expect(merged.settings).toEqual(current.settings);
        if (current.rules !== undefined) expect(merged.rules).toEqual(current.rules);
      }),
    );
  });
});
