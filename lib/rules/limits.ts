/** Upper bounds: a rule list is stored and backed up whole, and every rule costs time on every card. */
export const RULE_LIMITS = {
  id: 64,
  pattern: 500,
  rules: 500,
} as const;
