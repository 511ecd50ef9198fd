/**
 * A course's lessons: adding, editing, moving, retiring and restoring. Who may do each:
 * authors.ts.
 */
import { inTransaction, type Db } from '../../db';
import { editable, nextId, touch, type Author, type AuthorResult, type Bilingual } from './authors';

export interface LessonInput {
	moduleId: string;
	id: string;
	minutes: number;
	title: Bilingual;
	body: Bilingual;
}

/** Adds a lesson at the end of a module; a lesson always has a title and text. */
export async function addLesson(
	db: Db,
	author: Author,
	courseId: string,
	lesson: Omit<LessonInput, 'id'>,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const taken = await db
		.selectFrom('lesson')
		.select('id')
		.where('course_id', '=', courseId)
		.execute();
	const id = nextId(
		'lesson',
		taken.map((t) => t.id)
	);
	const result = await saveLesson(db, author, courseId, { ...lesson, id }, now);
	return result.ok ? { ok: true, id } : result;
}

/** Edits a lesson that exists (retired lessons included: saving brings one back). */
export async function updateLesson(
	db: Db,
	author: Author,
	courseId: string,
	lesson: Omit<LessonInput, 'moduleId'>,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const existing = await db
		.selectFrom('lesson')
		.select('module_id')
		.where('course_id', '=', courseId)
		.where('id', '=', lesson.id)
		.executeTakeFirst();
	if (!existing) return { ok: false, error: 'no_lesson' };
	return saveLesson(db, author, courseId, { ...lesson, moduleId: existing.module_id }, now);
}

/** Brings a retired lesson back at the end of its module. */
export async function restoreLesson(
	db: Db,
	author: Author,
	courseId: string,
	lessonId: string,
	now = Date.now()
): Promise<AuthorResult> {
	const lesson = await db
		.selectFrom('lesson')
		.selectAll()
		.where('course_id', '=', courseId)
		.where('id', '=', lessonId)
		.executeTakeFirst();
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	if (!lesson) return { ok: false, error: 'no_lesson' };
	return saveLesson(
		db,
		author,
		courseId,
		{
			id: lesson.id,
			moduleId: lesson.module_id,
			minutes: lesson.minutes,
			title: { my: lesson.title_my, en: lesson.title_en },
			body: { my: lesson.body_my, en: lesson.body_en }
		},
		now
	);
}

/** Adds a lesson at the end of its module's course order, or edits it in place. */
async function saveLesson(
	db: Db,
	author: Author,
	courseId: string,
	lesson: LessonInput,
	now: number
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const module = await db
			.selectFrom('course_module')
			.select('id')
			.where('course_id', '=', courseId)
			.where('id', '=', lesson.moduleId)
			.executeTakeFirst();
		if (!module) return { ok: false, error: 'no_module' };
		const last = await db
			.selectFrom('lesson')
			.select((eb) => eb.fn.max<number>('position').as('p'))
			.where('course_id', '=', courseId)
			.executeTakeFirst();
		const values = {
			module_id: lesson.moduleId,
			minutes: lesson.minutes,
			title_my: lesson.title.my,
			title_en: lesson.title.en,
			body_my: lesson.body.my,
			body_en: lesson.body.en,
			retired: 0
		};
		await db
			.insertInto('lesson')
			.values({ course_id: courseId, id: lesson.id, position: (last?.p ?? -1) + 1, ...values })
			.onConflict((oc) => oc.columns(['course_id', 'id']).doUpdateSet(values))
			.execute();
		await renumberLessons(db, courseId);
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/** Keeps the course-wide lesson order (which the reader follows) in module order. */
async function renumberLessons(db: Db, courseId: string): Promise<void> {
	const lessons = await db
		.selectFrom('lesson')
		.innerJoin('course_module', (join) =>
			join
				.onRef('course_module.course_id', '=', 'lesson.course_id')
				.onRef('course_module.id', '=', 'lesson.module_id')
		)
		.select(['lesson.id', 'lesson.position'])
		.where('lesson.course_id', '=', courseId)
		.orderBy('course_module.position')
		.orderBy('lesson.position')
		.execute();
	await inTransaction(db, async (trx) => {
		for (const [position, lesson] of lessons.entries()) {
			if (lesson.position !== position)
				await trx
					.updateTable('lesson')
					.set({ position })
					.where('course_id', '=', courseId)
					.where('id', '=', lesson.id)
					.execute();
		}
	});
}

/** Swaps a lesson with its neighbour before or after it in the same module. */
export async function moveLesson(
	db: Db,
	author: Author,
	courseId: string,
	lessonId: string,
	direction: 'up' | 'down',
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const moving = await db
			.selectFrom('lesson')
			.select('module_id')
			.where('course_id', '=', courseId)
			.where('id', '=', lessonId)
			.where('retired', '=', 0)
			.executeTakeFirst();
		if (!moving) return { ok: false, error: 'no_lesson' };
		const lessons = await db
			.selectFrom('lesson')
			.select(['id', 'position'])
			.where('course_id', '=', courseId)
			.where('module_id', '=', moving.module_id)
			.where('retired', '=', 0)
			.orderBy('position')
			.execute();
		const index = lessons.findIndex((l) => l.id === lessonId);
		const other = lessons[direction === 'up' ? index - 1 : index + 1];
		if (!other) return { ok: true };
		await inTransaction(db, async (trx) => {
			await trx
				.updateTable('lesson')
				.set({ position: other.position })
				.where('course_id', '=', courseId)
				.where('id', '=', lessonId)
				.execute();
			await trx
				.updateTable('lesson')
				.set({ position: lessons[index].position })
				.where('course_id', '=', courseId)
				.where('id', '=', other.id)
				.execute();
		});
		await touch(db, courseId, now);
		return { ok: true };
	});
}

/** Removes a lesson from the course; learners' records of it are kept. */
export async function retireLesson(
	db: Db,
	author: Author,
	courseId: string,
	lessonId: string,
	now = Date.now()
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const result = await db
			.updateTable('lesson')
			.set({ retired: 1 })
			.where('course_id', '=', courseId)
			.where('id', '=', lessonId)
			.executeTakeFirst();
		if (result.numUpdatedRows === 0n) return { ok: false, error: 'no_lesson' };
		await touch(db, courseId, now);
		return { ok: true };
	});
}
