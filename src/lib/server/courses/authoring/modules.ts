/**
 * A course's modules, which group its lessons and close with a quiz: adding and renaming. Who
 * may do each: authors.ts.
 */
import { inTransaction, type Db } from '../../db';
import { editable, nextId, touch, type Author, type AuthorResult, type Bilingual } from './authors';

/** Adds a module at the end of the course. */
export async function addModule(
	db: Db,
	author: Author,
	courseId: string,
	title: Bilingual,
	now = Date.now()
): Promise<AuthorResult<{ id: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const taken = await db
		.selectFrom('course_module')
		.select('id')
		.where('course_id', '=', courseId)
		.execute();
	const id = nextId(
		'part',
		taken.map((t) => t.id)
	);
	const result = await saveModule(db, author, courseId, id, title, now);
	return result.ok ? { ok: true, id } : result;
}

/** Renames a module that exists. */
export async function renameModule(
	db: Db,
	author: Author,
	courseId: string,
	moduleId: string,
	title: Bilingual,
	now = Date.now()
): Promise<AuthorResult> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const module = await db
		.selectFrom('course_module')
		.select('id')
		.where('course_id', '=', courseId)
		.where('id', '=', moduleId)
		.executeTakeFirst();
	if (!module) return { ok: false, error: 'no_module' };
	return saveModule(db, author, courseId, moduleId, title, now);
}

/** Adds a module or renames it. */
async function saveModule(
	db: Db,
	author: Author,
	courseId: string,
	id: string,
	title: Bilingual,
	now: number
): Promise<AuthorResult> {
	return inTransaction(db, async (db) => {
		if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
		const count = await db
			.selectFrom('course_module')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('course_id', '=', courseId)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('course_module')
			.values({
				course_id: courseId,
				id,
				position: Number(count.n),
				title_my: title.my,
				title_en: title.en
			})
			.onConflict((oc) =>
				oc.columns(['course_id', 'id']).doUpdateSet({ title_my: title.my, title_en: title.en })
			)
			.execute();
		await touch(db, courseId, now);
		return { ok: true };
	});
}
