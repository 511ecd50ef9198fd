/** Sound clips added by authors: checked, written afresh, stored under a generated name, or refused with nothing kept. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCourse } from '$lib/server/courses/authoring/course';
import { addModule } from '$lib/server/courses/authoring/modules';
import { addLesson, updateLesson } from '$lib/server/courses/authoring/lessons';
import { addQuiz, saveQuestion } from '$lib/server/courses/authoring/quizzes';
import { scoreQuiz } from '$lib/courses/scoring';
import { quizFileSchema } from '$lib/schemas/course-content';
import { questionSchema } from '$lib/schemas/authoring';
import { courseFile, offlineManifest } from '$lib/server/courses/offline';
import { publicKeys } from '$lib/server/courses/signing-keys';
import { checkCourseFile } from '$lib/offline/course-file';
import { clipSizes } from '$lib/server/courses/clips';
import { addCourseClip } from '$lib/server/courses/authoring/clips';
import { readLessonForm, uploadClipAction } from '$lib/server/http/lesson-form';
import { renderLesson } from '$lib/server/courses/lesson-html';
import { readOggPackets } from '$lib/server/media/ogg';
import { clipsOnTap } from '$lib/clips';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import { account, publishApproved, vettedOrgMember } from '../helpers/authors';
import { oggFile, oggOpus, opusHead, opusTags, packetsFor, webmOpus } from '../helpers/clips';

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

async function thaiCourse(username = 'teachers') {
	const author = await vettedOrgMember(db, username);
	const made = await addCourse(db, author, {
		category: 'language',
		audience: 'everyone',
		title: { my: 'ထိုင်းစကား', en: 'Thai phrases' },
		summary: { my: '', en: 'Phrases for work' }
	});
	if (!made.ok) throw new Error(made.error);
	return { author, id: made.id };
}

const storedFiles = (courseId: string) =>
	fs.existsSync(path.join(mediaDir, courseId)) ? fs.readdirSync(path.join(mediaDir, courseId)) : [];

/** The lesson editor's form as a browser posts it, with a clip in the file field. */
function lessonPost(clip: Uint8Array | null, fileName = 'clip.ogg', label = 'สวัสดี') {
	const form = new FormData();
	form.set('title_my', 'နှုတ်ဆက်ခြင်း');
	form.set('title_en', 'Greetings');
	form.set('minutes', '5');
	form.set('body_my', 'ဆဝါဒီ');
	form.set('body_en', 'Sawatdee');
	form.set('clip_label', label);
	form.set(
		'clip',
		clip
			? new File([Buffer.from(clip)], fileName)
			: new File([], '', { type: 'application/octet-stream' })
	);
	return new Request('http://localhost/author', { method: 'POST', body: form });
}

async function upload(author: Awaited<ReturnType<typeof thaiCourse>>, post: Request) {
	const read = await readLessonForm(post, 'my');
	if (!read.ok) throw new Error('form not read');
	return uploadClipAction(db, author.author, author.id, read, mediaDir, 'my');
}

describe('addCourseClip', () => {
	it('keeps a clip under a generated name, without its tags, and counts it', async () => {
		const course = await thaiCourse();
		const added = await addCourseClip(
			db,
			course.author,
			course.id,
			oggOpus(2, ['ARTIST=Ma Hnin', 'LOCATION=Mae Sot']),
			mediaDir
		);
		if (!added.ok) throw new Error(added.error);
		expect(added.name).toMatch(/^[a-z0-9]+\.ogg$/);
		const stored = fs.readFileSync(path.join(mediaDir, course.id, added.name));
		expect(stored.toString('latin1')).not.toMatch(/Ma Hnin|Mae Sot|libopus/);
		expect(readOggPackets(stored)).not.toBeNull();
		const row = await db.selectFrom('course_clip').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ name: added.name, course_id: course.id, bytes: stored.length });
		expect(row.duration_ms).toBe(added.durationMs);
		expect(added.durationMs).toBeGreaterThan(1900);
	});

	it('refuses every bad clip with its reason, keeping nothing', async () => {
		const course = await thaiCourse();
		const vorbis = Buffer.concat([Buffer.from([1]), Buffer.from('vorbis'), Buffer.alloc(23)]);
		const lyingTags = opusTags(['TITLE=x'], '');
		new DataView(lyingTags.buffer).setUint32(12, 0xffffffff, true);
		const cases: [Uint8Array, string][] = [
			[new Uint8Array(), 'clip_empty'],
			[oggOpus(2).subarray(0, 500), 'clip_unreadable'],
			[webmOpus(packetsFor(2)).subarray(0, 700), 'clip_unreadable'],
			[oggFile([vorbis, opusTags()], packetsFor(1)), 'clip_unsupported_codec'],
			[webmOpus(packetsFor(1), { codec: 'A_VORBIS' }), 'clip_unsupported_codec'],
			[oggFile([opusHead(), opusTags()], packetsFor(50, 1200)), 'clip_too_large'],
			[oggFile([opusHead(), opusTags()], packetsFor(61, 20)), 'clip_too_long'],
			[oggFile([opusHead(), lyingTags], packetsFor(1)), 'clip_bad_metadata'],
			[Buffer.from('ID3\x04 not an ogg at all'), 'clip_not_audio']
		];
		for (const [bytes, error] of cases)
			expect(await addCourseClip(db, course.author, course.id, bytes, mediaDir)).toEqual({
				ok: false,
				error
			});
		expect(await db.selectFrom('course_clip').selectAll().execute()).toEqual([]);
		expect(storedFiles(course.id)).toEqual([]);
	});

	it('refuses a clip for a course the account may not edit', async () => {
		const course = await thaiCourse();
		const other = await vettedOrgMember(db, 'others');
		const learner = await account(db, 'reader', 'learner');
		for (const who of [other, learner])
			expect(await addCourseClip(db, who, course.id, oggOpus(1), mediaDir)).toEqual({
				ok: false,
				error: 'no_course'
			});
		expect(storedFiles(course.id)).toEqual([]);
	});
});

describe('the lesson editor clip upload', () => {
	it('adds the clip to both texts with its words, to play where it is placed', async () => {
		const course = await thaiCourse();
		const answer = await upload(course, lessonPost(webmOpus(packetsFor(2)), 'hello.webm'));
		if (!('uploaded' in answer)) throw new Error(JSON.stringify(answer));
		const name = storedFiles(course.id)[0];
		expect(answer.uploaded).toBe(`![สวัสดี](audio/${name})`);
		expect(answer.values.body_my).toBe(`ဆဝါဒီ\n\n![สวัสดี](audio/${name})`);
		expect(answer.values.body_en).toBe(`Sawatdee\n\n![สวัสดี](audio/${name})`);

		const html = renderLesson(course.id, answer.values.body_en!);
		const src = `/media/courses/${course.id}/${name}`;
		expect(html).toContain(
			`<span class="clip"><audio controls preload="none" src="${src}"></audio> <span class="clip-label">สวัสดี</span></span>`
		);
		// Data saver: a link with the clip's size, and no audio element to fetch anything.
		const saver = clipsOnTap(html, (s) => `tap ${s}`);
		expect(saver).not.toContain('<audio');
		expect(saver).toContain(
			`<a class="clip-load" href="${src}" data-sveltekit-reload>tap ${src}</a>`
		);
	});

	it('answers each refusal with a translated 400, the text kept and nothing stored', async () => {
		const course = await thaiCourse();
		const cases: [Uint8Array | null, string, string][] = [
			[null, 'clip.ogg', 'error_clip_missing'],
			[oggOpus(2).subarray(0, 300), 'clip.ogg', 'error_clip_unreadable'],
			[Buffer.from('RIFF\0\0\0\0WAVEfmt '), 'voice.ogg', 'error_clip_not_audio'],
			[webmOpus(packetsFor(1), { codec: 'A_AAC' }), 'voice.webm', 'error_clip_unsupported_codec'],
			[new Uint8Array(200 * 1024), 'big.ogg', 'error_clip_too_large'],
			[oggFile([opusHead(), opusTags()], packetsFor(70, 10)), 'long.ogg', 'error_clip_too_long']
		];
		const messages = new Set<string>();
		for (const [bytes, name, key] of cases) {
			const answer = await upload(course, lessonPost(bytes, name));
			if (!('status' in answer)) throw new Error(`${key}: accepted`);
			expect(answer.status, key).toBe(400);
			const data = answer.data;
			const error = data.errors.clip ?? '';
			// Burmese, and a different sentence for each reason
			expect(error, key).toMatch(/[\u1000-\u109f]/);
			messages.add(error);
			expect(data.values.body_my).toBe('ဆဝါဒီ');
			expect(data.values.clip_label).toBe('สวัสดี');
		}
		expect(messages.size).toBe(cases.length);
		expect(storedFiles(course.id)).toEqual([]);
		expect(await db.selectFrom('course_clip').selectAll().execute()).toEqual([]);
	});
});

describe('clips in the course as learners download it', () => {
	it('are files of the offline package and the signed course file; a new clip moves only itself', async () => {
		const course = await thaiCourse();
		const first = await addCourseClip(db, course.author, course.id, oggOpus(2), mediaDir);
		if (!first.ok) throw new Error(first.error);
		const part = await addModule(db, course.author, course.id, { my: 'အခြေခံ', en: 'Basics' });
		if (!part.ok) throw new Error(part.error);
		const body = (name: string) => ({ my: `ဆဝါဒီ ![](audio/${name})`, en: 'Sawatdee' });
		const lesson = await addLesson(db, course.author, course.id, {
			moduleId: part.id,
			minutes: 5,
			title: { my: 'နှုတ်ဆက်', en: 'Hello' },
			body: body(first.name)
		});
		if (!lesson.ok) throw new Error(lesson.error);
		await publishApproved(db, course.author, course.id);

		const src = `/media/courses/${course.id}/${first.name}`;
		const manifest = (await offlineManifest(db, course.id, mediaDir))!;
		const clip = manifest.files.find((f) => f.url.startsWith(`${src}?h=`));
		expect(clip?.bytes).toBe(first.bytes);
		expect((await clipSizes(db, course.id)).get(first.name)).toBe(first.bytes);

		const file = (await courseFile(db, course.id, mediaDir))!;
		expect(file.files.some((f) => f.url === src)).toBe(true);
		const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
		const checked = await checkCourseFile(blob, { keys: await publicKeys(db) });
		expect(checked.ok).toBe(true);

		// A second clip replaces the first: a new version, whose only new files are the new clip,
		// the lesson naming it and the outline (which names the version); the other clip and
		// lessons are not fetched again.
		const second = await addCourseClip(db, course.author, course.id, oggOpus(3), mediaDir);
		if (!second.ok) throw new Error(second.error);
		const updated = await updateLesson(db, course.author, course.id, {
			id: lesson.id,
			minutes: 5,
			title: { my: 'နှုတ်ဆက်', en: 'Hello' },
			body: body(second.name)
		});
		expect(updated.ok).toBe(true);
		const next = (await offlineManifest(db, course.id, mediaDir))!;
		expect(next.version).toBeGreaterThan(manifest.version);
		const before = new Set(manifest.files.map((f) => f.url));
		expect(
			next.files
				.filter((f) => !before.has(f.url))
				.map((f) => f.url.split('?')[0])
				.sort()
		).toEqual(
			[
				`/api/courses/${course.id}/offline/course`,
				`/api/courses/${course.id}/offline/lessons/${lesson.id}`,
				`/media/courses/${course.id}/${second.name}`
			].sort()
		);
	});
});

describe('a listening question', () => {
	const heard = (clip?: string) => ({
		type: 'single' as const,
		prompt: { my: 'မည်သည့် စကားစုကို ကြားရသနည်း', en: 'Which phrase did you hear?' },
		explanation: { my: 'ဆဝါဒီ', en: 'Sawatdee' },
		options: [
			{ id: 'option-1', text: { my: 'ဆဝါဒီ', en: 'Sawatdee' }, correct: true },
			{ id: 'option-2', text: { my: 'ခေါ့ပ်ခွန်', en: 'Khop khun' }, correct: false }
		],
		...(clip ? { clip } : {})
	});

	it("names one of its course's clips, travels with the quiz offline, and is scored like any other", async () => {
		const course = await thaiCourse();
		const clip = await addCourseClip(db, course.author, course.id, oggOpus(2), mediaDir);
		if (!clip.ok) throw new Error(clip.error);
		const part = await addModule(db, course.author, course.id, { my: 'အခြေခံ', en: 'Basics' });
		if (!part.ok) throw new Error(part.error);
		await addLesson(db, course.author, course.id, {
			moduleId: part.id,
			minutes: 5,
			title: { my: 'နှုတ်ဆက်', en: 'Hello' },
			body: { my: 'ဆဝါဒီ', en: 'Sawatdee' }
		});
		const quiz = await addQuiz(
			db,
			course.author,
			course.id,
			part.id,
			{ title: { my: 'နားထောင်', en: 'Listen' }, passMark: 100 },
			heard(clip.name)
		);
		if (!quiz.ok) throw new Error(quiz.error);

		// Another course's clip, or one that does not exist, is refused; nothing changes.
		const other = await thaiCourse('others');
		const theirs = await addCourseClip(db, other.author, other.id, oggOpus(1), mediaDir);
		if (!theirs.ok) throw new Error(theirs.error);
		for (const name of [theirs.name, 'nosuchclip.ogg'])
			expect(
				await saveQuestion(db, course.author, course.id, quiz.id, 'question-1', heard(name))
			).toEqual({ ok: false, error: 'no_clip' });
		expect(
			await addQuiz(
				db,
				course.author,
				course.id,
				part.id,
				{ title: { my: 'x', en: 'x' }, passMark: 80 },
				heard(theirs.name)
			)
		).toEqual({ ok: false, error: 'no_clip' });

		await publishApproved(db, course.author, course.id);
		const manifest = (await offlineManifest(db, course.id, mediaDir))!;
		expect(
			manifest.files.some((f) => f.url.startsWith(`/media/courses/${course.id}/${clip.name}?h=`))
		).toBe(true);
		const stored = await db
			.selectFrom('quiz')
			.select('questions')
			.where('course_id', '=', course.id)
			.executeTakeFirstOrThrow();
		const file = quizFileSchema.parse({
			id: quiz.id,
			title: { my: 'နားထောင်', en: 'Listen' },
			passMark: 100,
			questions: JSON.parse(stored.questions)
		});
		expect(file.questions[0].clip).toBe(clip.name);
		// The phone scores it with the server's own rules.
		expect(scoreQuiz(file, { 'question-1': 'option-1' })).toMatchObject({ passed: true });
		expect(scoreQuiz(file, { 'question-1': 'option-2' })).toMatchObject({ passed: false });
	});

	it('takes only a clip name from the form and the course files', () => {
		const form = {
			type: 'single',
			prompt_my: 'ကြားရသနည်း',
			prompt_en: 'Heard?',
			explanation_my: 'ဆဝါဒီ',
			explanation_en: 'Sawatdee',
			option1_my: 'က',
			option1_en: 'a',
			option1_correct: 'on',
			option2_my: 'ခ',
			option2_en: 'b'
		};
		expect(questionSchema.safeParse({ ...form, clip: 'abc123.ogg' }).data).toMatchObject({
			clip: 'abc123.ogg'
		});
		expect(questionSchema.safeParse({ ...form, clip: '' }).data).not.toHaveProperty('clip');
		for (const clip of ['../abc.ogg', 'abc.webm', '/media/x.ogg', 'ABC.ogg'])
			expect(questionSchema.safeParse({ ...form, clip }).success, clip).toBe(false);
		expect(
			quizFileSchema.safeParse({
				id: 'quiz-1',
				title: { my: 'x', en: 'x' },
				questions: [{ ...heard('../../secret.ogg'), id: 'question-1' }]
			}).success
		).toBe(false);
	});
});
