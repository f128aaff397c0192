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
    const start: PaperRecord = { ...record!, id: '2512.99999', tags: ['to-read', 'LLM'], savedAt: 5, hiddenAt: undefined };
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
