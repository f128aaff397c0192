import { useEffect, useState } from 'preact/hooks';
import { checkRulePattern, describeRule, ruleActionVerb } from '../../lib/rules';
import { StoredRulesSchema, type Rule, type RuleAction, type RuleMatch, type RuleTarget } from '../../lib/rules/model';
import { RULES_KEY } from '../../lib/settings';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { ask, sentence, type Outcome } from '../../lib/ui/ask';
import { db } from '../../lib/library-page/library-db';
import { useOpenPageCounts } from '../../lib/library-page/open-page-counts';
import { plural, t, type MessageKey } from '../../lib/i18n/t';

interface Draft {
  target: RuleTarget;
  match: RuleMatch;
  pattern: string;
  action: RuleAction;
}

const EMPTY_DRAFT: Draft = { target: 'text', match: 'word', pattern: '', action: 'hide' };

const TARGETS: ReadonlyArray<[RuleTarget, MessageKey]> = [
  ['text', 'ruleTargetText'],
  ['author', 'ruleTargetAuthor'],
  ['category', 'ruleTargetCategory'],
];
const MATCHES: Readonly<Record<RuleTarget, ReadonlyArray<[RuleMatch, MessageKey]>>> = {
  text: [['word', 'ruleMatchWord'], ['phrase', 'ruleMatchPhrase'], ['regex', 'ruleMatchRegex']],
  author: [['word', 'ruleMatchAuthorWord'], ['phrase', 'ruleMatchAuthorPhrase'], ['regex', 'ruleMatchRegex']],
  category: [['word', 'ruleMatchCategoryWord'], ['regex', 'ruleMatchRegex']],
};
const PLACEHOLDERS: Readonly<Record<RuleMatch, MessageKey>> = { word: 'rulePatternWordExample', phrase: 'rulePatternPhraseExample', regex: 'rulePatternRegexExample' };
const cards = (count: number) => plural(count, 'cardCountOne', 'cardCount', String(count));
const ACTIONS: readonly RuleAction[] = ['hide', 'dim', 'highlight'];

/**
 * The user's rules: add one (checked and counted against the open listing page while typed), turn
 * one off, change its action, delete it with Undo. The whole list is saved through the background,
 * which pushes it to every open listing page.
 */
export function RulesSection() {
  const stored = useLiveQuery(async () => StoredRulesSchema.safeParse((await db.settings.get(RULES_KEY))?.value ?? []), []);
  const storedRules = stored.status === 'ready' && stored.value.success ? stored.value.data : [];
  // The list as just changed, shown at once; dropped when the library reports the same.
  const [pending, setPending] = useState<Rule[]>();
  const rules = pending ?? storedRules;
  useEffect(() => {
    if (pending && JSON.stringify(pending) === JSON.stringify(storedRules)) setPending(undefined);
  }, [pending, storedRules]);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [outcome, setOutcome] = useState<Outcome>();
  const [deleted, setDeleted] = useState<{ rule: Rule; index: number }>();
  const [saving, setSaving] = useState(false);

  const typed = draft.pattern.trim();
  const check = typed ? checkRulePattern(draft.target, draft.match, typed) : undefined;
  const draftRule = { ...draft, pattern: typed, id: 'draft', enabled: true, createdAt: 1 };
  // The draft first, then every stored rule: one question to the open page for all the counts.
  const page = useOpenPageCounts(check?.ok ? [draftRule, ...rules] : rules);
  const countFor = (index: number) => page?.counts[check?.ok ? index + 1 : index];

  const save = async (next: Rule[], done: string): Promise<boolean> => {
    setSaving(true);
    setPending(next);
    const reply = await ask({ type: 'ui:saveRules', rules: next });
    setSaving(false);
    if (!reply.ok) setPending(undefined);
    setOutcome(reply.ok ? { tone: 'done', text: done } : { tone: 'error', text: t('rulesNotSaved', sentence(reply.error)) });
    return reply.ok;
  };

  const add = async (event: Event) => {
    event.preventDefault();
    if (!check?.ok) return;
    const rule: Rule = { id: crypto.randomUUID(), enabled: true, target: draft.target, match: draft.match, pattern: typed, action: draft.action, createdAt: Date.now() };
    if (await save([...rules, rule], t('ruleAdded', ruleActionVerb(rule.action), describeRule(rule)))) setDraft({ ...draft, pattern: '' });
  };
  const update = (id: string, patch: Partial<Rule>) =>
    void save(rules.map((rule) => (rule.id === id ? { ...rule, ...patch } : rule)), t('rulesSaved'));
  const remove = async (rule: Rule, index: number) => {
    if (await save(rules.filter((other) => other.id !== rule.id), t('ruleDeleted', describeRule(rule)))) setDeleted({ rule, index });
  };
  const undoDelete = async () => {
    if (!deleted) return;
    const next = [...rules];
    next.splice(Math.min(deleted.index, next.length), 0, deleted.rule);
    if (await save(next, t('ruleRestored', describeRule(deleted.rule)))) setDeleted(undefined);
  };

  const setTarget = (target: RuleTarget) =>
    setDraft({ ...draft, target, match: MATCHES[target].some(([match]) => match === draft.match) ? draft.match : 'word' });

  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('rules')}</h2>
      <p class="muted">
        {t('rulesExplained')}
      </p>
      <form class="rule-form" onSubmit={(event) => void add(event)}>
        <label>
          <span class="visually-hidden">{t('lookAt')}</span>
          <select aria-label={t('lookAt')} value={draft.target} onChange={(event) => setTarget(event.currentTarget.value as RuleTarget)}>
            {TARGETS.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        <select aria-label={t('match')} value={draft.match} onChange={(event) => setDraft({ ...draft, match: event.currentTarget.value as RuleMatch })}>
          {MATCHES[draft.target].map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </select>
        <input
          type="text"
          id="rule-pattern"
          aria-label={t('pattern')}
          aria-invalid={check && !check.ok ? 'true' : 'false'}
          aria-describedby="rule-check"
          placeholder={t(PLACEHOLDERS[draft.match])}
          value={draft.pattern}
          maxLength={600}
          onInput={(event) => setDraft({ ...draft, pattern: event.currentTarget.value })}
        />
        <select aria-label={t('action')} value={draft.action} onChange={(event) => setDraft({ ...draft, action: event.currentTarget.value as RuleAction })}>
          {ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ruleActionVerb(action)}
            </option>
          ))}
        </select>
        <button type="submit" class="button primary" disabled={!check?.ok || saving}>
          {t('addRule')}
        </button>
      </form>
      <p id="rule-check" class={check && !check.ok ? 'problem' : 'muted'} role="status">
        {check && !check.ok ? sentence(check.reason) : check?.ok ? matchLine(page?.counts[0], page) : ''}
      </p>
      {rules.length === 0 ? (
        <p class="muted">{t('noRulesYet')}</p>
      ) : (
        <ul class="rule-list" aria-label={t('yourRules')}>
          {rules.map((rule, index) => {
            // A rule written for an older version, or restored from a backup, may not run here: it
            // stays switched off, and says why.
            const usable = checkRulePattern(rule.target, rule.match, rule.pattern);
            return (
              <li key={rule.id} class="rule-row">
                <label>
                  <input
                    type="checkbox"
                    checked={rule.enabled}
                    disabled={!usable.ok}
                    aria-describedby={usable.ok ? undefined : `rule-problem-${index}`}
                    onChange={(event) => update(rule.id, { enabled: event.currentTarget.checked })}
                  />
                  <span class="visually-hidden">{t('ruleOn')}</span>{' '}
                  <span class="rule-label">{describeRule(rule)}</span>
                </label>
                {!usable.ok && (
                  <span id={`rule-problem-${index}`} class="problem">
                    {t('switchedOff', sentence(usable.reason))}
                  </span>
                )}
                <select aria-label={t('actionForRule', describeRule(rule))} value={rule.action} onChange={(event) => update(rule.id, { action: event.currentTarget.value as RuleAction })}>
                  {ACTIONS.map((action) => (
                    <option key={action} value={action}>
                      {ruleActionVerb(action)}
                    </option>
                  ))}
                </select>
                <span class="muted rule-count">{page ? plural(countFor(index) ?? 0, 'matchesHereOne', 'matchesHere', String(countFor(index) ?? 0)) : ''}</span>
                <button type="button" class="button" aria-label={t('deleteRuleNamed', describeRule(rule))} onClick={() => void remove(rule, index)}>
                  {t('delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p class="muted">{page ? t('countsAreForTheOpenPage', page.title || page.url, cards(page.cards)) : t('openAListingToCount')}</p>
      <p class={outcome?.tone === 'error' ? 'problem' : 'done'} role={outcome?.tone === 'error' ? 'alert' : 'status'}>
        {outcome?.text ?? ''}
        {deleted && outcome?.tone === 'done' && outcome.text === t('ruleDeleted', describeRule(deleted.rule)) && (
          <>
            {' '}
            <button type="button" class="button" onClick={() => void undoDelete()}>
              {t('undo')}
            </button>
          </>
        )}
      </p>
    </section>
  );
}

function matchLine(count: number | null | undefined, page: { cards: number } | undefined): string {
  if (!page) return t('ruleValidNoPage');
  return t('ruleValidMatches', count ?? 0, cards(page.cards));
}
