/**
 * A list of strings kept as one string and where each ends. IndexedDB clones a record value by
 * value, and its cost on reading is per value far more than per byte: a bucket of a hundred papers
 * stored as five lists of strings is five hundred strings to rebuild, packed it is five.
 * Any text may be packed (no separator character is reserved).
 */
export interface PackedStrings {
  text: string;
  /** Where each string ends in `text`. */
  ends: Uint32Array;
}

export function packStrings(list: readonly string[]): PackedStrings {
  const ends = new Uint32Array(list.length);
  let length = 0;
  list.forEach((item, index) => {
    length += item.length;
    ends[index] = length;
  });
  return { text: list.join(''), ends };
}

export function packedCount(packed: PackedStrings): number {
  return packed.ends.length;
}

/** The string at `index`. */
export function packedAt(packed: PackedStrings, index: number): string {
  return packed.text.slice(index === 0 ? 0 : packed.ends[index - 1]!, packed.ends[index]!);
}

/** The strings from `start` up to (not including) `end`. */
export function packedRange(packed: PackedStrings, start: number, end: number): string[] {
  const list: string[] = [];
  for (let index = start; index < end; index++) list.push(packedAt(packed, index));
  return list;
}

export function unpackStrings(packed: PackedStrings): string[] {
  return packedRange(packed, 0, packed.ends.length);
}
