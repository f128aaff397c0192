/**
 * Hybrid logical clocks (Kulkarni et al., 2014): a wall-clock time in milliseconds, a counter for
 * events within the same millisecond (or while the wall clock lags), and the device that made the
 * event. They order every operation of every device totally, stay close to real time, and never
 * run backwards on a device even when its wall clock does (NTP steps, a laptop with a wrong date).
 */
export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

/** Total order: wall time, then counter, then device id (so two devices never tie). */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}

export function laterHlc(a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareHlc(a, b) >= 0 ? a : b;
}

/**
 * A clock as a string that sorts like the clock within one device's wall range (13-digit
 * milliseconds until the year 2286, a 6-digit counter) and names the operation it stamps: a
 * device never stamps two operations with the same clock, so this is also the operation's id.
 */
export function hlcKey(clock: Hlc): string {
  return `${String(clock.wall).padStart(13, '0')}-${String(clock.counter).padStart(6, '0')}-${clock.device}`;
}

/**
 * One device's clock. `now` is injected so tests can give a device a wrong or stepping wall clock.
 * `tick` stamps a local event; `observe` takes in a clock read from another device's operations,
 * so that this device's next event is later than everything it has seen.
 */
export class HlcClock {
  private last: Hlc;

  constructor(
    readonly device: string,
    private readonly now: () => number = Date.now,
    start?: Hlc,
  ) {
    this.last = start ?? { wall: 0, counter: 0, device };
  }

  tick(): Hlc {
    const wall = Math.max(this.now(), this.last.wall);
    const counter = wall === this.last.wall ? this.last.counter + 1 : 0;
    this.last = { wall, counter, device: this.device };
    return this.last;
  }

  observe(remote: Hlc): void {
    const wall = Math.max(this.now(), this.last.wall, remote.wall);
    let counter = 0;
    if (wall === this.last.wall && wall === remote.wall) counter = Math.max(this.last.counter, remote.counter) + 1;
    else if (wall === this.last.wall) counter = this.last.counter + 1;
    else if (wall === remote.wall) counter = remote.counter + 1;
    this.last = { wall, counter, device: this.device };
  }

  /** The latest clock this device has issued or seen: persisted so a restart never reuses a clock. */
  get current(): Hlc {
    return this.last;
  }
}

/** The clock a key stands for, or undefined for text that is not one. */
export function parseHlcKey(key: string): Hlc | undefined {
  const match = /^(\d{13})-(\d{6})-([A-Za-z0-9_-]{1,64})$/.exec(key);
  if (!match) return undefined;
  return { wall: Number(match[1]), counter: Number(match[2]), device: match[3]! };
}
