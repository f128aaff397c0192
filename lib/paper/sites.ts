/**
 * The sites a record may name (`site`, the keys of `sources`), in the order of preference for a
 * paper's link (components/paper-text.ts). Each has its adapter in lib/sites/index.ts, keyed by
 * these names, so the compiler and the conventions test find a name without an adapter. The list
 * lives here, not derived from that registry, because lib/sites imports lib/paper (a cycle
 * otherwise) and stored records outlive an adapter. In a module of its own, without Zod: the
 * popup's first paint links papers, and needs no Zod for that.
 */
export const SITES = ['huggingface', 'arxiv'] as const;
