/**
 * Images in a course's lessons: checked, re-encoded and stored, then written into lesson
 * Markdown by their address. Who may add them: authors.ts.
 */
import { inTransaction, type Db } from '../../db';
import { processImage, storeImage } from '../../media/images';
import { editable, touch, type Author, type AuthorResult } from './authors';

/** Checks, re-encodes and stores an uploaded image; returns its address for lesson Markdown. */
export async function addCourseImage(
	db: Db,
	author: Author,
	courseId: string,
	bytes: Uint8Array,
	mediaDir: string,
	now = Date.now()
): Promise<AuthorResult<{ path: string; name: string }>> {
	if (!(await editable(db, author, courseId))) return { ok: false, error: 'no_course' };
	const image = await processImage(bytes);
	if (!image.ok) return { ok: false, error: image.error };
	const name = await storeImage(`${mediaDir}/${courseId}`, image.webp);
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('course_image')
			.values({ name, course_id: courseId, bytes: image.webp.length, created_at: now })
			.execute();
		await touch(trx, courseId, now);
	});
	return { ok: true, path: `/media/courses/${courseId}/${name}`, name };
}
