import { AUTO_BACKUP_KEEP_DAYS } from '../db/auto-backups';
import { plural, t } from '../i18n/t';

/** What a Replace would overwrite and what it would write, for the question asked before it. */
export interface ReplaceSummary {
  /** In the library now. */
  libraryPapers: number;
  libraryRules: number;
  /** From the backup: papers always; rules and settings only when the Replace restores them. */
  backupPapers: number;
  backupRules?: number | undefined;
  restoresSettings: boolean;
}

/**
 * "Replace 12,408 papers, 3 rules and your settings with 3 papers from this backup?": what will be
 * lost, in numbers, before anything is. Rules and settings are named only when the Replace
 * overwrites them.
 */
export function replaceQuestion(summary: ReplaceSummary): string {
  const lost = [count(summary.libraryPapers, 'paper')];
  const gained = [count(summary.backupPapers, 'paper')];
  if (summary.backupRules !== undefined) {
    lost.push(count(summary.libraryRules, 'rule'));
    gained.push(count(summary.backupRules, 'rule'));
  }
  if (summary.restoresSettings) {
    lost.push(t('yourSettings'));
    gained.push(t('itsSettings'));
  }
  return t('replaceQuestion', list(lost), list(gained));
}

/** The promise made beside the question. */
export const replaceSafetyNote = () => t('replaceSafetyNote', AUTO_BACKUP_KEEP_DAYS);

/** `12,408 papers`, `1 rule`. */
export function count(value: number, noun: 'paper' | 'rule'): string {
  return noun === 'paper' ? plural(value, 'paperCountOne', 'paperCountMany') : plural(value, 'ruleCountOne', 'ruleCount');
}

function list(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : t('listAnd', parts.slice(0, -1).join(', '), parts[parts.length - 1]!);
}
