/**
 * An account's settings (language, a learner's background) and the count of accounts.
 */
import type { Db } from '../db';
import type { AccountKind, Background, Locale } from '../schema';

export async function setLocale(db: Db, userId: string, locale: Locale): Promise<void> {
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
}

/** Learners may state, change or clear their background at any time; it is never required. */
export async function setBackground(
	db: Db,
	userId: string,
	background: Background | null
): Promise<void> {
	await db
		.updateTable('user')
		.set({ background })
		.where('id', '=', userId)
		.where('kind', '=', 'learner')
		.execute();
}

/** Counts of accounts per kind, for the administrators' overview. No names. */
export async function countAccounts(db: Db): Promise<Record<AccountKind, number>> {
	const rows = await db
		.selectFrom('user')
		.select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('kind')
		.execute();
	const counts: Record<AccountKind, number> = { learner: 0, org_member: 0, admin: 0 };
	for (const row of rows) counts[row.kind] = Number(row.n);
	return counts;
}
