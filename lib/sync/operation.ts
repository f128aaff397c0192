import { z } from 'zod';
import { hlcKey, type Hlc } from './clock';
import { readPaperId } from '../paper/paper-id';

/**
 * Every change to the library as an operation: what the local repository applies, what Undo
 * writes, and what sync ships to the other devices. The merge (merge.ts) needs nothing else.
 *
 * - `create` / `delete`: a paper enters or leaves the library. A delete is a tombstone: the paper
 *   stays out until a later `create`, so edits from a device that had not heard of the deletion
 *   do not bring it back (an edit is never a `create`; only a save, import or Undo of a paper the
 *   device does not hold is).
 * - `set`: one field of a paper, last writer wins by clock. `null` clears it.
 * - `tagAdd` / `tagRemove`: an add-wins set. A removal says how far it had merged each device's
 *   operations (a version vector): it removes the adds it could have seen, and an add made
 *   elsewhere that it had not heard of survives it.
 * - `setting` and `rule`: last writer wins per key or rule id; a rule's `null` deletes it.
 */
export const PAPER_FIELDS = [
  'savedAt',
  'hiddenAt',
  'createdAt',
  'note',
  'citationKey',
  'title',
  'authors',
  'authorCount',
  'abstract',
  'publishedAt',
  'primaryCategory',
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

const LIMIT = { id: 200, device: 64, key: 200, tag: 200, devices: 1_000 } as const;

export const HlcSchema = z.object({
  wall: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  counter: z.number().int().nonnegative().max(999_999),
  device: z.string().min(1).max(LIMIT.device).regex(/^[A-Za-z0-9_-]+$/),
});

/** JSON values only: what a field, a setting or a rule can hold once it has travelled as a file. */
const JsonSchema: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]));

/**
 * The paper an operation changes, by PaperId. A device on a version before PaperIds (database
 * schema v7) writes bare arXiv ids: read as the same papers. An id this version cannot read (a
 * kind added later) is kept as written, so such a paper's operations still merge among themselves.
 */
const paper = z
  .string()
  .min(1)
  .max(LIMIT.id)
  .transform((raw) => readPaperId(raw) ?? raw);

export const OperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), paper, clock: HlcSchema }),
  z.object({ kind: z.literal('delete'), paper, clock: HlcSchema }),
  z.object({ kind: z.literal('set'), paper, field: z.enum(PAPER_FIELDS), value: JsonSchema, clock: HlcSchema }),
  z.object({ kind: z.literal('tagAdd'), paper, tag: z.string().min(1).max(LIMIT.tag), clock: HlcSchema }),
  z.object({
    kind: z.literal('tagRemove'),
    paper,
    tag: z.string().min(1).max(LIMIT.tag),
    /** For each device, the latest of its clocks (`hlcKey`) the removing device had merged. */
    seen: z.record(z.string().max(LIMIT.device), z.string().max(LIMIT.key)).refine((seen) => Object.keys(seen).length <= LIMIT.devices),
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
