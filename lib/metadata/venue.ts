import { VenueSchema, type Venue } from '../paper/model';

/**
 * Conferences whose acronym, followed by a year, names the venue without doubt. Deliberately a
 * short list of the fields the extension's users read (machine learning, NLP, vision, robotics,
 * data, systems): an acronym outside it yields no venue rather than a guess.
 */
const CONFERENCES = [
  'NeurIPS', 'NIPS', 'ICML', 'ICLR', 'AAAI', 'IJCAI', 'AISTATS', 'UAI', 'COLT', 'CoRL', 'MLSys',
  'ACL', 'EMNLP', 'NAACL', 'EACL', 'AACL', 'COLING', 'LREC', 'CoNLL', 'INTERSPEECH', 'ICASSP',
  'CVPR', 'ICCV', 'ECCV', 'WACV', 'BMVC', 'MICCAI', 'SIGGRAPH', 'ICRA', 'IROS', 'RSS',
  'KDD', 'WWW', 'WSDM', 'SIGIR', 'CIKM', 'RecSys', 'ICDE', 'VLDB', 'SIGMOD', 'CHI', 'UIST',
  'ICSE', 'PLDI', 'POPL', 'OSDI', 'SOSP', 'NSDI',
] as const;

// The acronym as a whole word (case as written), then a year: `NeurIPS 2023`, `ICLR2024`,
// `AAAI-2024`, `CVPR'24`. A bare two-digit number (`AAAI-24`) is not read as a year: after an
// acronym it is too often a volume (`Advances in NeurIPS 36`); an apostrophe does mark a year.
const CONFERENCE_YEAR = new RegExp(
  `(?<![A-Za-z])(${CONFERENCES.join('|')})(?![A-Za-z])(?:[\\s-]*((?:19|20)\\d\\d)|\\s*['’](\\d\\d))(?!\\d)`,
  'g',
);

/**
 * The venue a journal reference clearly names, else undefined. Conservative on purpose:
 * - only a conference from the list above with its year (`ICLR 2024 (oral)` → `ICLR 2024`);
 *   `Findings of …` keeps that prefix, since Findings papers are not in the main proceedings;
 * - nothing for a workshop (its name is rarely in the reference), for two different conferences,
 *   or for a journal: a journal reference such as `Phys. Rev. D 76, 044016 (2007)` already exports
 *   as `journal = {Phys. Rev. D 76, 044016}`, while a journal venue would keep only its name.
 */
export function venueFromJournalRef(journalRef: string | undefined): Venue | undefined {
  if (!journalRef || /workshop/i.test(journalRef)) return undefined;
  const found = new Set<string>();
  for (const match of journalRef.matchAll(CONFERENCE_YEAR)) {
    const [, acronym, fullYear, shortYear] = match;
    const year = fullYear ?? (shortYear === undefined ? undefined : `20${shortYear}`);
    if (acronym && year) found.add(`${acronym} ${year}`);
  }
  if (found.size !== 1) return undefined;
  const [name] = found;
  const venue = { kind: 'conference' as const, name: /\bfindings\b/i.test(journalRef) ? `Findings of ${name}` : name! };
  return VenueSchema.safeParse(venue).success ? venue : undefined;
}
