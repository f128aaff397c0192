/**
 * The one-time tokens that let a listing's relay frame take a port from the content script: the
 * content script asks for one, hands it to the frame with the port, and the frame spends it here
 * before it uses the port. A page posting to the frame never has one, so the frame answers nobody
 * but our content script.
 *
 * A token lives `lifetimeMs` and is spent by its first check; at most `maxPending` wait at once
 * (the oldest goes first), so a content script that never hands its token over costs nothing.
 */
export class RelayTokens {
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs = 30_000,
    private readonly maxPending = 64,
  ) {}

  issue(): string {
    const token = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
    for (const oldest of this.pending.keys()) {
      if (this.pending.size < this.maxPending) break;
      this.pending.delete(oldest);
    }
    this.pending.set(token, this.now() + this.lifetimeMs);
    return token;
  }

  /** True once for a token this background issued less than `lifetimeMs` ago; false ever after. */
  spend(token: string): boolean {
    const expires = this.pending.get(token);
    this.pending.delete(token);
    return expires !== undefined && this.now() <= expires;
  }
}

/** 32 symbols: a byte modulo 32 picks each one evenly (RelayTokenSchema: [0-9a-z]{32}). */
const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
