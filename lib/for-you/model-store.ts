import { z } from 'zod';
import type { PapershelfDatabase } from '../db/database';
import type { RankingModel } from '../ranking';
import { judgedVectorsFit } from '../ranking/neighbours';

/**
 * Where "For you" keeps what it learned: two rows of the settings table (no schema change). The
 * model is derived data: when its row is missing or unreadable it is rebuilt from the library.
 */
export const RANKING_MODEL_KEY = 'rankingModel';
/** The reader's choices: the page order last chosen, and when the model was last reset. */
export const RANKING_STATE_KEY = 'ranking';

export const RankingStateSchema = z.object({
  forYouOrder: z.boolean().catch(false).default(false),
  /** The reader closed the hint that says how many more saves and hides are needed. */
  hintDismissed: z.boolean().catch(false).default(false),
  /** Saves and hides at or before this time (ms) no longer teach the model. */
  resetAt: z.number().nonnegative().catch(0).default(0),
});
export type RankingState = z.infer<typeof RankingStateSchema>;

const StoredModelSchema = z.object({
  /** Which saves and hides it was trained on (see `labelSignature`). */
  signature: z.string(),
  model: z.object({
    // A model of an older format is not read: it is rebuilt from the library.
    format: z.literal(2),
    terms: z.array(z.string()),
    idf: z.array(z.number()),
    weights: z.array(z.number()),
    bias: z.number(),
    titleWeight: z.number(),
    saved: z.number(),
    hidden: z.number(),
    likes: z.array(z.object({ title: z.string(), features: z.array(z.number().int().nonnegative()) })),
    // Typed arrays, stored as IndexedDB stores them: a few megabytes of rows for 5,000 judged papers.
    near: z.object({
      judged: z.object({ labels: z.instanceof(Int8Array), offsets: z.instanceof(Int32Array), features: z.instanceof(Int32Array), values: z.instanceof(Float32Array) }),
      weight: z.number(),
      centre: z.number(),
      maxHolders: z.number().int().nonnegative(),
    }),
  }),
});
export interface StoredModel {
  signature: string;
  model: RankingModel;
}

export async function readRankingState(db: PapershelfDatabase): Promise<RankingState> {
  const parsed = RankingStateSchema.safeParse((await db.settings.get(RANKING_STATE_KEY))?.value ?? {});
  return parsed.success ? parsed.data : RankingStateSchema.parse({});
}

export async function writeRankingState(db: PapershelfDatabase, state: RankingState): Promise<void> {
  await db.settings.put({ key: RANKING_STATE_KEY, value: RankingStateSchema.parse(state) });
}

/** The stored model, or undefined when there is none or it cannot be read (then it is rebuilt). */
export async function readModel(db: PapershelfDatabase): Promise<StoredModel | undefined> {
  const parsed = StoredModelSchema.safeParse((await db.settings.get(RANKING_MODEL_KEY))?.value);
  if (!parsed.success) return undefined;
  const { model } = parsed.data;
  const n = model.terms.length;
  if (model.idf.length !== n || model.weights.length !== n || model.likes.some((like) => like.features.some((f) => f >= n))) return undefined;
  if (!judgedVectorsFit(model.near.judged, n)) return undefined;
  return { signature: parsed.data.signature, model: model as RankingModel };
}

export async function writeModel(db: PapershelfDatabase, stored: StoredModel | undefined): Promise<void> {
  if (stored) await db.settings.put({ key: RANKING_MODEL_KEY, value: stored });
  else await db.settings.delete(RANKING_MODEL_KEY);
}
