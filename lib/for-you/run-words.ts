/**
 * The words each listing page sent for its cards, kept in the background's memory by the page's run
 * (a random token a listing run sends with every request), so that after a save or hide the page
 * asks for new scores by id alone: a 2,000-entry arXiv page sends about 3 MB of words once, not on
 * every retraining (the extension's channel costs the page's main thread by the byte).
 *
 * Only the newest `maxRuns` runs are kept (a run used again becomes the newest); a run holds at most
 * `maxPapersPerRun` papers. Nothing is stored: a stopped service worker forgets them all, and pages
 * then send the words again for what the background says it does not know.
 */
export class RunWords<Words> {
  private readonly runs = new Map<string, Map<string, Words>>();

  constructor(
    private readonly maxRuns = 6,
    private readonly maxPapersPerRun = 10_000,
  ) {}

  /** The run's papers, made the newest run; a new run pushes out the oldest beyond `maxRuns`. */
  private runOf(run: string): Map<string, Words> {
    let papers = this.runs.get(run);
    if (papers) this.runs.delete(run);
    else papers = new Map();
    this.runs.set(run, papers);
    for (const oldest of this.runs.keys()) {
      if (this.runs.size <= this.maxRuns) break;
      this.runs.delete(oldest);
    }
    return papers;
  }

  remember(run: string, id: string, words: Words): void {
    const papers = this.runOf(run);
    if (!papers.has(id) && papers.size >= this.maxPapersPerRun) return;
    papers.set(id, words);
  }

  /** The words the run sent for `id`, or undefined when this worker does not have them. */
  recall(run: string, id: string): Words | undefined {
    return this.runs.has(run) ? this.runOf(run).get(id) : undefined;
  }
}
