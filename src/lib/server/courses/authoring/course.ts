/**
 * A course as a whole: starting one, its details, the skills completing it grants, and
 * publishing it. Who may do each: authors.ts.
 */
import { inTransaction, type Db } from '../../db';
import { liveLessons } from '../contents';
import type { CourseAudience, CourseCategory, CourseExpert, CourseStatus } from '../../schema';
import { COURSE_LEVEL_MAX } from '../../../courses/levels';
import { publicationApproved, recordPublication } from '../review';
import { publishCourse, refreshCourseIndex } from '../catalogue';
import { randomToken } from '../../auth/tokens';
import { skillIdFrom, slugify } from '../../text/slug';
import {
	authorScope,
	editable,
	touch,
	type Author,
	type AuthorResult,
	type Bilingual,
	type Scope
} from './authors';

export interface CourseDetails {
	category: CourseCategory;
	audience: CourseAudience;
	title: Bilingual;
	summary: Bilingual;
	/** A practical skill, which needs in-person practice: completing the course records less (courses/levels.ts). */
	practical?: boolean;
	/** Which subject expert must review it. */
	expert?: CourseExpert | null;
}

const detailColumns = (details: CourseDetails) => ({
	category: details.category,
	audience: details.audience,
	title_my: details.title.my,
	title_en: details.title.en,
	summary_my: details.summary.my,
	summary_en: details.summary.en,
	practical: details.practical ? 1 : 0,
	expert: details.expert ?? null
});

/**
 * Starts a draft course owned by the author's organization (none for administrators), with an
 * id made from its English title and a random suffix.
 */
export async function addCourse(
	db: Db,
	author: Author,
	details: CourseDetails,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	const id = `${slugify(details.title.en) || 'course'}-${randomToken(3)}`;
	return inTransaction(db, async (db) => {
		const scope = await authorScope(db, author);
		if (!scope) return { ok: false, error: 'not_author' };
		if (await db.selectFrom('course').select('id').where('id', '=', id).executeTakeFirst())
			return { ok: false, error: 'id_taken' };
		await db
			.insertInto('course')
			.values({
				id,
				version: 1,
				...detailColumns(details),
				status: 'draft',
				owner_org_id: scope.admin ? null : scope.orgId,
				origin: 'authored',
				sources: '[]',
				size_bytes: 0,
				created_at: now,
				updated_at: now,
				published_at: null
			})
			.execute();
		await refreshCourseIndex(db, id);
		return { ok: true, id };
	});
}

export async function updateCourseDetails(
	db: Db,
	author: Author,
	courseId: string,
	details: CourseDetails,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		await db.updateTable('course').set(detailColumns(details)).where('id', '=', courseId).execute();
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/**
 * Sets the skills a course grants from skills that exist, plus at most one new skill named by
 * the author (a skill with the same id is reused).
 */
export async function chooseCourseSkills(
	db: Db,
	author: Author,
	courseId: string,
	picks: { id: string; level: number }[],
	newSkill: { name: Bilingual; level: number } | null,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const scope = (await authorScope(db, author))!;
	const known = picks.length
		? await visibleSkills(db, scope)
				.where(
					'id',
					'in',
					picks.map((p) => p.id)
				)
				.execute()
		: [];
	if (known.length !== picks.length) return { ok: false, error: 'no_skill' };
	const skills = picks.map((p) => {
		const skill = known.find((k) => k.id === p.id)!;
		return { id: p.id, level: p.level, name: { my: skill.name_my, en: skill.name_en } };
	});
	if (newSkill) {
		const id = skillIdFrom(newSkill.name.en) || `skill_${randomToken(4)}`;
		if (!skills.some((s) => s.id === id))
			skills.push({ id, level: newSkill.level, name: newSkill.name });
	}
	return setCourseSkills(db, author, courseId, skills, now);
}

/**
 * The skills (with level) that completing the course grants: at most "working", as a quiz on a
 * phone can show no more (courses/levels.ts). A skill new to Lanpya that an organization names
 * is its proposal: nobody else sees it until an administrator places it (skills/editing.ts).
 */
async function setCourseSkills(
	db: Db,
	author: Author,
	courseId: string,
	skills: { id: string; level: number; name: Bilingual }[],
	now: number
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		if (skills.some((s) => !Number.isInteger(s.level) || s.level < 1 || s.level > COURSE_LEVEL_MAX))
			return { ok: false, error: 'level_too_high' };
		const scope = (await authorScope(db, author))!;
		await inTransaction(db, async (trx) => {
			for (const skill of skills) {
				await trx
					.insertInto('skill')
					.values({
						id: skill.id,
						name_my: skill.name.my,
						name_en: skill.name.en,
						proposed_by_org: scope.admin ? null : scope.orgId
					})
					.onConflict((oc) => oc.column('id').doNothing())
					.execute();
			}
			await trx.deleteFrom('course_skill').where('course_id', '=', courseId).execute();
			if (skills.length) {
				await trx
					.insertInto('course_skill')
					.values(skills.map((s) => ({ course_id: courseId, skill_id: s.id, level: s.level })))
					.execute();
			}
		});
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/** The skills an author may name: every accepted skill, and those the author's own organization proposed. */
export function visibleSkills(db: Db, scope: Scope) {
	const query = db.selectFrom('skill').selectAll();
	return scope.admin
		? query
		: query.where((eb) =>
				eb.or([eb('proposed_by_org', 'is', null), eb('proposed_by_org', '=', scope.orgId)])
			);
}

/**
 * Publishes (learners see it) or returns to draft (learners do not). An organization's course
 * is published the first time only by an administrator's approval: asking to publish it makes
 * it `submitted` until then (courses/review.ts); once approved, its organization publishes and
 * withdraws it itself. An administrator publishing an organization's course approves it.
 */
export async function setPublished(
	db: Db,
	author: Author,
	courseId: string,
	published: boolean,
	now = Date.now()
): Promise<AuthorResult<{ status: CourseStatus }>> {
	return inTransaction(db, async (db) => {
		const course = await editable(db, author, courseId);
		if (!course) return { ok: false, error: 'no_course' };
		if (!published) {
			await db
				.updateTable('course')
				.set({ status: 'draft', updated_at: now })
				.where('id', '=', courseId)
				.execute();
			await refreshCourseIndex(db, courseId);
			return { ok: true, status: 'draft' };
		}
		if ((await publishProblems(db, courseId)).length > 0) return { ok: false, error: 'not_ready' };
		const needsApproval =
			course.owner_org_id !== null && !(await publicationApproved(db, courseId));
		if (needsApproval && author.kind !== 'admin') {
			if (course.status !== 'submitted')
				await db
					.updateTable('course')
					.set({ status: 'submitted', review_note: '', updated_at: now })
					.where('id', '=', courseId)
					.execute();
			return { ok: true, status: 'submitted' };
		}
		if (needsApproval) await recordPublication(db, courseId, course.version, author.userId, now);
		await publishCourse(db, course, now);
		return { ok: true, status: 'published' };
	});
}

export type PublishProblem = { kind: 'no_lessons' } | { kind: 'empty_module'; module: Bilingual };

/** Why a course cannot be published yet: it needs lessons, and no module may be empty. */
export async function publishProblems(db: Db, courseId: string): Promise<PublishProblem[]> {
	const modules = await db
		.selectFrom('course_module')
		.select(['id', 'title_my', 'title_en'])
		.where('course_id', '=', courseId)
		.orderBy('position')
		.execute();
	const lessons = await liveLessons(db, courseId).select('module_id').execute();
	if (lessons.length === 0) return [{ kind: 'no_lessons' }];
	return modules
		.filter((m) => !lessons.some((l) => l.module_id === m.id))
		.map((m) => ({ kind: 'empty_module' as const, module: { my: m.title_my, en: m.title_en } }));
}
