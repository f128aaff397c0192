/** One action the user can take back: what it was, in words, and how to reverse it. */
export interface UndoEntry {
  /** "Hid “Attention Is All You Need”": shown in the toast and read by screen readers. */
  label: string;
  undo(): Promise<void>;
}

/**
 * The page's recent actions, newest last. `u` and the toast's Undo take back the newest one; the
 * log is per page view and bounded, because undo is for the last few slips, not for history.
 */
export class UndoLog {
  private readonly entries: UndoEntry[] = [];

  constructor(private readonly limit = 50) {}

  push(entry: UndoEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
  }

  /** Drops an entry whose action failed: there is nothing to take back. */
  remove(entry: UndoEntry): void {
    const index = this.entries.lastIndexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
  }

  pop(): UndoEntry | undefined {
    return this.entries.pop();
  }

  get size(): number {
    return this.entries.length;
  }
}
