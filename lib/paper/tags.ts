import { TagSchema } from './model';

/**
 * Cleans a list of tags: trimmed, validated, de-duplicated case-insensitively keeping the first
 * spelling. Throws a ZodError naming the bad tag when one is empty or too long.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = TagSchema.parse(raw);
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}
