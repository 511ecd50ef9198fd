/**
 * The starter data's examples (services/example.ts, trainings/example.ts): given by an
 * organization named as Lanpya's example, made once, removed one by one by an administrator.
 */
import type { Db } from '../db';
import type { Result } from '$lib/result';
import { newId } from '../auth/tokens';
import { isAdmin } from '../accounts/admins';

/**
 * Makes the examples' organization, vetted, unless one of that name made by no one exists (made
 * before: its examples may have been removed since, and must not come back). Its id, or null.
 */
export async function makeExampleOrganization(
	trx: Db,
	name: string,
	areas: string[],
	now: number
): Promise<string | null> {
	const made = await trx
		.selectFrom('organization')
		.select('id')
		.where('name', '=', name)
		.where('created_by', 'is', null)
		.executeTakeFirst();
	if (made) return null;
	const id = newId();
	await trx
		.insertInto('organization')
		.values({
			id,
			name,
			kind: 'ngo',
			description: '',
			status: 'vetted',
			created_by: null,
			created_at: now,
			reviewed_at: now,
			areas: JSON.stringify(areas)
		})
		.execute();
	return id;
}

/** An administrator removes an example service or training, for good. Only an example can be removed. */
export async function removeExample(
	db: Db,
	table: 'service' | 'training',
	adminId: string,
	id: string
): Promise<Result<object, 'not_admin' | 'not_example'>> {
	if (!(await isAdmin(db, adminId))) return { ok: false, error: 'not_admin' };
	const removed = await db
		.deleteFrom(table)
		.where('id', '=', id)
		.where('example', '=', 1)
		.executeTakeFirst();
	return Number(removed.numDeletedRows) > 0 ? { ok: true } : { ok: false, error: 'not_example' };
}
