import { createAdministrator, signUp } from '$lib/server/accounts/sign-in';
import { setPublished } from '$lib/server/courses/authoring/course';
import { type Author } from '$lib/server/courses/authoring/authors';
import { reviewCoursePublication } from '$lib/server/courses/review';
import { randomToken } from '$lib/server/auth/tokens';
import type { Db } from '$lib/server/db';
import { applyForOrganization } from '$lib/server/orgs/membership';
import { decideOrganization } from '$lib/server/orgs/vetting';

/** A new account of `kind`, as an author of courses would be identified. */
export async function account(
	db: Db,
	username: string,
	kind: 'learner' | 'org_member'
): Promise<Author> {
	const result = await signUp(
		db,
		{ username, password: 'authors write well', kind, background: null, locale: 'my' },
		'x'
	);
	if (!result.ok) throw new Error(result.error);
	return { userId: result.userId, kind };
}

/** The owner of a new organization named "<username> org", vetted. */
export async function vettedOrgMember(db: Db, username: string): Promise<Author> {
	const member = await account(db, username, 'org_member');
	const applied = await applyForOrganization(db, member.userId, {
		name: `${username} org`,
		kind: 'ngo',
		description: ''
	});
	if (!applied.ok) throw new Error(applied.error);
	// Vetted by an administrator, as in the app.
	const admin = await createAdministrator(db, `${username}-vetter`);
	if (!admin.ok) throw new Error(admin.error);
	const vetted = await decideOrganization(db, admin.userId, applied.orgId, 'vet', '');
	if (!vetted.ok) throw new Error(vetted.error);
	return member;
}

/**
 * Publishes a course as the app does: its author publishes; an organization's course that was
 * never approved waits, and a new administrator approves it as it stands.
 */
export async function publishApproved(db: Db, author: Author, courseId: string): Promise<void> {
	const asked = await setPublished(db, author, courseId, true);
	if (!asked.ok) throw new Error(asked.error);
	if (asked.status === 'published') return;
	const admin = await createAdministrator(db, `approver${randomToken(4)}`);
	if (!admin.ok) throw new Error(admin.error);
	const course = await db
		.selectFrom('course')
		.select('updated_at')
		.where('id', '=', courseId)
		.executeTakeFirstOrThrow();
	const approved = await reviewCoursePublication(
		db,
		admin.userId,
		courseId,
		'approve',
		'',
		course.updated_at
	);
	if (!approved.ok) throw new Error(approved.error);
}
