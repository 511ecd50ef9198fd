import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	addCourseImage,
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
import { createAdministrator } from '$lib/server/accounts';
import { courseProgress, markLessonDone, submitQuiz } from '$lib/server/courses/progress';
import { getCourseOutline, listCourses } from '$lib/server/courses/reading';
import type { Db } from '$lib/server/db';
import { applyForOrganization } from '$lib/server/orgs';
import { freshDb } from '../helpers/db';
import { account as accountIn, vettedOrgMember as vettedIn } from '../helpers/authors';

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
const lesson = (id: string, my = 'ဂျုံမှုန့်နှင့် ရေ', en = 'Flour and water') => ({ moduleId: 'm1', id, minutes: 5, title: { my: id, en: id }, body: { my, en } });
const quiz = {
	id: 'q1',
	passMark: 80,
	title: { my: 'စာမေးပွဲ', en: 'Quiz' },
	questions: [{ id: 'q1-1', type: 'true_false' as const, prompt: { my: 'မှန်လား', en: 'True?' }, answer: true, explanation: { my: 'မှန်', en: 'Yes' } }]
};

async function buildCourse(author: Author, id = 'baking-bread') {
	expect(await createCourse(db, author, id, details)).toEqual({ ok: true });
	expect(await saveModule(db, author, id, 'm1', { my: 'အခြေခံ', en: 'Basics' })).toEqual({ ok: true });
	expect(await saveLesson(db, author, id, lesson('dough'))).toEqual({ ok: true });
	expect(await saveLesson(db, author, id, lesson('oven', 'မီးဖိုကို အပူပေးပါ', 'Heat the oven'))).toEqual({ ok: true });
	expect(await saveQuiz(db, author, id, 'm1', quiz)).toEqual({ ok: true });
	expect(await setCourseSkills(db, author, id, [{ id: 'baking', level: 1, name: { my: 'မုန့်ဖုတ်', en: 'Baking' } }])).toEqual({ ok: true });
}

describe('who may author', () => {
	it('learners and members of organizations not yet vetted may not', async () => {
		const learner = await account('learner', 'learner');
		expect(await createCourse(db, learner, 'x-course', details)).toEqual({ ok: false, error: 'not_author' });
		const pending = await account('pending', 'org_member');
		await applyForOrganization(db, pending.userId, { name: 'Pending org', kind: 'ngo', description: '' });
		expect(await createCourse(db, pending, 'x-course', details)).toEqual({ ok: false, error: 'not_author' });
		expect(await db.selectFrom('course').selectAll().execute()).toHaveLength(0);
	});

	it("organization A can never edit organization B's course; administrators can", async () => {
		const a = await vettedOrgMember('org-a');
		const b = await vettedOrgMember('org-b');
		await buildCourse(a);
		expect(await saveLesson(db, b, 'baking-bread', lesson('dough', 'ဖျက်', 'defaced'))).toEqual({ ok: false, error: 'no_course' });
		expect(await updateCourseDetails(db, b, 'baking-bread', { ...details, title: { my: 'x', en: 'x' } })).toEqual({ ok: false, error: 'no_course' });
		expect(await setPublished(db, b, 'baking-bread', true)).toEqual({ ok: false, error: 'no_course' });
		expect(await retireLesson(db, b, 'baking-bread', 'dough')).toEqual({ ok: false, error: 'no_course' });
		const body = await db.selectFrom('lesson').select('body_en').where('id', '=', 'dough').executeTakeFirstOrThrow();
		expect(body.body_en).toBe('Flour and water');

		const admin = await createAdministrator(db, 'admin');
		if (!admin.ok) throw new Error();
		expect(await setPublished(db, { userId: admin.userId, kind: 'admin' }, 'baking-bread', true)).toEqual({ ok: true });
	});

	it('starter courses are not editable in the app', async () => {
		const admin = await createAdministrator(db, 'admin');
		if (!admin.ok) throw new Error();
		await db
			.insertInto('course')
			.values({ id: 'starter', version: 1, category: 'computer', audience: 'everyone', title_my: 'a', title_en: 'a', summary_my: 'a', summary_en: 'a', status: 'published', owner_org_id: null, origin: 'starter', sources: '[]', size_bytes: 0, created_at: 0, updated_at: 0, published_at: 0 })
			.execute();
		expect(await saveModule(db, { userId: admin.userId, kind: 'admin' }, 'starter', 'm9', { my: 'x', en: 'x' })).toEqual({ ok: false, error: 'no_course' });
	});
});

describe('a course made in the app', () => {
	it('stays hidden as a draft, then is published and found by a Burmese word', async () => {
		const author = await vettedOrgMember('bakers');
		await buildCourse(author);
		expect(await listCourses(db, {}, 'my')).toEqual([]);
		expect(await setPublished(db, author, 'baking-bread', true)).toEqual({ ok: true });
		const found = await listCourses(db, { q: 'ဂျုံ' }, 'my');
		expect(found.map((c) => c.id)).toEqual(['baking-bread']);
		expect(found[0].sizeBytes).toBeGreaterThan(0);
		const outline = await getCourseOutline(db, 'baking-bread', 'en');
		expect(outline?.skills).toEqual([{ id: 'baking', name: 'Baking', level: 1 }]);
	});

	it('gets a new version on every edit after publishing, and learners keep their progress', async () => {
		const author = await vettedOrgMember('bakers');
		await buildCourse(author);
		await setPublished(db, author, 'baking-bread', true);
		const learner = await account('learner', 'learner');
		await markLessonDone(db, learner.userId, 'baking-bread', 'dough');
		await submitQuiz(db, learner.userId, 'baking-bread', 'q1', { 'q1-1': true });

		await saveLesson(db, author, 'baking-bread', lesson('dough', 'ပြင်ဆင်ထားသည်', 'Edited'));
		await saveLesson(db, author, 'baking-bread', lesson('shaping'));
		expect(await moveLesson(db, author, 'baking-bread', 'shaping', 'up')).toEqual({ ok: true });
		const course = await db.selectFrom('course').select('version').where('id', '=', 'baking-bread').executeTakeFirstOrThrow();
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
		const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } } }).png().toBuffer();
		const added = await addCourseImage(db, author, 'baking-bread', png, mediaDir);
		if (!added.ok) throw new Error(added.error);
		expect(added.path).toMatch(/^\/media\/courses\/baking-bread\/[a-z0-9]+\.webp$/);
		const stored = fs.readFileSync(path.join(mediaDir, 'baking-bread', path.basename(added.path)));
		expect((await sharp(stored).metadata()).width).toBe(800);
		expect(stored.length).toBeLessThanOrEqual(60 * 1024);

		expect(await addCourseImage(db, author, 'baking-bread', Buffer.from('<svg onload="alert(1)"/>'), mediaDir)).toEqual({ ok: false, error: 'unsupported_type' });
		expect(await addCourseImage(db, author, 'baking-bread', new Uint8Array(0), mediaDir)).toEqual({ ok: false, error: 'empty' });
		expect(await addCourseImage(db, author, 'baking-bread', Buffer.alloc(50 * 1024 * 1024, 0xff), mediaDir)).toEqual({ ok: false, error: 'too_large' });
		const other = await vettedOrgMember('others');
		expect(await addCourseImage(db, other, 'baking-bread', png, mediaDir)).toEqual({ ok: false, error: 'no_course' });
		expect(await db.selectFrom('course_image').selectAll().execute()).toHaveLength(1);
	});
});
