import type { Db } from '../db';

/** Whether the account is an administrator's (in the transaction `db`, when given one). */
export async function isAdmin(db: Db, userId: string): Promise<boolean> {
	const user = await db
		.selectFrom('user')
		.select('kind')
		.where('id', '=', userId)
		.executeTakeFirst();
	return user?.kind === 'admin';
}
