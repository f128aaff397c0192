// Zod's configuration travels with the schemas that load Zod first (the bundle checks want both in one chunk).
import './zod-setup';
import { z } from 'zod';

/**
 * The user's settings, one validated object. Unknown or missing fields fall back to defaults, so a
 * library written by an older version always reads.
 */
export const SettingsSchema = z.object({
  /** `eprint`: arXiv's own fields only; `arxiv-journal`: also `journal = {arXiv preprint arXiv:<id>}` for styles that ignore eprint. */
  bibtexJournalStyle: z.enum(['eprint', 'arxiv-journal']).catch('eprint').default('eprint'),
  /** Write non-ASCII as LaTeX accents (`{\'e}`) instead of UTF-8. */
  bibtexAscii: z.boolean().catch(false).default(false),
  /** The listing-page keymap (j/k/s/h/t/u/?); on unless the user turns it off. */
  keyboardShortcuts: z.boolean().catch(true).default(true),
  /** Ask arXiv's and Hugging Face's public APIs for what a page left out; off = no network at all. */
  metadataLookups: z.boolean().catch(true).default(true),
  /** "For you": rank listing pages by what the reader saved and hid, learned on this machine. */
  forYou: z.boolean().catch(true).default(true),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** The row the settings live in (table `settings`, schema v2). */
export const SETTINGS_KEY = 'settings';
/** The row the user's rules live in, same table: one value replaced as a whole, like the settings. */
export const RULES_KEY = 'rules';
export interface SettingsRow {
  key: string;
  value: unknown;
}

export function readSettings(row: { value?: unknown } | undefined): Settings {
  const parsed = SettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** The exporter's options as the user set them. */
export function exportOptionsFrom(settings: Settings): { journalStyle: Settings['bibtexJournalStyle']; ascii: boolean } {
  return { journalStyle: settings.bibtexJournalStyle, ascii: settings.bibtexAscii };
}
