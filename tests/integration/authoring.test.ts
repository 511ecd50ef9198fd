import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Author } from '$lib/server/courses/authoring/authors';
import {
	addCourse,
	chooseCourseSkills,
	setPublished,
	updateCourseDetails
} from '$lib/server/courses/authoring/course';
import { addModule } from '$lib/server/courses/authoring/modules';
import {
	addLesson,
	moveLesson,
	retireLesson,
	updateLesson
} from '$lib/server/courses/authoring/lessons';
import { addQuiz } from '$lib/server/courses/authoring/quizzes';
import { addCourseImage } from '$lib/server/courses/authoring/images';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { courseProgress, enrol, markLessonDone, submitQuiz } from '$lib/server/courses/progress';
import { coursesSubmitted, reviewCoursePublication } from '$lib/server/courses/review';
import { getCourseDraft, listSkills } from '$lib/server/courses/drafts';
import { createRole } from '$lib/server/roles/editing';
import { declareSkills } from '$lib/server/skills/profile';
import { editSkill, skillForAdmin } from '$lib/server/skills/editing';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { roleInput } from '../helpers/roles';
import { getCourseOutline, listCourses } from '$lib/server/courses/reading';
import type { Db } from '$lib/server/db';
import { applyForOrganization } from '$lib/server/orgs/membership';
import { freshDb } from '../helpers/db';
import {
	account as accountIn,
	publishApproved,
	vettedOrgMember as vettedIn
} from '../helpers/authors';

let db: Db;
let cleanup: () => Promise<void>;
let mediaDir: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-media-'));
});
afterEach(async () => {
	await cleanup();
	fs.rmSync(mediaDir, { recursive: true, force: true });
});

const account = (username: string, kind: 'learner' | 'org_member') => accountIn(db, username, kind);
const vettedOrgMember = (username: string) => vettedIn(db, username);

const details = {
	category: 'vocational' as const,
	audience: 'families' as const,
	title: { my: 'မုန့်ဖုတ်ခြင်း', en: 'Baking bread' },
	summary: { my: 'ပေါင်မုန့် ဖုတ်နည်း', en: 'How to bake bread to sell' }
};
/** A lesson's text as the lesson page sends it, named `name`. */
const lesson = (name: string, my = 'ဂျုံမှုန့်နှင့် ရေ', en = 'Flour and water') => ({
	minutes: 5,
	title: { my: name, en: name },
	body: { my, en }
});
const baking = { name: { my: 'မုန့်ဖုတ်', en: 'Baking' }, level: 1 };

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result as Extract<T, { ok: true }>;
}

/**
 * A course as its author makes it on the authoring pages: one module with the lessons "dough"
 * and "oven", a quiz of one true-or-false question (answered `true`), granting "Baking".
 */
async function buildCourse(author: Author, title = 'Baking bread') {
	const id = ok(
		await addCourse(db, author, { ...details, title: { ...details.title, en: title } })
	).id;
	const part = ok(await addModule(db, author, id, { my: 'အခြေခံ', en: 'Basics' })).id;
	const dough = ok(await addLesson(db, author, id, { moduleId: part, ...lesson('dough') })).id;
	const oven = ok(
		await addLesson(db, author, id, {
			moduleId: part,
			...lesson('oven', 'မီးဖိုကို အပူပေးပါ', 'Heat the oven')
		})
	).id;
	const quiz = ok(
		await addQuiz(
			db,
			author,
			id,
			part,
			{ title: { my: 'စာမေးပွဲ', en: 'Quiz' }, passMark: 80 },
			{
				type: 'true_false',
				prompt: { my: 'မှန်လား', en: 'True?' },
				answer: true,
				explanation: { my: 'မှန်', en: 'Yes' }
			}
		)
	).id;
	expect(await chooseCourseSkills(db, author, id, [], baking)).toEqual({ ok: true });
	return { id, part, dough, oven, quiz, answers: { 'question-1': true } };
}

describe('who may author', () => {
	it('learners and members of organizations not yet vetted may not', async () => {
		const learner = await account('learner', 'learner');
		expect(await addCourse(db, learner, details)).toEqual({
			ok: false,
			error: 'not_author'
		});
		const pending = await account('pending', 'org_member');
		await applyForOrganization(db, pending.userId, {
			name: 'Pending org',
			kind: 'ngo',
			description: ''
		});
		expect(await addCourse(db, pending, details)).toEqual({
			ok: false,
			error: 'not_author'
		});
		expect(await db.selectFrom('course').selectAll().execute()).toHaveLength(0);
	});

	it("organization A can never edit organization B's course; administrators can", async () => {
		const a = await vettedOrgMember('org-a');
		const b = await vettedOrgMember('org-b');
		const course = await buildCourse(a);
		expect(
			await updateLesson(db, b, course.id, {
				id: course.dough,
				...lesson('dough', 'ဖျက်', 'defaced')
			})
		).toEqual({
			ok: false,
			error: 'no_course'
		});
		expect(
			await updateCourseDetails(db, b, course.id, { ...details, title: { my: 'x', en: 'x' } })
		).toEqual({ ok: false, error: 'no_course' });
		expect(await setPublished(db, b, course.id, true)).toEqual({
			ok: false,
			error: 'no_course'
		});
		expect(await retireLesson(db, b, course.id, course.dough)).toEqual({
			ok: false,
			error: 'no_course'
		});
		const body = await db
			.selectFrom('lesson')
			.select('body_en')
			.where('course_id', '=', course.id)
			.where('id', '=', course.dough)
			.executeTakeFirstOrThrow();
		expect(body.body_en).toBe('Flour and water');

		const admin = await createAdministrator(db, 'admin');
		if (!admin.ok) throw new Error();
		// An administrator publishing an organization's course approves it.
		expect(
			await setPublished(db, { userId: admin.userId, kind: 'admin' }, course.id, true)
		).toEqual({ ok: true, status: 'published' });
		expect(await db.selectFrom('course_review').select(['kind', 'marked_by']).execute()).toEqual([
			{ kind: 'publication', marked_by: admin.userId }
		]);
	});

	it('starter courses are not editable in the app', async () => {
		const admin = await createAdministrator(db, 'admin');
		if (!admin.ok) throw new Error();
		await db
			.insertInto('course')
			.values({
				id: 'starter',
				version: 1,
				category: 'computer',
				audience: 'everyone',
				title_my: 'a',
				title_en: 'a',
				summary_my: 'a',
				summary_en: 'a',
				status: 'published',
				owner_org_id: null,
				origin: 'starter',
				sources: '[]',
				size_bytes: 0,
				created_at: 0,
				updated_at: 0,
				published_at: 0
			})
			.execute();
		expect(
			await addModule(db, { userId: admin.userId, kind: 'admin' }, 'starter', {
				my: 'x',
				en: 'x'
			})
		).toEqual({ ok: false, error: 'no_course' });
	});
});

describe('a course made in the app', () => {
	it('reaches learners only once an administrator approved its first publication, as read; then its organization publishes itself', async () => {
		const author = await vettedOrgMember('bakers');
		const course = await buildCourse(author);
		expect(await listCourses(db, {}, 'my')).toEqual([]);
		expect(await setPublished(db, author, course.id, true)).toEqual({
			ok: true,
			status: 'submitted'
		});
		const learner = await account('learner', 'learner');
		// Waiting: no learner finds it, opens it or enrols.
		expect(await listCourses(db, { q: 'ဂျုံ' }, 'my')).toEqual([]);
		expect(await getCourseOutline(db, course.id, 'en')).toBeNull();
		expect(await enrol(db, learner.userId, course.id)).toEqual({
			ok: false,
			error: 'no_course'
		});
		expect(await coursesSubmitted(db)).toBe(1);

		const admin = await createAdministrator(db, 'admin');
		if (!admin.ok) throw new Error(admin.error);
		const seen = async () =>
			(
				await db
					.selectFrom('course')
					.select('updated_at')
					.where('id', '=', course.id)
					.executeTakeFirstOrThrow()
			).updated_at;
		// Only an administrator approves, and only the text they read: a change since is refused.
		expect(
			await reviewCoursePublication(db, author.userId, course.id, 'approve', '', await seen())
		).toEqual({ ok: false, error: 'not_admin' });
		const read = await seen();
		await updateLesson(
			db,
			author,
			course.id,
			{ id: course.oven, ...lesson('oven', 'မီးဖို', 'Download our app from this link') },
			read + 1
		);
		expect(await reviewCoursePublication(db, admin.userId, course.id, 'approve', '', read)).toEqual(
			{ ok: false, error: 'changed' }
		);
		expect(
			await reviewCoursePublication(
				db,
				admin.userId,
				course.id,
				'return',
				'Remove the download link',
				await seen()
			)
		).toEqual({ ok: true });
		expect(await getCourseDraft(db, author, course.id)).toMatchObject({
			status: 'draft',
			reviewNote: 'Remove the download link',
			needsApproval: true
		});

		await updateLesson(db, author, course.id, {
			id: course.oven,
			...lesson('oven', 'မီးဖိုကို အပူပေးပါ', 'Heat the oven')
		});
		expect(await setPublished(db, author, course.id, true)).toEqual({
			ok: true,
			status: 'submitted'
		});
		expect(
			await reviewCoursePublication(db, admin.userId, course.id, 'approve', '', await seen(), 9000)
		).toEqual({ ok: true });
		const found = await listCourses(db, { q: 'ဂျုံ' }, 'my');
		expect(found.map((c) => c.id)).toEqual([course.id]);
		expect(found[0].sizeBytes).toBeGreaterThan(0);
		expect(await db.selectFrom('course_review').selectAll().execute()).toEqual([
			{
				course_id: course.id,
				course_version: 1,
				kind: 'publication',
				marked_by: admin.userId,
				marked_at: 9000,
				note: ''
			}
		]);
		expect(
			await reviewCoursePublication(db, admin.userId, course.id, 'approve', '', await seen())
		).toEqual({ ok: false, error: 'not_submitted' });

		// Approved once: withdrawing and publishing again needs nobody.
		expect(await setPublished(db, author, course.id, false)).toEqual({
			ok: true,
			status: 'draft'
		});
		expect(await setPublished(db, author, course.id, true)).toEqual({
			ok: true,
			status: 'published'
		});
		// An administrator's own course never waits.
		const own = { userId: admin.userId, kind: 'admin' as const };
		const ownCourse = await buildCourse(own, 'Admin bread');
		expect(await setPublished(db, own, ownCourse.id, true)).toEqual({
			ok: true,
			status: 'published'
		});
	});

	it('keeps a skill an organization names waiting for an administrator: no learner, candidate list or other organization sees it and nobody gets it, until it is accepted', async () => {
		await loadTaxonomy(db, readTaxonomy());
		const author = await vettedOrgMember('sourdough');
		const course = await buildCourse(author);
		const sourdough = {
			id: 'sourdough_starters',
			level: 1,
			name: { my: 'တဆေးမှို မွေးခြင်း', en: 'Sourdough starters' }
		};
		expect(
			await chooseCourseSkills(db, author, course.id, [], { name: sourdough.name, level: 1 })
		).toEqual({ ok: true });
		await publishApproved(db, author, course.id);
		expect((await getCourseOutline(db, course.id, 'en'))?.skills).toEqual([]);
		// Its own organization sees its proposal; another sees nothing and cannot use it.
		expect((await listSkills(db, author)).find((s) => s.id === sourdough.id)).toMatchObject({
			proposed: true
		});
		const other = await vettedOrgMember('otherbakery');
		expect((await listSkills(db, other)).map((s) => s.id)).not.toContain(sourdough.id);
		const otherCourse = await buildCourse(other, 'Other bread');
		expect(
			await chooseCourseSkills(db, other, otherCourse.id, [{ id: sourdough.id, level: 1 }], null)
		).toEqual({ ok: false, error: 'no_skill' });
		expect(
			await createRole(
				db,
				other.userId,
				roleInput('Baker', [{ id: sourdough.id, level: 1, required: true }])
			)
		).toEqual({ ok: false, error: 'no_skill' });
		expect(
			await createRole(
				db,
				author.userId,
				roleInput('Baker', [{ id: sourdough.id, level: 1, required: true }])
			)
		).toEqual({ ok: false, error: 'no_skill' });
		const learner = await account('learner', 'learner');
		expect(await declareSkills(db, learner.userId, [{ id: sourdough.id, level: 1 }])).toEqual({
			ok: false,
			error: 'no_skill'
		});

		// Completing the course grants nothing of it yet...
		await markLessonDone(db, learner.userId, course.id, course.dough, 100);
		await markLessonDone(db, learner.userId, course.id, course.oven, 200);
		await submitQuiz(db, learner.userId, course.id, course.quiz, course.answers, 300);
		expect((await courseProgress(db, learner.userId, course.id)).completedAt).toBe(300);
		expect(
			await db.selectFrom('user_skill').selectAll().where('user_id', '=', learner.userId).execute()
		).toEqual([]);

		// ...until an administrator places it: then everyone sees it, and those who completed the course get it, dated then.
		const admin = await createAdministrator(db, 'placer');
		if (!admin.ok) throw new Error(admin.error);
		const levels = {
			basic: { my: 'က', en: 'Keeps a starter alive.' },
			working: { my: 'ခ', en: 'Bakes with it.' },
			teach: { my: 'ဂ', en: 'Teaches it.' }
		};
		expect(await skillForAdmin(db, sourdough.id)).toMatchObject({
			groupId: null,
			proposedBy: 'sourdough org'
		});
		expect(
			await editSkill(db, admin.userId, sourdough.id, {
				group: 'food',
				name: sourdough.name,
				levels
			})
		).toEqual({ ok: true });
		expect(
			await db
				.selectFrom('user_skill')
				.select(['skill_id', 'level', 'source', 'granted_at'])
				.where('user_id', '=', learner.userId)
				.execute()
		).toEqual([{ skill_id: sourdough.id, level: 1, source: 'course', granted_at: 300 }]);
		expect((await getCourseOutline(db, course.id, 'en'))?.skills.map((s) => s.id)).toEqual([
			sourdough.id
		]);
		expect((await listSkills(db, other)).map((s) => s.id)).toContain(sourdough.id);
	});

	it('grants a skill at most at "working", and a practical course "basic", saying the level it aims at', async () => {
		const admin = await createAdministrator(db, 'levels');
		if (!admin.ok) throw new Error(admin.error);
		const own = { userId: admin.userId, kind: 'admin' as const };
		const bread = await buildCourse(own, 'Bread');
		// "Can teach" is never a course's to give.
		expect(await chooseCourseSkills(db, own, bread.id, [{ id: 'baking', level: 3 }], null)).toEqual(
			{
				ok: false,
				error: 'level_too_high'
			}
		);
		expect(await chooseCourseSkills(db, own, bread.id, [{ id: 'baking', level: 2 }], null)).toEqual(
			{
				ok: true
			}
		);
		const clinic = await buildCourse(own, 'Clinic');
		expect(
			await updateCourseDetails(db, own, clinic.id, {
				...details,
				practical: true,
				expert: 'medical'
			})
		).toEqual({ ok: true });
		expect(
			await chooseCourseSkills(db, own, clinic.id, [], {
				name: { my: 'ရှေးဦးသူနာပြုစုခြင်း', en: 'First aid' },
				level: 2
			})
		).toEqual({ ok: true });
		// A course named "can teach" before this rule still grants "working" at most.
		const older = await buildCourse(own, 'Older');
		await db
			.updateTable('course_skill')
			.set({ level: 3 })
			.where('course_id', '=', older.id)
			.where('skill_id', '=', 'baking')
			.execute();
		for (const { id } of [bread, clinic, older]) await setPublished(db, own, id, true);

		expect((await getCourseOutline(db, bread.id, 'en'))?.skills).toEqual([
			{ id: 'baking', name: 'Baking', level: 2, aim: 2 }
		]);
		expect(await getCourseOutline(db, clinic.id, 'en')).toMatchObject({
			practical: true,
			skills: [{ id: 'first_aid', level: 1, aim: 2 }],
			reviews: { expert: 'medical', language: null, expertReview: null }
		});
		const learner = await account('learner', 'learner');
		for (const course of [bread, clinic, older]) {
			await markLessonDone(db, learner.userId, course.id, course.dough);
			await markLessonDone(db, learner.userId, course.id, course.oven);
			await submitQuiz(db, learner.userId, course.id, course.quiz, course.answers);
		}
		expect(
			await db
				.selectFrom('user_skill')
				.select(['skill_id', 'level', 'source_ref'])
				.where('user_id', '=', learner.userId)
				.orderBy('source_ref')
				.execute()
		).toEqual([
			{ skill_id: 'baking', level: 2, source_ref: bread.id },
			{ skill_id: 'first_aid', level: 1, source_ref: clinic.id },
			{ skill_id: 'baking', level: 2, source_ref: older.id }
		]);
	});

	it('gets a new version on every edit after publishing, and learners keep their progress', async () => {
		const author = await vettedOrgMember('bakers');
		const course = await buildCourse(author);
		await publishApproved(db, author, course.id);
		const learner = await account('learner', 'learner');
		await markLessonDone(db, learner.userId, course.id, course.dough);
		await submitQuiz(db, learner.userId, course.id, course.quiz, course.answers);

		await updateLesson(db, author, course.id, {
			id: course.dough,
			...lesson('dough', 'ပြင်ဆင်ထားသည်', 'Edited')
		});
		const shaping = ok(
			await addLesson(db, author, course.id, { moduleId: course.part, ...lesson('shaping') })
		).id;
		expect(await moveLesson(db, author, course.id, shaping, 'up')).toEqual({ ok: true });
		const stored = await db
			.selectFrom('course')
			.select('version')
			.where('id', '=', course.id)
			.executeTakeFirstOrThrow();
		expect(stored.version).toBe(4);
		const outline = await getCourseOutline(db, course.id, 'en');
		expect(outline?.modules[0].lessons.map((l) => l.id)).toEqual([
			course.dough,
			shaping,
			course.oven
		]);

		const progress = await courseProgress(db, learner.userId, course.id);
		expect(progress.lessonsDone).toEqual([course.dough]);
		expect(progress.quizzes[0]).toMatchObject({ passed: true });
	});

	it('takes images only after re-encoding them, and refuses bad uploads', async () => {
		const author = await vettedOrgMember('bakers');
		const course = await buildCourse(author);
		const png = await sharp({
			create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } }
		})
			.png()
			.toBuffer();
		const added = await addCourseImage(db, author, course.id, png, mediaDir);
		if (!added.ok) throw new Error(added.error);
		expect(added.path).toMatch(new RegExp(`^/media/courses/${course.id}/[a-z0-9]+\\.webp$`));
		const stored = fs.readFileSync(path.join(mediaDir, course.id, path.basename(added.path)));
		expect((await sharp(stored).metadata()).width).toBe(800);
		expect(stored.length).toBeLessThanOrEqual(60 * 1024);

		expect(
			await addCourseImage(db, author, course.id, Buffer.from('<svg onload="alert(1)"/>'), mediaDir)
		).toEqual({ ok: false, error: 'unsupported_type' });
		expect(await addCourseImage(db, author, course.id, new Uint8Array(0), mediaDir)).toEqual({
			ok: false,
			error: 'empty'
		});
		expect(
			await addCourseImage(db, author, course.id, Buffer.alloc(50 * 1024 * 1024, 0xff), mediaDir)
		).toEqual({ ok: false, error: 'too_large' });
		const other = await vettedOrgMember('others');
		expect(await addCourseImage(db, other, course.id, png, mediaDir)).toEqual({
			ok: false,
			error: 'no_course'
		});
		expect(await db.selectFrom('course_image').selectAll().execute()).toHaveLength(1);
	});
});
