import { describe, expect, it } from 'vitest';
import { UndoLog, type UndoEntry } from '../../../lib/content/undo-log';

function entry(label: string): UndoEntry {
  return { label, undo: async () => undefined };
}

/** Pops everything, newest first. */
function drain(log: UndoLog): string[] {
  const labels: string[] = [];
  for (let next = log.pop(); next; next = log.pop()) labels.push(next.label);
  return labels;
}

describe('UndoLog', () => {
  it('starts empty: pop gives undefined', () => {
    const log = new UndoLog();
    expect(log.size).toBe(0);
    expect(log.pop()).toBeUndefined();
  });

  it('takes back the newest action first', () => {
    const log = new UndoLog();
    for (const label of ['a', 'b', 'c']) log.push(entry(label));
    expect(log.size).toBe(3);
    expect(log.pop()?.label).toBe('c');
    expect(log.size).toBe(2);
    log.push(entry('d'));
    expect(drain(log)).toEqual(['d', 'b', 'a']);
    expect(log.size).toBe(0);
  });

  it('pop returns the very entry that was pushed (its undo is the one that runs)', () => {
    const log = new UndoLog();
    const pushed = entry('x');
    log.push(pushed);
    expect(log.pop()).toBe(pushed);
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    const log = new UndoLog(3);
    for (const label of ['1', '2', '3', '4', '5']) log.push(entry(label));
    expect(log.size).toBe(3);
    expect(drain(log)).toEqual(['5', '4', '3']);
  });

  it('has a default limit of 50', () => {
    const log = new UndoLog();
    for (let i = 0; i < 60; i++) log.push(entry(String(i)));
    expect(log.size).toBe(50);
    const labels = drain(log);
    expect(labels[0]).toBe('59');
    expect(labels.at(-1)).toBe('10');
  });

  it('remove drops exactly that entry, wherever it is', () => {
    const log = new UndoLog();
    const [a, b, c] = [entry('a'), entry('b'), entry('c')];
    log.push(a);
    log.push(b);
    log.push(c);
    log.remove(b);
    expect(log.size).toBe(2);
    expect(drain(log)).toEqual(['c', 'a']);
  });

  it('remove goes by identity, not by label', () => {
    const log = new UndoLog();
    const first = entry('same');
    const second = entry('same');
    log.push(first);
    log.push(second);
    log.remove(first);
    expect(log.size).toBe(1);
    expect(log.pop()).toBe(second);
  });

  it('removing an entry that is not there (already undone, or pushed out) changes nothing', () => {
    const log = new UndoLog(2);
    const old = entry('old');
    log.push(old);
    log.push(entry('b'));
    log.push(entry('c')); // pushes `old` out
    log.remove(old);
    log.remove(entry('never pushed'));
    expect(drain(log)).toEqual(['c', 'b']);
  });
});
