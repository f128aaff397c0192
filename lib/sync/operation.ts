import { z } from 'zod';
import { hlcKey, type Hlc } from './clock';

/**
 * Every change to the library as an operation: what the local repository applies, what Undo
 * writes, and what sync ships to the other devices. The merge (merge.ts) needs nothing else.
 *
 * - `create` / `delete`: a paper enters or leaves the library. A delete is a tombstone: the paper
 *   stays out until a later `create`, so edits from a device that had not heard of the deletion
 *   do not bring it back (an edit is never a `create`; only a save, import or Undo of a paper the
 *   device does not hold is).
 * - `set`: one field of a paper, last writer wins by clock. `null` clears it.
 * - `tagAdd` / `tagRemove`: an add-wins set. A removal names the adds it has seen, so an add made
 *   elsewhere at the same time survives it.
 * - `setting` and `rule`: last writer wins per key or rule id; a rule's `null` deletes it.
 */
export const PAPER_FIELDS = [
  'saved',
  'hidden',
  'note',
  'citationKey',
  'title',
  'authors',
  'authorCount',
  'abstract',
  'publishedAt',
  'primaryCategory',
  'categories',
  'comments',
  'doi',
  'journalRef',
  'venue',
  'sources',
  'fieldSources',
  'userEdited',
  'upvotes',
] as const;
export type PaperField = (typeof PAPER_FIELDS)[number];

const LIMIT = { id: 200, device: 64, key: 200, tag: 200, seen: 10_000 } as const;

export const HlcSchema = z.object({
  wall: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  counter: z.number().int().nonnegative().max(999_999),
  device: z.string().min(1).max(LIMIT.device).regex(/^[A-Za-z0-9_-]+$/),
});

/** JSON values only: what a field, a setting or a rule can hold once it has travelled as a file. */
const JsonSchema: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]));

const paper = z.string().min(1).max(LIMIT.id);

export const OperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), paper, clock: HlcSchema }),
  z.object({ kind: z.literal('delete'), paper, clock: HlcSchema }),
  z.object({ kind: z.literal('set'), paper, field: z.enum(PAPER_FIELDS), value: JsonSchema, clock: HlcSchema }),
  z.object({ kind: z.literal('tagAdd'), paper, tag: z.string().min(1).max(LIMIT.tag), clock: HlcSchema }),
  z.object({
    kind: z.literal('tagRemove'),
    paper,
    tag: z.string().min(1).max(LIMIT.tag),
    /** The ids (`hlcKey` of their clocks) of the adds of this tag the removing device had seen. */
    seen: z.array(z.string().max(LIMIT.key)).max(LIMIT.seen),
    clock: HlcSchema,
  }),
  z.object({ kind: z.literal('setting'), key: z.string().min(1).max(LIMIT.key), value: JsonSchema, clock: HlcSchema }),
  z.object({ kind: z.literal('rule'), rule: z.string().min(1).max(LIMIT.key), value: JsonSchema, clock: HlcSchema }),
]);
export type Operation = z.infer<typeof OperationSchema>;

/** An operation's id: its clock, unique because no device stamps two operations alike. */
export function operationId(operation: { clock: Hlc }): string {
  return hlcKey(operation.clock);
}
