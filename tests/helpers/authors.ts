import { signUp } from '$lib/server/accounts';
import type { Author } from '$lib/server/courses/authoring';
import type { Db } from '$lib/server/db';
import { applyForOrganization } from '$lib/server/orgs';

/** A new account of `kind`, as an author of courses would be identified. */
export async function account(db: Db, username: string, kind: 'learner' | 'org_member'): Promise<Author> {
	const result = await signUp(db, { username, password: 'authors write well', kind, background: null, locale: 'my' }, 'x');
	if (!result.ok) throw new Error(result.error);
	return { userId: result.userId, kind };
}

/** The owner of a new organization named "<username> org", vetted. */
export async function vettedOrgMember(db: Db, username: string): Promise<Author> {
	const member = await account(db, username, 'org_member');
	await applyForOrganization(db, member.userId, { name: `${username} org`, kind: 'ngo', description: '' });
	// Vetting by an administrator arrives with the matching work; here its outcome is set directly.
	await db.updateTable('organization').set({ status: 'vetted' }).where('created_by', '=', member.userId).execute();
	return member;
}
