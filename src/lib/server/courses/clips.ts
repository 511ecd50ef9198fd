/**
 * A course's sound clips as learners meet them: each clip's size, for "tap to load (N KB)"
 * with data saver. Uploaded clips are rows of `course_clip`; a starter course's are files in
 * content/courses/<course>/audio (FORMAT.md).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db';

/** The size of each of the course's clips, by file name. */
export async function clipSizes(db: Db, courseId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('course_clip')
		.select(['name', 'bytes'])
		.where('course_id', '=', courseId)
		.execute();
	const sizes = new Map(rows.map((r) => [r.name, r.bytes]));
	const dir = path.resolve('content/courses', courseId, 'audio');
	for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
		if (!name.endsWith('.ogg') || sizes.has(name)) continue;
		sizes.set(name, (await fs.stat(path.join(dir, name))).size);
	}
	return sizes;
}
