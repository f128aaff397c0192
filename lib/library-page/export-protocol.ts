import { z } from 'zod';

/**
 * What the library page and its export worker (./export-worker.ts) say to each other. Each side
 * parses what it receives: the worker the papers handed over and one request, the page every
 * message back.
 */
const Count = z.number().int().nonnegative();
const Text = z.string().max(10_000);

/**
 * Export with the user's BibTeX options. `given`: how many papers the page hands over after this
 * request (`papers` messages), in the file's order; without it, every saved paper in the library,
 * or those with `tag`, which the worker reads itself.
 */
export const ExportRequestSchema = z.object({
  type: z.literal('export'),
  given: Count.optional(),
  tag: Text.optional(),
  options: z.object({ journalStyle: z.enum(['eprint', 'arxiv-journal']), ascii: z.boolean() }),
});

/** Papers per `papers` message: each is copied on the page's thread, so each is a short task. */
export const GIVEN_CHUNK = 2_500;

/** Some of the papers to export, as lib/library-page/export-entry.ts makes them (the worker checks each). */
export const ExportPapersSchema = z.object({ type: z.literal('papers'), papers: z.array(z.unknown()).max(GIVEN_CHUNK) });

export const ExportPageMessageSchema = z.discriminatedUnion('type', [ExportPapersSchema, ExportRequestSchema]);

/** `reading` counts saved papers read from the library, `writing` BibTeX entries written. */
export const ExportProgressSchema = z.object({ type: z.literal('progress'), step: z.enum(['reading', 'writing']), done: Count, total: Count });

export const ExportDoneSchema = z.object({
  type: z.literal('done'),
  /** The file, built from the entries as they are (never one 19-million-character string). */
  file: z.instanceof(Blob),
  /** How many papers were exported (those asked for, before duplicates were skipped). */
  papers: Count,
  warnings: Count,
  /** The first warning, in words. */
  firstWarning: Text.optional(),
});

/** `unreadable`: the library could not be opened or read; `failed`: the worker stopped on an error. */
export const ExportFailedSchema = z.object({ type: z.literal('failed'), reason: z.enum(['unreadable', 'failed']) });

export const ExportWorkerMessageSchema = z.discriminatedUnion('type', [ExportProgressSchema, ExportDoneSchema, ExportFailedSchema]);

export type ExportRequest = z.infer<typeof ExportRequestSchema>;
export type ExportPageMessage = z.infer<typeof ExportPageMessageSchema>;
export type ExportProgress = z.infer<typeof ExportProgressSchema>;
export type ExportDone = z.infer<typeof ExportDoneSchema>;
export type ExportWorkerMessage = z.infer<typeof ExportWorkerMessageSchema>;
