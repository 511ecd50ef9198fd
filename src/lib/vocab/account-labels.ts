import * as m from '$lib/paraglide/messages';
import type { AccountKind } from './accounts';

/** Kinds of account, as the account's pages name them. */
export const accountKindNames = {
	learner: m.account_kind_learner,
	org_member: m.account_kind_org_member,
	admin: m.account_kind_admin
} satisfies Record<AccountKind, () => string>;
