/**
 * The quiz that closes a module, and its questions. A quiz is stored whole (its questions as
 * JSON), so each change here reads it, changes it and saves it again. Who may do each:
 * authors.ts.
 */
import { hasClip } from './clips';
import { inTransaction, type Db } from '../../db';
import type { Question, QuizFile } from '../../../schemas/course-content';
import { editable, nextId, touch, type Author, type AuthorResult, type Bilingual } from './authors';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Adds the quiz that closes a module, with its first question (a quiz is never empty). */
export async function addQuiz(
	db: Db,
	author: Author,
	courseId: string,
	moduleId: string,
	details: { title: Bilingual; passMark: number },
	first: DistributiveOmit<Question, 'id'>,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	if (first.clip && !(await hasClip(db, courseId, first.clip)))
		return { ok: false, error: 'no_clip' };
	const existing = await db
		.selectFrom('quiz')
		.select('id')
		.where('course_id', '=', courseId)
		.where('module_id', '=', moduleId)
		.where('retired', '=', 0)
		.executeTakeFirst();
	if (existing) return { ok: false, error: 'quiz_exists' };
	const taken = await db
		.selectFrom('quiz')
		.select('id')
		.where('course_id', '=', courseId)
		.execute();
	const id = nextId(
		'quiz',
		taken.map((t) => t.id)
	);
	const question = { ...first, id: 'question-1' } as Question;
	const result = await saveQuiz(
		db,
		author,
		courseId,
		moduleId,
		{ id, ...details, questions: [question] },
		now
	);
	return result.ok ? { ok: true, id } : result;
}

/** Renames a quiz or changes its pass mark. */
export async function updateQuizDetails(
	db: Db,
	author: Author,
	courseId: string,
	quizId: string,
	title: Bilingual,
	passMark: number,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const stored = await storedQuiz(db, courseId, quizId);
	if (!stored) return { ok: false, error: 'no_quiz' };
	return saveQuiz(db, author, courseId, stored.moduleId, { ...stored.quiz, title, passMark }, now);
}

/** Adds a question (`questionId` null) or replaces one; a new question gets the next free id. */
export async function saveQuestion(
	db: Db,
	author: Author,
	courseId: string,
	quizId: string,
	questionId: string | null,
	question: DistributiveOmit<Question, 'id'>,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const stored = await storedQuiz(db, courseId, quizId);
	if (!stored) return { ok: false, error: 'no_quiz' };
	if (question.clip && !(await hasClip(db, courseId, question.clip)))
		return { ok: false, error: 'no_clip' };
	const questions = stored.quiz.questions;
	let id = questionId;
	if (id === null) {
		id = nextId(
			'question',
			questions.map((q) => q.id)
		);
		questions.push({ ...question, id } as Question);
	} else {
		const index = questions.findIndex((q) => q.id === questionId);
		if (index < 0) return { ok: false, error: 'no_question' };
		questions[index] = { ...question, id } as Question;
	}
	const result = await saveQuiz(db, author, courseId, stored.moduleId, stored.quiz, now);
	return result.ok ? { ok: true, id } : result;
}

/** Takes a question out of a quiz; attempts already made keep their scores. */
export async function removeQuestion(
	db: Db,
	author: Author,
	courseId: string,
	quizId: string,
	questionId: string,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const stored = await storedQuiz(db, courseId, quizId);
	if (!stored) return { ok: false, error: 'no_quiz' };
	const questions = stored.quiz.questions.filter((q) => q.id !== questionId);
	if (questions.length === stored.quiz.questions.length) return { ok: false, error: 'no_question' };
	if (questions.length === 0) return { ok: false, error: 'last_question' };
	return saveQuiz(db, author, courseId, stored.moduleId, { ...stored.quiz, questions }, now);
}

/** A quiz of this course as stored, if it exists and is not retired. */
async function storedQuiz(db: Db, courseId: string, quizId: string) {
	const row = await db
		.selectFrom('quiz')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', quizId)
		.where('retired', '=', 0)
		.executeTakeFirst();
	if (!row) return null;
	const quiz: QuizFile = {
		id: row.id,
		passMark: row.pass_mark,
		title: { my: row.title_my, en: row.title_en },
		questions: JSON.parse(row.questions)
	};
	return { moduleId: row.module_id, quiz };
}

/** Sets the quiz that closes a module (validated against the content schema by the caller). */
async function saveQuiz(
	db: Db,
	author: Author,
	courseId: string,
	moduleId: string,
	quiz: QuizFile,
	now: number
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const module = await db
			.selectFrom('course_module')
			.select('position')
			.where('course_id', '=', courseId)
			.where('id', '=', moduleId)
			.executeTakeFirst();
		if (!module) return { ok: false, error: 'no_module' };
		const values = {
			module_id: moduleId,
			position: module.position,
			title_my: quiz.title.my,
			title_en: quiz.title.en,
			pass_mark: quiz.passMark,
			questions: JSON.stringify(quiz.questions),
			retired: 0
		};
		await db
			.insertInto('quiz')
			.values({ course_id: courseId, id: quiz.id, ...values })
			.onConflict((oc) => oc.columns(['course_id', 'id']).doUpdateSet(values))
			.execute();
		await touch(db, courseId, now);
		return { ok: true };
	});
}
