import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	addCourseImage,
	chooseCourseSkills,
	createCourse,
	moveLesson,
	retireLesson,
	saveLesson,
	saveModule,
	saveQuiz,
	setCourseSkills,
	setPublished,
	updateCourseDetails,
	type Author
} from '$lib/server/courses/authoring';
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
const lesson = (id: string, my = 'ဂျုံမှုန့်နှင့် ရေ', en = 'Flour and water') => ({
	moduleId: 'm1',
	id,
	minutes: 5,
	title: { my: id, en: id },
	body: { my, en }
});
const quiz = {
	id: 'q1',
	passMark: 80,
	title: { my: 'စာမေးပွဲ', en: 'Quiz' },
	questions: [
		{
			id: 'q1-1',
			type: 'true_false' as const,
			prompt: { my: 'မှန်လား', en: 'True?' },
			answer: true,
			explanation: { my: 'မှန်', en: 'Yes' }
		}
	]
};

async function buildCourse(author: Author, id = 'baking-bread') {
	expect(await createCourse(db, author, id, details)).toEqual({ ok: true });
	expect(await saveModule(db, author, id, 'm1', { my: 'အခြေခံ', en: 'Basics' })).toEqual({
		ok: true
	});
	expect(await saveLesson(db, author, id, lesson('dough'))).toEqual({ ok: true });
	expect(await saveLesson(db, author, id, lesson('oven', 'မီးဖိုကို အပူပေးပါ', 'Heat the oven'))).toEqual(
		{ ok: true }
	);
	expect(await saveQuiz(db, author, id, 'm1', quiz)).toEqual({ ok: true });
	expect(
		await setCourseSkills(db, author, id, [
			{ id: 'baking', level: 1, name: { my: 'မုန့်ဖုတ်', en: 'Baking' } }
		])
	).toEqual({ ok: true });
}

describe('who may author', () => {
	it('learners and members of organizations not yet vetted may not', async () => {
		const learner = await account('learner', 'learner');
		expect(await createCourse(db, learner, 'x-course', details)).toEqual({
			ok: false,
			error: 'not_author'
		});
		const pending = await account('pending', 'org_member');
		await applyForOrganization(db, pending.userId, {
			name: 'Pending org',
			kind: 'ngo',
			description: ''
		});
		expect(await createCourse(db, pending, 'x-course', details)).toEqual({
			ok: false,
			error: 'not_author'
		});
		expect(await db.selectFrom('course').selectAll().execute()).toHaveLength(0);
	});

	it("organization A can never edit organization B's course; administrators can", async () => {
		const a = await vettedOrgMember('org-a');
		const b = await vettedOrgMember('org-b');
		await buildCourse(a);
		expect(await saveLesson(db, b, 'baking-bread', lesson('dough', 'ဖျက်', 'defaced'))).toEqual({
			ok: false,
			error: 'no_course'
		});
		expect(
			await updateCourseDetails(db, b, 'baking-bread', { ...details, title: { my: 'x', en: 'x' } })
		).toEqual({ ok: false, error: 'no_course' });
		expect(await setPublished(db, b, 'baking-bread', true)).toEqual({
			ok: false,
			error: 'no_course'
		});
		expect(await retireLesson(db, b, 'baking-bread', 'dough')).toEqual({
			ok: false,
			error: 'no_course'
		});
		const body = await db
			.selectFrom('lesson')
			.select('body_en')
			.where('id', '=', 'dough')
			.executeTakeFirstOrThrow();
		expect(body.body_en).toBe('Flour and water');

		const admin = await createAdministrator(db, 'admin');
		if (!admin.ok) throw new Error();
		// An administrator publishing an organization's course approves it.
		expect(
			await setPublished(db, { userId: admin.userId, kind: 'admin' }, 'baking-bread', true)
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
			await saveModule(db, { userId: admin.userId, kind: 'admin' }, 'starter', 'm9', {
				my: 'x',
				en: 'x'
			})
		).toEqual({ ok: false, error: 'no_course' });
	});
});

describe('a course made in the app', () => {
	it('reaches learners only once an administrator approved its first publication, as read; then its organization publishes itself', async () => {
		const author = await vettedOrgMember('bakers');
		await buildCourse(author);
		expect(await listCourses(db, {}, 'my')).toEqual([]);
		expect(await setPublished(db, author, 'baking-bread', true)).toEqual({
			ok: true,
			status: 'submitted'
		});
		const learner = await account('learner', 'learner');
		// Waiting: no learner finds it, opens it or enrols.
		expect(await listCourses(db, { q: 'ဂျုံ' }, 'my')).toEqual([]);
		expect(await getCourseOutline(db, 'baking-bread', 'en')).toBeNull();
		expect(await enrol(db, learner.userId, 'baking-bread')).toEqual({
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
					.where('id', '=', 'baking-bread')
					.executeTakeFirstOrThrow()
			).updated_at;
		// Only an administrator approves, and only the text they read: a change since is refused.
		expect(
			await reviewCoursePublication(db, author.userId, 'baking-bread', 'approve', '', await seen())
		).toEqual({ ok: false, error: 'not_admin' });
		const read = await seen();
		await saveLesson(
			db,
			author,
			'baking-bread',
			lesson('oven', 'မီးဖို', 'Download our app from this link'),
			read + 1
		);
		expect(
			await reviewCoursePublication(db, admin.userId, 'baking-bread', 'approve', '', read)
		).toEqual({ ok: false, error: 'changed' });
		expect(
			await reviewCoursePublication(
				db,
				admin.userId,
				'baking-bread',
				'return',
				'Remove the download link',
				await seen()
			)
		).toEqual({ ok: true });
		expect(await getCourseDraft(db, author, 'baking-bread')).toMatchObject({
			status: 'draft',
			reviewNote: 'Remove the download link',
			needsApproval: true
		});

		await saveLesson(db, author, 'baking-bread', lesson('oven', 'မီးဖိုကို အပူပေးပါ', 'Heat the oven'));
		expect(await setPublished(db, author, 'baking-bread', true)).toEqual({
			ok: true,
			status: 'submitted'
		});
		expect(
			await reviewCoursePublication(
				db,
				admin.userId,
				'baking-bread',
				'approve',
				'',
				await seen(),
				9000
			)
		).toEqual({ ok: true });
		const found = await listCourses(db, { q: 'ဂျုံ' }, 'my');
		expect(found.map((c) => c.id)).toEqual(['baking-bread']);
		expect(found[0].sizeBytes).toBeGreaterThan(0);
		expect(await db.selectFrom('course_review').selectAll().execute()).toEqual([
			{
				course_id: 'baking-bread',
				course_version: 1,
				kind: 'publication',
				marked_by: admin.userId,
				marked_at: 9000,
				note: ''
			}
		]);
		expect(
			await reviewCoursePublication(db, admin.userId, 'baking-bread', 'approve', '', await seen())
		).toEqual({ ok: false, error: 'not_submitted' });

		// Approved once: withdrawing and publishing again needs nobody.
		expect(await setPublished(db, author, 'baking-bread', false)).toEqual({
			ok: true,
			status: 'draft'
		});
		expect(await setPublished(db, author, 'baking-bread', true)).toEqual({
			ok: true,
			status: 'published'
		});
		// An administrator's own course never waits.
		const own = { userId: admin.userId, kind: 'admin' as const };
		await buildCourse(own, 'admin-bread');
		expect(await setPublished(db, own, 'admin-bread', true)).toEqual({
			ok: true,
			status: 'published'
		});
	});

	it('keeps a skill an organization names waiting for an administrator: no learner, candidate list or other organization sees it and nobody gets it, until it is accepted', async () => {
		await loadTaxonomy(db, readTaxonomy());
		const author = await vettedOrgMember('sourdough');
		await buildCourse(author);
		const sourdough = {
			id: 'sourdough_starters',
			level: 1,
			name: { my: 'တဆေးမှို မွေးခြင်း', en: 'Sourdough starters' }
		};
		expect(await setCourseSkills(db, author, 'baking-bread', [sourdough])).toEqual({ ok: true });
		await publishApproved(db, author, 'baking-bread');
		expect((await getCourseOutline(db, 'baking-bread', 'en'))?.skills).toEqual([]);
		// Its own organization sees its proposal; another sees nothing and cannot use it.
		expect((await listSkills(db, author)).find((s) => s.id === sourdough.id)).toMatchObject({
			proposed: true
		});
		const other = await vettedOrgMember('otherbakery');
		expect((await listSkills(db, other)).map((s) => s.id)).not.toContain(sourdough.id);
		await buildCourse(other, 'other-bread');
		expect(
			await chooseCourseSkills(db, other, 'other-bread', [{ id: sourdough.id, level: 1 }], null)
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
		await markLessonDone(db, learner.userId, 'baking-bread', 'dough', 100);
		await markLessonDone(db, learner.userId, 'baking-bread', 'oven', 200);
		await submitQuiz(db, learner.userId, 'baking-bread', 'q1', { 'q1-1': true }, 300);
		expect((await courseProgress(db, learner.userId, 'baking-bread')).completedAt).toBe(300);
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
		expect((await getCourseOutline(db, 'baking-bread', 'en'))?.skills.map((s) => s.id)).toEqual([
			sourdough.id
		]);
		expect((await listSkills(db, other)).map((s) => s.id)).toContain(sourdough.id);
	});

	it('grants a skill at most at "working", and a practical course "basic", saying the level it aims at', async () => {
		const admin = await createAdministrator(db, 'levels');
		if (!admin.ok) throw new Error(admin.error);
		const own = { userId: admin.userId, kind: 'admin' as const };
		await buildCourse(own, 'bread');
		// "Can teach" is never a course's to give.
		expect(
			await setCourseSkills(db, own, 'bread', [
				{ id: 'baking', level: 3, name: { my: 'မုန့်ဖုတ်', en: 'Baking' } }
			])
		).toEqual({ ok: false, error: 'level_too_high' });
		expect(
			await setCourseSkills(db, own, 'bread', [
				{ id: 'baking', level: 2, name: { my: 'မုန့်ဖုတ်', en: 'Baking' } }
			])
		).toEqual({ ok: true });
		await buildCourse(own, 'clinic');
		expect(
			await updateCourseDetails(db, own, 'clinic', {
				...details,
				practical: true,
				expert: 'medical'
			})
		).toEqual({ ok: true });
		expect(
			await setCourseSkills(db, own, 'clinic', [
				{ id: 'first_aid', level: 2, name: { my: 'ရှေးဦးသူနာပြုစုခြင်း', en: 'First aid' } }
			])
		).toEqual({ ok: true });
		// A course named "can teach" before this rule still grants "working" at most.
		await buildCourse(own, 'older');
		await db
			.updateTable('course_skill')
			.set({ level: 3 })
			.where('course_id', '=', 'older')
			.where('skill_id', '=', 'baking')
			.execute();
		for (const id of ['bread', 'clinic', 'older']) await setPublished(db, own, id, true);

		expect((await getCourseOutline(db, 'bread', 'en'))?.skills).toEqual([
			{ id: 'baking', name: 'Baking', level: 2, aim: 2 }
		]);
		expect(await getCourseOutline(db, 'clinic', 'en')).toMatchObject({
			practical: true,
			skills: [{ id: 'first_aid', level: 1, aim: 2 }],
			reviews: { expert: 'medical', language: null, expertReview: null }
		});
		const learner = await account('learner', 'learner');
		for (const id of ['bread', 'clinic', 'older']) {
			await markLessonDone(db, learner.userId, id, 'dough');
			await markLessonDone(db, learner.userId, id, 'oven');
			await submitQuiz(db, learner.userId, id, 'q1', { 'q1-1': true });
		}
		expect(
			await db
				.selectFrom('user_skill')
				.select(['skill_id', 'level', 'source_ref'])
				.where('user_id', '=', learner.userId)
				.orderBy('source_ref')
				.execute()
		).toEqual([
			{ skill_id: 'baking', level: 2, source_ref: 'bread' },
			{ skill_id: 'first_aid', level: 1, source_ref: 'clinic' },
			{ skill_id: 'baking', level: 2, source_ref: 'older' }
		]);
	});

	it('gets a new version on every edit after publishing, and learners keep their progress', async () => {
		const author = await vettedOrgMember('bakers');
		await buildCourse(author);
		await publishApproved(db, author, 'baking-bread');
		const learner = await account('learner', 'learner');
		await markLessonDone(db, learner.userId, 'baking-bread', 'dough');
		await submitQuiz(db, learner.userId, 'baking-bread', 'q1', { 'q1-1': true });

		await saveLesson(db, author, 'baking-bread', lesson('dough', 'ပြင်ဆင်ထားသည်', 'Edited'));
		await saveLesson(db, author, 'baking-bread', lesson('shaping'));
		expect(await moveLesson(db, author, 'baking-bread', 'shaping', 'up')).toEqual({ ok: true });
		const course = await db
			.selectFrom('course')
			.select('version')
			.where('id', '=', 'baking-bread')
			.executeTakeFirstOrThrow();
		expect(course.version).toBe(4);
		const outline = await getCourseOutline(db, 'baking-bread', 'en');
		expect(outline?.modules[0].lessons.map((l) => l.id)).toEqual(['dough', 'shaping', 'oven']);

		const progress = await courseProgress(db, learner.userId, 'baking-bread');
		expect(progress.lessonsDone).toEqual(['dough']);
		expect(progress.quizzes[0]).toMatchObject({ passed: true });
	});

	it('takes images only after re-encoding them, and refuses bad uploads', async () => {
		const author = await vettedOrgMember('bakers');
		await buildCourse(author);
		const png = await sharp({
			create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } }
		})
			.png()
			.toBuffer();
		const added = await addCourseImage(db, author, 'baking-bread', png, mediaDir);
		if (!added.ok) throw new Error(added.error);
		expect(added.path).toMatch(/^\/media\/courses\/baking-bread\/[a-z0-9]+\.webp$/);
		const stored = fs.readFileSync(path.join(mediaDir, 'baking-bread', path.basename(added.path)));
		expect((await sharp(stored).metadata()).width).toBe(800);
		expect(stored.length).toBeLessThanOrEqual(60 * 1024);

		expect(
			await addCourseImage(
				db,
				author,
				'baking-bread',
				Buffer.from('<svg onload="alert(1)"/>'),
				mediaDir
			)
		).toEqual({ ok: false, error: 'unsupported_type' });
		expect(await addCourseImage(db, author, 'baking-bread', new Uint8Array(0), mediaDir)).toEqual({
			ok: false,
			error: 'empty'
		});
		expect(
			await addCourseImage(
				db,
				author,
				'baking-bread',
				Buffer.alloc(50 * 1024 * 1024, 0xff),
				mediaDir
			)
		).toEqual({ ok: false, error: 'too_large' });
		const other = await vettedOrgMember('others');
		expect(await addCourseImage(db, other, 'baking-bread', png, mediaDir)).toEqual({
			ok: false,
			error: 'no_course'
		});
		expect(await db.selectFrom('course_image').selectAll().execute()).toHaveLength(1);
	});
});
