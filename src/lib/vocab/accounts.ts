/** Kinds of account: a learner, a member of a partner organization, a Lanpya administrator. */
export const ACCOUNT_KINDS = ['learner', 'org_member', 'admin'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Who a learner says they are, if they say (the choice is optional; no value means not said). */
export const BACKGROUNDS = ['former_soldier', 'former_police', 'family', 'other'] as const;
export type Background = (typeof BACKGROUNDS)[number];
