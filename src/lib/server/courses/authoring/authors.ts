/**
 * Who may author what. Administrators may author any course made in the app; members of a
 * vetted organization only their organization's courses. Starter courses are edited as files in
 * content/courses, never here. Every edit of a published course bumps its version (`touch`);
 * lessons and quizzes keep their ids, so learners' progress survives. Each edit, its version
 * bump and the search index are written in one transaction: a full database refuses the edit
 * whole. The edits themselves: course.ts, lessons.ts (modules and lessons), quizzes.ts,
 * images.ts.
 */
import type { Db } from '../../db';
import type { AccountKind } from '../../schema';
import type { ImageError } from '../../media/images';
import type { ClipError } from '../../media/clips';
import { refreshCourseIndex } from '../catalogue';
import type { Result } from '$lib/result';

export interface Author {
	userId: string;
	kind: AccountKind;
}

export type AuthorError =
	| 'not_author'
	| 'no_course'
	| 'id_taken'
	| 'no_module'
	| 'no_lesson'
	| 'no_quiz'
	| 'no_question'
	| 'quiz_exists'
	| 'last_question'
	| 'no_skill'
	| 'not_ready'
	| 'level_too_high'
	| 'no_clip'
	| ImageError
	| `clip_${ClipError}`;
export type AuthorResult<T extends object = object> = Result<T, AuthorError>;

export type Scope = { admin: true } | { admin: false; orgId: string };

export type Bilingual = { my: string; en: string };

/** The signed-in account as an author; what it may edit is decided by each function. */
export function authorOf(user: { id: string; kind: AccountKind }): Author {
	return { userId: user.id, kind: user.kind };
}

/** Who may author, and for which organization; null for everyone else. */
export async function authorScope(db: Db, author: Author): Promise<Scope | null> {
	if (author.kind === 'admin') return { admin: true };
	if (author.kind !== 'org_member') return null;
	const membership = await db
		.selectFrom('org_member')
		.innerJoin('organization', 'organization.id', 'org_member.org_id')
		.select(['organization.id', 'organization.status'])
		.where('org_member.user_id', '=', author.userId)
		.executeTakeFirst();
	return membership?.status === 'vetted' ? { admin: false, orgId: membership.id } : null;
}

/** The course, if this author may edit it. */
export async function editable(db: Db, author: Author, courseId: string) {
	const scope = await authorScope(db, author);
	if (!scope) return null;
	let query = db
		.selectFrom('course')
		.selectAll()
		.where('id', '=', courseId)
		.where('origin', '=', 'authored');
	if (!scope.admin) query = query.where('owner_org_id', '=', scope.orgId);
	return (await query.executeTakeFirst()) ?? null;
}

/** Records an edit: a published course gets a new version and a fresh search index. */
export async function touch(db: Db, courseId: string, now: number): Promise<void> {
	const course = await db
		.selectFrom('course')
		.select(['status', 'version'])
		.where('id', '=', courseId)
		.executeTakeFirstOrThrow();
	const version = course.status === 'published' ? course.version + 1 : course.version;
	await db
		.updateTable('course')
		.set({ updated_at: now, version })
		.where('id', '=', courseId)
		.execute();
	await refreshCourseIndex(db, courseId);
}

/** The first id `prefix-N` not used yet among `taken`. */
export function nextId(prefix: string, taken: string[]): string {
	for (let n = taken.length + 1; ; n++)
		if (!taken.includes(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
