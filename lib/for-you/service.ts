import type { PapershelfDatabase } from '../db/database';
import type { PaperRepository } from '../db/repository';
import { forYouRequestKind, ForYouRequestSchema, ForYouUiRequestSchema, MAX_WHY, paperOfScored, RelayTokenCheckSchema, type ForYouReply, type KnownPaper, type RankingStatus, type ScoredPaper } from '../messaging/for-you-protocol';
import { t, plural } from '../i18n/t';
import { explainVector, readiness, RankingTrainer, scorer, type Readiness, type Scorer } from '../ranking';
import { judgedExamples, labelSignature } from './judged-papers';
import { readModel, readRankingState, writeModel, writeRankingState } from './model-store';
import { RelayTokens } from './relay-tokens';
import { RunWords } from './run-words';

/** What the ranker reads of a listing's card. */
type RankedPaper = ReturnType<typeof paperOfScored>;

/** Saves and hides come in bursts (h h h h): one retraining for a burst, soon after it. */
export const UPDATE_DELAY_MS = 600;
/**
 * The full rebuild waits for the reader to pause this long: updates in between start from the last
 * solution (fast, with the vocabulary frozen), the rebuild brings in new words and fresh idf.
 */
export const REBUILD_DELAY_MS = 20_000;
/** The best papers of a request get "like <saved title>" (the rest only their words). */
const LIKE_TOP = 50;
const rejected = () => ({ ok: false as const, error: t('requestMalformed') });

/** The hint a listing shows until the model can rank ("For you: save 2 more papers and hide 5 more to rank…"). */
export function hintOf({ savesNeeded, hidesNeeded }: Readiness): string {
  const saves = savesNeeded > 0 ? plural(savesNeeded, 'forYouHintSaveOne', 'forYouHintSaveMany', String(savesNeeded)) : '';
  const hides = hidesNeeded > 0 ? t('forYouHintHide', hidesNeeded) : '';
  if (!saves && !hides) return '';
  return t('forYouHint', saves && hides ? t('forYouHintBoth', saves, hides) : saves || hides);
}

export interface ForYouService {
  /**
   * The answer to a For-you request from a listing page (`content`) or an extension page (`page`),
   * or undefined when the message is not a For-you request (the main protocol takes it). A
   * request of the wrong side, or from anyone else, is refused; a listing's relay frame (a page of
   * the extension) may also ask for scores, and checks its token from either side.
   */
  answer(raw: unknown, from: 'content' | 'page' | undefined): Promise<unknown> | undefined;
  /** The library may have new saves or hides: retrain soon (debounced), then tell the tabs. */
  libraryChanged(): void;
  /** Settings changed (For you may be on or off now): tell the tabs. */
  settingsChanged(): void;
  /** Settles pending work (tests). */
  idle(): Promise<void>;
  /** Runs the rebuild that waits for a pause now (tests). */
  rebuildNow(): Promise<void>;
}

/**
 * The background side of "For you": keeps the model in IndexedDB, retrains it shortly after a
 * save or hide (only when the judgments changed), rebuilds it from the library when it is missing,
 * and scores the cards listing pages send. Nothing leaves the machine.
 */
export function startForYou(db: PapershelfDatabase, repo: PaperRepository, notifyTabs: () => void): ForYouService {
  const trainer = new RankingTrainer();
  const words = new RunWords<RankedPaper>();
  const relayTokens = new RelayTokens();
  let current: { signature: string; scorer: Scorer | undefined; saved: number; hidden: number } | undefined;
  let work: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Brings the model in step with the library; the stored model is used when it matches. A few new
   * judgments update the last fit (milliseconds); `rebuild` (or no fit in this worker yet) refits
   * from every judged paper.
   */
  const refresh = async (rebuild = false): Promise<boolean> => {
    const state = await readRankingState(db);
    const examples = await judgedExamples(db, state.resetAt);
    const signature = labelSignature(examples);
    if (current?.signature === signature && !(rebuild && trainer.stale)) return false;
    const saved = examples.filter((example) => example.label > 0).length;
    const hidden = examples.length - saved;
    if (!readiness(saved, hidden).ready) {
      current = { signature, scorer: undefined, saved, hidden };
      await writeModel(db, undefined);
      return true;
    }
    if (!rebuild && current?.signature !== signature) {
      const stored = await readModel(db);
      if (stored?.signature === signature) {
        current = { signature, scorer: scorer(stored.model), saved, hidden };
        scheduleRebuild(); // this worker has no fit to update from yet: one is made while the reader reads
        return true;
      }
    }
    const model = rebuild ? trainer.rebuild(examples) : trainer.update(examples);
    current = { signature, scorer: trainer.scorerOf(model), saved, hidden };
    await writeModel(db, { signature, model });
    if (trainer.stale) scheduleRebuild();
    return true;
  };
  let rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  /** The rebuild changes scores only slightly: the pages open now keep theirs, the next ones get it. */
  const scheduleRebuild = () => {
    clearTimeout(rebuildTimer);
    rebuildTimer = setTimeout(() => {
      rebuildTimer = undefined;
      void queued(async () => void (await refresh(true)));
    }, REBUILD_DELAY_MS);
  };
  /** One refresh at a time, in order. */
  const queued = (task: () => Promise<void>) => (work = work.then(task, task).catch((error: unknown) => console.warn('Papershelf could not update For you:', error)));
  const ensure = async () => {
    if (!current) await queued(async () => void (await refresh()));
    await work;
  };

  /** Scores and why, one each per paper, in the request's order. */
  const scores = (papers: ReadonlyArray<{ id: string; title: string; abstract?: string | undefined; authors?: string[] | undefined }>) => {
    const model = current?.scorer;
    if (!model) return { scores: [], why: [] };
    // One vector a paper for its score and its reasons: each paper's words are counted once.
    const vectors = papers.map((paper) => model.vectorOf(paper));
    const scored = vectors.map((vector) => model.scoreOf(vector));
    const likeCutoff = [...scored].sort((a, b) => b - a)[Math.min(LIKE_TOP, scored.length) - 1] ?? Infinity;
    const why = vectors.map((vector, index) => {
      const reasons = explainVector(model, vector);
      const score = scored[index]!;
      const like = reasons.like && score >= likeCutoff && score > 0 ? reasons.like : undefined;
      return whyInWords(reasons.terms, like);
    });
    return { scores: scored.map((score) => Math.round(score * 1e4) / 1e4), why };
  };

  const handleContent = async (raw: unknown): Promise<ForYouReply | { ok: false; error: string }> => {
      const parsed = ForYouRequestSchema.safeParse(raw);
      if (!parsed.success) return rejected();
      const request = parsed.data;
      if (request.type === 'content:setForYouOrder') {
        await writeRankingState(db, { ...(await readRankingState(db)), forYouOrder: request.on });
      } else if (request.type === 'content:dismissHint') {
        await writeRankingState(db, { ...(await readRankingState(db)), hintDismissed: true });
      }
      const [settings, state] = await Promise.all([repo.getSettings(), readRankingState(db)]);
      if (!settings.forYou) return { ok: true, status: 'off', hint: '', forYouOrder: state.forYouOrder, scores: [], why: [] };
      await ensure();
      const ready = current?.scorer !== undefined;
      const hint = ready || state.hintDismissed ? '' : hintOf(readiness(current?.saved ?? 0, current?.hidden ?? 0));
      const reply = { ok: true as const, status: ready ? ('ready' as const) : ('learning' as const), hint, forYouOrder: state.forYouOrder };
      if (request.type !== 'content:getScores') return { ...reply, scores: [], why: [] };
      const { papers, unknown } = wordsOf(request.run, request.papers);
      const known = scores(papers);
      if (unknown.length === 0) return { ...reply, ...known };
      return { ...reply, ...withPlaceholders(known, request.papers.length, unknown), unknown };
  };
  /** The words of each paper: sent now (and kept for the run), or sent before by the same run. */
  const wordsOf = (run: string | undefined, sent: ReadonlyArray<ScoredPaper | KnownPaper>) => {
    const papers: RankedPaper[] = [];
    const unknown: number[] = [];
    sent.forEach((paper, index) => {
      if (isKnown(paper)) {
        const kept = run === undefined ? undefined : words.recall(run, paper[0]);
        if (kept) papers.push(kept);
        else unknown.push(index);
        return;
      }
      const fresh = paperOfScored(paper);
      if (run !== undefined) words.remember(run, paper[0], fresh);
      papers.push(fresh);
    });
    return { papers, unknown };
  };
  const handleUi = async (raw: unknown): Promise<{ ok: true; result: RankingStatus } | { ok: false; error: string }> => {
      const parsed = ForYouUiRequestSchema.safeParse(raw);
      if (!parsed.success) return rejected();
      if (parsed.data.type === 'ui:resetRanking') {
        await queued(async () => {
          // Starting over: the hint says again how many saves and hides it takes.
          await writeRankingState(db, { ...(await readRankingState(db)), resetAt: Date.now(), hintDismissed: false });
          current = undefined;
          await refresh();
        });
        notifyTabs();
      } else await ensure();
      const status: RankingStatus = {
        saved: current?.saved ?? 0,
        hidden: current?.hidden ?? 0,
        features: current?.scorer?.model.terms.length ?? 0,
        ready: current?.scorer !== undefined,
      };
      return { ok: true, result: status };
  };

  return {
    answer(raw, from) {
      const kind = forYouRequestKind(raw);
      if (!kind) return undefined;
      if (from === undefined) return Promise.resolve(rejected());
      if (kind === 'relay') {
        const check = RelayTokenCheckSchema.safeParse(raw);
        return Promise.resolve(check.success ? { ok: true, valid: relayTokens.spend(check.data.token) } : rejected());
      }
      const type = (raw as { type: string }).type;
      if (type === 'content:relayToken') return Promise.resolve(from === 'content' ? { ok: true, token: relayTokens.issue() } : rejected());
      // The relay frame forwards a listing's score requests from the extension's own page.
      if (kind !== from && !(type === 'content:getScores' && from === 'page')) return Promise.resolve(rejected());
      return (kind === 'content' ? handleContent(raw) : handleUi(raw)).catch(() => ({ ok: false, error: t('forYouLibraryUnreadable') }));
    },
    settingsChanged: notifyTabs,
    libraryChanged() {
      if (timer !== undefined) clearTimeout(timer);
      clearTimeout(rebuildTimer); // the update after this change schedules it again
      timer = setTimeout(() => {
        timer = undefined;
        void queued(async () => {
          if (await refresh()) notifyTabs();
        });
      }, UPDATE_DELAY_MS);
    },
    async idle() {
      while (timer !== undefined) await new Promise((resolve) => setTimeout(resolve, UPDATE_DELAY_MS));
      await work;
    },
    async rebuildNow() {
      clearTimeout(rebuildTimer);
      rebuildTimer = undefined;
      await queued(async () => void (await refresh(true)));
    },
  };
}

/**
 * Scores and why at every position of a request, with 0 and '' where the words were missing
 * (`unknown`), so that each answer stays at its paper's position. None while there is no model.
 */
function withPlaceholders(known: { scores: number[]; why: string[] }, length: number, unknown: readonly number[]): { scores: number[]; why: string[] } {
  if (known.scores.length === 0) return known;
  const missing = new Set(unknown);
  const all = { scores: [] as number[], why: [] as string[] };
  let at = 0;
  for (let index = 0; index < length; index++) {
    const placeholder = missing.has(index);
    all.scores.push(placeholder ? 0 : known.scores[at]!);
    all.why.push(placeholder ? '' : known.why[at]!);
    if (!placeholder) at++;
  }
  return all;
}

function isKnown(paper: ScoredPaper | KnownPaper): paper is KnownPaper {
  return paper.length === 1;
}

/** "gaussian splatting, novel view; like “<saved title>”": what a mark says after the score. */
export function whyInWords(terms: readonly string[], like: string | undefined): string {
  const why = [terms.join(', '), like ? `like “${like}”` : ''].filter(Boolean).join('; ');
  return why.slice(0, MAX_WHY);
}
