/** A course packaged for offline reading: public content only, and only changed files change address. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCourse } from '$lib/server/courses/authoring/course';
import { addLesson, updateLesson } from '$lib/server/courses/authoring/lessons';
import { addModule } from '$lib/server/courses/authoring/modules';
import { addQuiz } from '$lib/server/courses/authoring/quizzes';
import { offlineFile, offlineManifest } from '$lib/server/courses/offline';
import { loadCourseBundle, refreshCourseSizes } from '$lib/server/courses/catalogue';
import { readCourseFolder, readStarterCatalogue } from '$lib/server/courses/content-files';
import { listCourses } from '$lib/server/courses/reading';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import { publishApproved, vettedOrgMember } from '../helpers/authors';

let db: Db;
let cleanup: () => Promise<void>;
let media: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	media = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-media-'));
});
afterEach(async () => {
	await cleanup();
	fs.rmSync(media, { recursive: true, force: true });
});

const text = (my: string, en = '') => ({ my, en });

describe('the offline package of a course', () => {
	it('never carries the words of the lessons a short question quotes (taught), nor stores them', async () => {
		const bundle = readCourseFolder('content/courses/first-aid-basics');
		for (const quiz of bundle.quizzes.values()) {
			for (const q of quiz.questions)
				if (q.type === 'short') q.taught = { my: ['မိနစ် ၂၀'], en: ['20 minutes'] };
		}
		await loadCourseBundle(db, bundle, Date.now(), media);
		const stored = await db
			.selectFrom('quiz')
			.select('questions')
			.where('course_id', '=', 'first-aid-basics')
			.execute();
		expect(stored.length).toBeGreaterThan(0);
		for (const row of stored) {
			expect(row.questions).not.toContain('taught');
			expect(
				JSON.parse(row.questions).some(
					(q: { type: string; accepted?: unknown }) => q.type === 'short' && q.accepted
				)
			).toBe(true);
		}
		const manifest = (await offlineManifest(db, 'first-aid-basics', media))!;
		for (const file of manifest.files.filter((f) => f.url.includes('/quizzes/'))) {
			const body = (await offlineFile(
				db,
				'first-aid-basics',
				file.url.split('/offline/')[1].split('?')[0],
				media
			))!;
			expect(body).not.toContain('taught');
		}
		const course = await db
			.selectFrom('course')
			.select('size_bytes')
			.where('id', '=', 'first-aid-basics')
			.executeTakeFirstOrThrow();
		// The size stated is the package's, built from the stored rows: what is sent, without taught.
		expect(course.size_bytes).toBe(manifest.bytes);
	});

	it('lists every lesson, quiz and image of a starter course with their sizes, and serves each file', async () => {
		await loadCourseBundle(db, readCourseFolder('content/courses/first-aid-basics'));
		const manifest = await offlineManifest(db, 'first-aid-basics', media);
		if (!manifest) throw new Error('no manifest');
		const urls = manifest.files.map((f) => f.url.replace(/\?h=[0-9a-f]{16}$/, ''));
		expect(urls).toContain('/api/courses/first-aid-basics/offline/course');
		expect(urls.filter((u) => u.includes('/lessons/'))).toHaveLength(7);
		expect(urls.filter((u) => u.includes('/quizzes/'))).toHaveLength(2);
		expect(urls).toContain('/media/courses/first-aid-basics/recovery-position.svg');
		expect(manifest.bytes).toBe(manifest.files.reduce((sum, f) => sum + f.bytes, 0));

		const lesson = JSON.parse(
			(await offlineFile(db, 'first-aid-basics', 'lessons/01-check-safety', media))!
		);
		expect(lesson.html.my).toContain('<p>');
		expect(lesson.html.en).not.toMatch(/<script/i);
		const quizUrl = manifest.files.find((f) => f.url.includes('/quizzes/'))!;
		const quizName = quizUrl.url.split('/offline/')[1].split('?')[0];
		const body = (await offlineFile(db, 'first-aid-basics', quizName, media))!;
		expect(Buffer.byteLength(body)).toBe(quizUrl.bytes);
		expect(await offlineFile(db, 'first-aid-basics', 'lessons/no-such-lesson', media)).toBeNull();
		expect(await offlineFile(db, 'first-aid-basics', '../../etc/passwd', media)).toBeNull();
	});

	it('holds nothing about any learner, and exists only for published courses', async () => {
		const author = await vettedOrgMember(db, 'packer');
		const created = await addCourse(db, author, {
			category: 'computer',
			audience: 'everyone',
			title: text('ကွန်ပျူတာ'),
			summary: text('အကျဉ်း')
		});
		if (!created.ok) throw new Error();
		await addModule(db, author, created.id, text('one'));
		await addLesson(db, author, created.id, {
			moduleId: 'part-1',
			minutes: 3,
			title: text('a'),
			body: text('ပထမ')
		});
		await addLesson(db, author, created.id, {
			moduleId: 'part-1',
			minutes: 3,
			title: text('b'),
			body: text('ဒုတိယ')
		});
		await addQuiz(
			db,
			author,
			created.id,
			'part-1',
			{ title: text('q'), passMark: 80 },
			{ type: 'true_false', prompt: text('?'), explanation: text('!'), answer: true }
		);
		expect(await offlineManifest(db, created.id, media)).toBeNull();
		await publishApproved(db, author, created.id);
		const before = (await offlineManifest(db, created.id, media))!;
		const everything = JSON.stringify(
			await Promise.all(
				before.files.map((f) =>
					offlineFile(db, created.id, f.url.split('/offline/')[1].split('?')[0], media)
				)
			)
		);
		expect(everything).not.toMatch(/packer|user_id|userId|username/);

		// A new version changes the address of the edited lesson (and the outline's version) only.
		await updateLesson(db, author, created.id, {
			id: 'lesson-2',
			minutes: 3,
			title: text('b'),
			body: text('ဒုတိယ ပြင်ပြီး')
		});
		const after = (await offlineManifest(db, created.id, media))!;
		expect(after.version).toBe(before.version + 1);
		const changed = after.files
			.filter((f) => !before.files.some((b) => b.url === f.url))
			.map((f) => f.url.split('?')[0]);
		expect(changed.sort()).toEqual([
			`/api/courses/${created.id}/offline/course`,
			`/api/courses/${created.id}/offline/lessons/lesson-2`
		]);
	});

	it('gives one size for a course everywhere: the catalogue states what the download button fetches', async () => {
		for (const bundle of readStarterCatalogue())
			await loadCourseBundle(db, bundle, Date.now(), media);
		const catalogue = await listCourses(db, {}, 'my');
		expect(catalogue.length).toBeGreaterThan(0);
		for (const card of catalogue)
			expect(card.sizeBytes).toBe((await offlineManifest(db, card.id, media))!.bytes);

		// After an edit, and after a size stored by an older count (lesson texts only) is counted again at start.
		const author = await vettedOrgMember(db, 'sizer');
		const created = await addCourse(db, author, {
			category: 'computer',
			audience: 'everyone',
			title: text('ကွန်ပျူတာ'),
			summary: text('အကျဉ်း')
		});
		if (!created.ok) throw new Error();
		await addModule(db, author, created.id, text('one'));
		await addLesson(db, author, created.id, {
			moduleId: 'part-1',
			minutes: 3,
			title: text('a'),
			body: text('ပထမ သင်ခန်းစာ')
		});
		await publishApproved(db, author, created.id);
		const sizeOf = async (id: string) =>
			(await listCourses(db, {}, 'my')).find((c) => c.id === id)!.sizeBytes;
		expect(await sizeOf(created.id)).toBe((await offlineManifest(db, created.id, media))!.bytes);
		await db.updateTable('course').set({ size_bytes: 12 }).execute();
		await refreshCourseSizes(db, media);
		for (const card of await listCourses(db, {}, 'my'))
			expect(card.sizeBytes).toBe((await offlineManifest(db, card.id, media))!.bytes);
	});
});
