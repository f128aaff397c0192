import { EMPTY_STATE, type PaperState } from '../paper/model';
import type { StateMap } from '../messaging/protocol';

type Listener = (id: string, state: PaperState) => void;

/**
 * What this tab knows of the library: the state of each paper it has on screen. Cards read from it
 * and re-render when their id changes; the background's pushes and replies write into it.
 */
export class StateStore {
  private readonly states = new Map<string, PaperState>();
  private readonly listeners = new Set<Listener>();

  get(id: string): PaperState | undefined {
    return this.states.get(id);
  }

  has(id: string): boolean {
    return this.states.has(id);
  }

  /** Every id this tab holds a state for. */
  ids(): string[] {
    return [...this.states.keys()];
  }

  /** Applies a batch of states and tells listeners about those that changed. */
  apply(states: StateMap): void {
    for (const [id, state] of Object.entries(states)) {
      const before = this.states.get(id);
      if (before && sameState(before, state)) continue;
      this.states.set(id, state);
      for (const listener of this.listeners) listener(id, state);
    }
  }

  /**
   * Records that the library has nothing on these ids, without telling anyone: a card whose state
   * was unknown already shows exactly what an empty state shows. Ids with a state are left alone.
   */
  assumeEmpty(ids: Iterable<string>): void {
    for (const id of ids) if (!this.states.has(id)) this.states.set(id, EMPTY_STATE);
  }

  subscribe(listener: Listener, signal: AbortSignal): void {
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  /** For tests and leak checks. */
  get listenerCount(): number {
    return this.listeners.size;
  }
}

export function sameState(a: PaperState, b: PaperState): boolean {
  return a.saved === b.saved && a.hidden === b.hidden && a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i]);
}
