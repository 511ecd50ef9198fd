import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	courseFileSchema,
	quizFileSchema,
	type CourseFile,
	type QuizFile
} from '$lib/schemas/course-content';
import { readAnswers } from '$lib/courses/answers';
import { normalizeShortAnswer, scoreQuiz } from '$lib/courses/scoring';
import { checkClip } from '$lib/server/media/clips';

const ROOT = 'content/courses';
const MAX_COURSE_BYTES = 300 * 1024;
const MAX_IMAGE_BYTES = 15 * 1024;

const slugs = fs
	.readdirSync(ROOT, { withFileTypes: true })
	.filter((e) => e.isDirectory())
	.map((e) => e.name)
	.sort();

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? files(full) : [full];
	});
}

/** Parses a course.json, failing the test with zod's issues if it is invalid. */
function loadCourse(slug: string): CourseFile {
	const result = courseFileSchema.safeParse(readJson(path.join(ROOT, slug, 'course.json')));
	if (!result.success)
		expect.fail(`${slug}/course.json: ${JSON.stringify(result.error.issues, null, 1)}`);
	return result.data;
}

/** A lesson's text as a person reads it: Markdown emphasis marks gone, lines and spaces run together. */
const readLesson = (file: string) =>
	fs
		.readFileSync(file, 'utf8')
		.replace(/\*\*|__|[*_`]/g, '')
		.replace(/\s+/g, ' ');

/** Whether `answer`, typed as the only answer to question `id`, is scored right, read as every answer is. */
function accepts(quiz: QuizFile, id: string, answer: string): boolean {
	const read = readAnswers(quiz.questions, { [id]: answer });
	return read.ok && scoreQuiz(quiz, read.answers).results.find((r) => r.id === id)!.correct;
}

const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

describe('starter courses', () => {
	it('exist', () => {
		expect(slugs.length).toBeGreaterThan(0);
	});

	describe.each(slugs)('%s', (slug) => {
		const dir = path.join(ROOT, slug);

		it('has a valid course.json whose id is the folder name', () => {
			expect(loadCourse(slug).id).toBe(slug);
		});

		it('has valid quiz files for every quiz it names, and at least one quiz', () => {
			const quizIds = loadCourse(slug).modules.flatMap((m) => (m.quiz ? [m.quiz] : []));
			expect(quizIds.length).toBeGreaterThanOrEqual(1);
			expect(duplicates(quizIds)).toEqual([]);
			for (const id of quizIds) {
				const file = path.join(dir, 'quizzes', `${id}.json`);
				expect(fs.existsSync(file), `${file} exists`).toBe(true);
				const result = quizFileSchema.safeParse(readJson(file));
				if (!result.success)
					expect.fail(`${file}: ${JSON.stringify(result.error.issues, null, 1)}`);
				expect(result.data.id).toBe(id);
			}
		});

		it('has at least 5 lessons, each in Burmese and English', () => {
			const lessonIds = loadCourse(slug).modules.flatMap((m) => m.lessons.map((l) => l.id));
			expect(lessonIds.length).toBeGreaterThanOrEqual(5);
			for (const id of lessonIds) {
				for (const lang of ['my', 'en']) {
					const file = path.join(dir, 'lessons', `${id}.${lang}.md`);
					expect(fs.existsSync(file), `${file} exists`).toBe(true);
					expect(fs.readFileSync(file, 'utf8').trim(), `${file} is not empty`).not.toBe('');
				}
			}
		});

		it('has unique lesson and module ids', () => {
			const course = loadCourse(slug);
			expect(duplicates(course.modules.map((m) => m.id))).toEqual([]);
			expect(duplicates(course.modules.flatMap((m) => m.lessons.map((l) => l.id)))).toEqual([]);
		});

		it('quotes, for every short question, the words a lesson teaches as its answer, and accepts them', () => {
			const course = loadCourse(slug);
			const lessons = (lang: 'my' | 'en') =>
				course.modules.flatMap((m) =>
					m.lessons.map((l) => readLesson(path.join(dir, 'lessons', `${l.id}.${lang}.md`)))
				);
			const taught = { my: lessons('my'), en: lessons('en') };
			const problems: string[] = [];
			for (const quizId of course.modules.flatMap((m) => (m.quiz ? [m.quiz] : []))) {
				const quiz = quizFileSchema.parse(readJson(path.join(dir, 'quizzes', `${quizId}.json`)));
				for (const question of quiz.questions) {
					if (question.type !== 'short') continue;
					if (!question.taught) {
						problems.push(`${quizId} ${question.id}: no taught words`);
						continue;
					}
					for (const lang of ['my', 'en'] as const) {
						for (const quote of question.taught[lang]) {
							if (!taught[lang].some((text) => text.includes(quote)))
								problems.push(`${quizId} ${question.id}: "${quote}" is in no ${lang} lesson`);
							if (!accepts(quiz, question.id, quote))
								problems.push(`${quizId} ${question.id}: the answer "${quote}" is marked wrong`);
						}
					}
				}
			}
			expect(problems).toEqual([]);
		});

		it('gives every short question answered with a number a range that holds it, so any way of writing that number is right', () => {
			const course = loadCourse(slug);
			const problems: string[] = [];
			for (const quizId of course.modules.flatMap((m) => (m.quiz ? [m.quiz] : []))) {
				const quiz = quizFileSchema.parse(readJson(path.join(dir, 'quizzes', `${quizId}.json`)));
				for (const question of quiz.questions) {
					if (question.type !== 'short') continue;
					// A bare number among the accepted answers ("20", "၁,၁၂၀", "34.5") makes it a number question.
					const numbers = [...question.accepted.my, ...question.accepted.en]
						.map(normalizeShortAnswer)
						.filter((a) => /^\d+(,\d{3})*(\.\d+)?$/.test(a));
					if (numbers.length === 0) continue;
					if (!question.range)
						problems.push(
							`${quizId} ${question.id}: answered with a number (${numbers[0]}) but has no range`
						);
					else
						for (const n of numbers)
							if (!accepts(quiz, question.id, n))
								problems.push(`${quizId} ${question.id}: ${n} is outside its range`);
				}
			}
			expect(problems).toEqual([]);
		});

		it('totals at most 300 KB, with each image under 15 KB', () => {
			const all = files(dir);
			const total = all.reduce((sum, f) => sum + fs.statSync(f).size, 0);
			expect(total).toBeLessThanOrEqual(MAX_COURSE_BYTES);
			const bigImages = all.filter(
				(f) => f.includes(`${path.sep}images${path.sep}`) && fs.statSync(f).size >= MAX_IMAGE_BYTES
			);
			expect(bigImages).toEqual([]);
		});

		it('keeps each sound clip exactly as the server writes clips (no tags), placed in a lesson', async () => {
			const audio = path.join(dir, 'audio');
			const clips = fs.existsSync(audio) ? fs.readdirSync(audio) : [];
			const lessons = files(path.join(dir, 'lessons'))
				.map((f) => fs.readFileSync(f, 'utf8'))
				.join('\n');
			for (const name of clips) {
				expect(name).toMatch(/^[a-z0-9-]+\.ogg$/);
				const bytes = fs.readFileSync(path.join(audio, name));
				const kept = await checkClip(bytes);
				expect(kept.ok && Buffer.from(kept.ogg).equals(bytes), `${name}: npm run clip`).toBe(true);
				expect(lessons).toContain(`](../audio/${name})`);
			}
		});
	});
});

describe('answer keys the content review found wrong', () => {
	const quiz = (course: string, id: string) =>
		quizFileSchema.parse(readJson(path.join(ROOT, course, 'quizzes', `${id}.json`)));
	it.each([
		// W1: the CPR rate, in the lesson's own words and any number inside the range.
		[
			'first-aid-basics',
			'q2',
			'q2-2',
			[
				'100 to 120 times a minute',
				'တစ်မိနစ်ကို ၁၀၀ ကနေ ၁၂၀ ကြိမ်',
				'၁၀၀-၁၂၀ ကြိမ်',
				'100-120 times a minute',
				'110',
				'၁၁၀'
			],
			['150', '၆၀ ကနေ ၈၀', '30']
		],
		// W2: Thai "hello" as the Burmese lesson writes its sound.
		['thai-for-mae-sot', 'q1', 'q1-4', ['ဆဝပ်ဒီ', 'ဆဝပ်ဒီ ခရပ်', 'ဆဝပ်ဒီ ခ'], ['ခေါ့ခွန်']],
		// m10, m16, m27: natural variants.
		['phone-safety-basics', 'q1', 'q1-7', ['၆ လုံး', 'ဂဏန်း ၆ လုံး'], ['၄ လုံး']],
		['thai-for-mae-sot', 'q1', 'q1-6', ['khop khun krap', 'ခေါ့ခွန် ခရပ်'], ['sawatdi']],
		['thai-for-mae-sot', 'q2', 'q2-5', ['ချွိုင်ဒွိုင်', 'ချွိုင် ဒွိုင်'], ['ခေါ့ခွန်']],
		['food-business-basics', 'q1', 'q1-4', ['၂ နာရီ', '2 hours'], ['၄ နာရီ']]
	])('%s %s %s accepts what its lesson teaches', (course, quizId, question, right, wrong) => {
		const q = quiz(course, quizId);
		for (const answer of right) expect(accepts(q, question, answer), answer).toBe(true);
		for (const answer of wrong) expect(accepts(q, question, answer), answer).toBe(false);
	});
});

const text = (s: string) => ({ my: `${s} (my)`, en: s });

function validCourse() {
	return {
		id: 'test-course',
		version: 1,
		category: 'vocational',
		audience: 'everyone',
		title: text('Title'),
		summary: text('Summary'),
		skills: [{ id: 'first_aid', level: 1, name: text('First aid') }],
		modules: [
			{
				id: 'm1',
				title: text('Module'),
				lessons: [{ id: '01-intro', minutes: 5, title: text('Intro') }],
				quiz: 'q1'
			}
		],
		sources: [{ title: 'A source', url: 'https://example.org/guide' }],
		expert: 'medical'
	};
}

function validQuiz() {
	return {
		id: 'q1',
		passMark: 80,
		title: text('Quiz'),
		questions: [
			{
				id: 'q1-1',
				type: 'single',
				prompt: text('Pick one'),
				options: [
					{ id: 'a', text: text('A'), correct: true },
					{ id: 'b', text: text('B'), correct: false }
				],
				explanation: text('Because')
			},
			{
				id: 'q1-2',
				type: 'true_false',
				prompt: text('True?'),
				answer: true,
				explanation: text('Yes')
			},
			{
				id: 'q1-3',
				type: 'short',
				prompt: text('Say'),
				accepted: { my: [], en: ['hello'] },
				explanation: text('Hi')
			}
		]
	};
}

describe('course file schema', () => {
	it('accepts a valid course', () => {
		expect(courseFileSchema.safeParse(validCourse()).success).toBe(true);
	});

	it('rejects a missing Burmese title', () => {
		const course = validCourse();
		course.title = { en: 'Title' } as typeof course.title;
		expect(courseFileSchema.safeParse(course).success).toBe(false);
		course.title = { my: '  ', en: 'Title' };
		expect(courseFileSchema.safeParse(course).success).toBe(false);
	});

	it('rejects an http (not https) source', () => {
		const course = validCourse();
		course.sources[0].url = 'http://example.org/guide';
		expect(courseFileSchema.safeParse(course).success).toBe(false);
	});

	it('rejects bad ids, levels, categories and empty lists', () => {
		const cases: ((c: ReturnType<typeof validCourse>) => void)[] = [
			(c) => (c.id = 'Test Course'),
			(c) => (c.skills[0].level = 4),
			// "Can teach" is more than a quiz on a phone can show (src/lib/courses/levels.ts).
			(c) => (c.skills[0].level = 3),
			(c) => (c.skills[0].level = 1.5),
			(c) => (c.skills[0].id = 'first-aid'),
			(c) => (c.category = 'cooking'),
			(c) => (c.modules[0].lessons = []),
			(c) => (c.modules[0].lessons[0].minutes = 0),
			(c) => (c.sources = []),
			(c) => (c.skills = []),
			(c) => (c.expert = 'astrology'),
			(c) => delete (c as { expert?: string }).expert
		];
		for (const change of cases) {
			const course = validCourse();
			change(course);
			expect(courseFileSchema.safeParse(course).success, change.toString()).toBe(false);
		}
	});
});

describe('quiz file schema', () => {
	it('accepts a valid quiz and defaults passMark to 80', () => {
		const { passMark: _, ...quiz } = validQuiz();
		const result = quizFileSchema.safeParse(quiz);
		expect(result.success).toBe(true);
		expect(result.data?.passMark).toBe(80);
	});

	it('rejects a single question with two correct options', () => {
		const quiz = validQuiz();
		quiz.questions[0].options![1].correct = true;
		expect(quizFileSchema.safeParse(quiz).success).toBe(false);
	});

	it('rejects passMark 0 and above 100', () => {
		for (const passMark of [0, 101, 50.5]) {
			expect(quizFileSchema.safeParse({ ...validQuiz(), passMark }).success, String(passMark)).toBe(
				false
			);
		}
	});

	it('rejects a multiple question with no correct option', () => {
		const quiz = validQuiz();
		quiz.questions[0].type = 'multiple';
		quiz.questions[0].options![0].correct = false;
		expect(quizFileSchema.safeParse(quiz).success).toBe(false);
	});

	it('rejects fewer than two options and duplicate option ids', () => {
		const one = validQuiz();
		one.questions[0].options = one.questions[0].options!.slice(0, 1);
		expect(quizFileSchema.safeParse(one).success).toBe(false);
		const dup = validQuiz();
		dup.questions[0].options![1].id = 'a';
		expect(quizFileSchema.safeParse(dup).success).toBe(false);
	});

	it('rejects duplicate question ids', () => {
		const quiz = validQuiz();
		quiz.questions[1].id = 'q1-1';
		expect(quizFileSchema.safeParse(quiz).success).toBe(false);
	});

	it('rejects a short question with no accepted answer', () => {
		const quiz = validQuiz();
		quiz.questions[2].accepted = { my: [], en: [] };
		expect(quizFileSchema.safeParse(quiz).success).toBe(false);
	});

	it('rejects an unknown question type and a true_false without a boolean answer', () => {
		const unknown = validQuiz();
		unknown.questions[1].type = 'essay';
		expect(quizFileSchema.safeParse(unknown).success).toBe(false);
		const notBool = { ...validQuiz() } as { questions: Record<string, unknown>[] };
		notBool.questions[1].answer = 'true';
		expect(quizFileSchema.safeParse(notBool).success).toBe(false);
	});

	it('rejects no questions', () => {
		expect(quizFileSchema.safeParse({ ...validQuiz(), questions: [] }).success).toBe(false);
	});
});
