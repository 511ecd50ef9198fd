/**
 * Sound clips in a course's lessons and quizzes: checked, written afresh and stored
 * (media/clips.ts), then placed in the text by their address. Who may add them: authors.ts.
 */
import { inTransaction, type Db } from '../../db';
import { checkClip, storeClip } from '../../media/clips';
import { editable, touch, type Author, type AuthorResult } from './authors';

/** Checks and stores an uploaded or recorded clip; returns its name for the lesson's text. */
export async function addCourseClip(
	db: Db,
	author: Author,
	courseId: string,
	bytes: Uint8Array,
	mediaDir: string,
	now = Date.now()
): Promise<AuthorResult<{ name: string; bytes: number; durationMs: number }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const clip = await checkClip(bytes);
	if (!clip.ok) return { ok: false, error: `clip_${clip.error}` };
	const name = await storeClip(`${mediaDir}/${courseId}`, clip.ogg);
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('course_clip')
			.values({
				name,
				course_id: courseId,
				bytes: clip.ogg.length,
				duration_ms: clip.durationMs,
				created_at: now
			})
			.execute();
		await touch(trx, courseId, now);
	});
	return { ok: true, name, bytes: clip.ogg.length, durationMs: clip.durationMs };
}

/** Whether the clip was added to this course (a listening question may name only its own). */
export async function hasClip(db: Db, courseId: string, name: string): Promise<boolean> {
	const row = await db
		.selectFrom('course_clip')
		.select('name')
		.where('course_id', '=', courseId)
		.where('name', '=', name)
		.executeTakeFirst();
	return row !== undefined;
}

/** The course's clips, oldest first, for its author to choose one for a listening question. */
export async function courseClips(
	db: Db,
	author: Author,
	courseId: string
): Promise<{ name: string; seconds: number }[]> {
	if (!(await editable(db, author, courseId))) return [];
	const rows = await db
		.selectFrom('course_clip')
		.select(['name', 'duration_ms'])
		.where('course_id', '=', courseId)
		.orderBy('created_at')
		.orderBy('name')
		.execute();
	return rows.map((r) => ({
		name: r.name,
		seconds: Math.max(1, Math.round(r.duration_ms / 1000))
	}));
}
