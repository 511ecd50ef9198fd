import MarkdownIt from 'markdown-it';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder } from '$lib/server/courses/content-files';
import { publishedLessonHtml, renderLesson } from '$lib/server/courses/lesson-html';
import { getLesson } from '$lib/server/courses/reading';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await freshDb()));
afterEach(async () => {
	vi.restoreAllMocks();
	await cleanup();
});

/** A starter course with a course id of its own, so no other test's kept lessons are found. */
function course(id: string) {
	const bundle = readCourseFolder(path.resolve('content/courses/first-aid-basics'));
	bundle.course.id = id;
	return bundle;
}

describe("a published lesson's HTML", () => {
	it('is rendered once per language and picture choice, then kept', async () => {
		const bundle = course('kept-lessons');
		await loadCourseBundle(db, bundle);
		const [lessonId] = bundle.lessons.keys();
		const my = (await getLesson(db, bundle.course.id, lessonId, 'my'))!;
		const en = (await getLesson(db, bundle.course.id, lessonId, 'en'))!;
		const render = vi.spyOn(MarkdownIt.prototype, 'render');

		const first = publishedLessonHtml(my);
		expect(first).toBe(renderLesson(bundle.course.id, my.body));
		render.mockClear();
		expect(publishedLessonHtml(my)).toBe(first);
		expect(render).not.toHaveBeenCalled();

		const english = publishedLessonHtml(en);
		expect(english).toBe(renderLesson(bundle.course.id, en.body));
		expect(english).not.toBe(first);
		const onTap = publishedLessonHtml(my, 'Show the picture');
		expect(onTap).toBe(renderLesson(bundle.course.id, my.body, 'Show the picture'));
		render.mockClear();
		expect(publishedLessonHtml(en)).toBe(english);
		expect(publishedLessonHtml(my, 'Show the picture')).toBe(onTap);
		expect(render).not.toHaveBeenCalled();
	});

	it("shows a new version's text at once", async () => {
		const bundle = course('new-version');
		await loadCourseBundle(db, bundle);
		const [lessonId] = bundle.lessons.keys();
		const before = (await getLesson(db, bundle.course.id, lessonId, 'en'))!;
		expect(publishedLessonHtml(before)).not.toContain('Call for help first');

		bundle.course.version = before.version + 1;
		bundle.lessons.set(lessonId, {
			...bundle.lessons.get(lessonId)!,
			en: 'Call for help first.\n'
		});
		await loadCourseBundle(db, bundle);
		const after = (await getLesson(db, bundle.course.id, lessonId, 'en'))!;
		expect(after.version).toBe(before.version + 1);
		expect(publishedLessonHtml(after)).toBe('<p>Call for help first.</p>\n');
	});

	it('never shows old text for a changed lesson, even under the same version', async () => {
		const bundle = course('same-version');
		await loadCourseBundle(db, bundle);
		const [lessonId] = bundle.lessons.keys();
		const lesson = (await getLesson(db, bundle.course.id, lessonId, 'en'))!;
		publishedLessonHtml(lesson);
		expect(publishedLessonHtml({ ...lesson, body: 'Changed.\n' })).toBe('<p>Changed.</p>\n');
	});
});
