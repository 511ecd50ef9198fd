import type { AccountKind } from '$lib/server/schema';

/** Where each kind of account lands after signing in. */
export const homes: Record<AccountKind, string> = {
	learner: '/learn',
	org_member: '/org',
	admin: '/admin'
};
