/**
 * A large write in progress (a backup restored, chunk after chunk): every open extension page
 * stops following the library until it is done, then reads it once (LiveLibrary.holdFollowing).
 *
 * The writer announces it on a BroadcastChannel, which reaches every page of the extension (same
 * origin), its own included (a channel delivers to every other channel object of its name).
 * A writer that goes away without releasing (its tab closed mid-restore) must not leave the other
 * pages frozen: the hold is renewed with each chunk and lapses when not renewed in time.
 */
const CHANNEL = 'papershelf:library-hold';
/** A chunk of 2,000 took up to ~10 s on a loaded two-core machine: well past that, the writer is gone. */
export const HOLD_LAPSES_MS = 60_000;

type HoldMessage = { held: boolean };

function isHoldMessage(data: unknown): data is HoldMessage {
  return typeof data === 'object' && data !== null && typeof (data as { held?: unknown }).held === 'boolean';
}

function announce(held: boolean): void {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ held } satisfies HoldMessage);
  channel.close();
}

/** The writer's side: hold every page's following now; `renew` after each chunk; `release` once done (or failed). */
export function holdLibraryFollowers(): { renew(): void; release(): void } {
  let released = false;
  announce(true);
  return {
    renew: () => {
      if (!released) announce(true);
    },
    release: () => {
      if (released) return;
      released = true;
      announce(false);
    },
  };
}

/**
 * A page's side: `hold` is called when a writer holds the library and returns its release, called
 * when the writer releases or stops renewing. Returns the unsubscribe.
 */
export function followLibraryHolds(hold: () => () => void): () => void {
  let release: (() => void) | undefined;
  let lapse: ReturnType<typeof setTimeout> | undefined;
  const end = () => {
    clearTimeout(lapse);
    release?.();
    release = undefined;
  };
  const heard = (held: boolean) => {
    if (!held) return end();
    release ??= hold();
    clearTimeout(lapse);
    lapse = setTimeout(end, HOLD_LAPSES_MS);
  };
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;
  if (channel) channel.onmessage = (event: MessageEvent) => isHoldMessage(event.data) && heard(event.data.held);
  return () => {
    channel?.close();
    end();
  };
}
