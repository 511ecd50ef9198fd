/**
 * A published course packaged for reading offline: public content only (no progress, no
 * account). The manifest lists every file with its size; each file's address carries a hash of
 * its content, so after a new version a phone fetches only the files that changed, and an
 * interrupted download goes on from the files it already has.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Selectable } from 'kysely';
import type { Db } from '../db';
import { modulesOf, liveLessons, liveQuizzes } from './contents';
import type { CourseTable } from '../schema';
import type { QuizFile } from '../../schemas/course-content';
import { renderLesson } from './lesson-html';
import type { OfflineLesson, OfflineOutline } from '../../offline/package';
import { signedText, COURSE_FILE_FORMAT, type CourseFile } from '../../offline/course-file';
import { signWithCurrentKey } from './signing-keys';

export type { OfflineLesson, OfflineOutline };

type Bilingual = { my: string; en: string };

export interface OfflineFile {
	url: string;
	bytes: number;
}

export interface OfflineManifest {
	id: string;
	version: number;
	title: Bilingual;
	files: OfflineFile[];
	bytes: number;
}

const hash = (body: string | Buffer) =>
	createHash('sha256').update(body).digest('hex').slice(0, 16);

/** Everything a published course's package holds, as the bodies of its files. */
async function packageBodies(db: Db, courseId: string, mediaPath: string): Promise<Package | null> {
	const course = await db
		.selectFrom('course')
		.selectAll()
		.where('id', '=', courseId)
		.where('status', '=', 'published')
		.executeTakeFirst();
	if (!course) return null;
	// Every download reads the package once per file, and every course page states its size:
	// build it once per version (each edit of a course moves its version or time of change).
	const key = `${course.id}:${course.version}:${course.updated_at}:${mediaPath}`;
	const cached = built.get(key);
	if (cached) return cached;
	const result = await buildPackage(db, course, mediaPath);
	if (built.size >= 32) built.delete(built.keys().next().value!);
	built.set(key, result);
	return result;
}

type Package = {
	manifest: Omit<OfflineManifest, 'files' | 'bytes'>;
	files: Map<string, string | Buffer>;
};
/** Packages built, by course, version and time of change (at most 32 kept). */
const built = new Map<string, Package>();

async function buildPackage(
	db: Db,
	course: Selectable<CourseTable>,
	mediaPath: string
): Promise<Package> {
	const courseId = course.id;
	const modules = await modulesOf(db, courseId);
	const lessons = await liveLessons(db, courseId).selectAll().execute();
	const quizzes = await liveQuizzes(db, courseId).selectAll().execute();
	const base = `/api/courses/${courseId}/offline`;
	const files = new Map<string, string | Buffer>();

	const outline: OfflineOutline = {
		id: course.id,
		version: course.version,
		category: course.category,
		audience: course.audience,
		title: { my: course.title_my, en: course.title_en },
		summary: { my: course.summary_my, en: course.summary_en },
		modules: modules.map((m) => {
			const quiz = quizzes.find((q) => q.module_id === m.id);
			return {
				id: m.id,
				title: { my: m.title_my, en: m.title_en },
				lessons: lessons
					.filter((l) => l.module_id === m.id)
					.map((l) => ({
						id: l.id,
						title: { my: l.title_my, en: l.title_en },
						minutes: l.minutes
					})),
				quiz: quiz ? { id: quiz.id, title: { my: quiz.title_my, en: quiz.title_en } } : null
			};
		})
	};
	files.set(`${base}/course`, JSON.stringify(outline));

	const images = new Set<string>();
	for (const l of lessons) {
		const html = { my: renderLesson(courseId, l.body_my), en: renderLesson(courseId, l.body_en) };
		for (const [, src] of `${html.my}${html.en}`.matchAll(/src="(\/media\/courses\/[^"]+)"/g))
			images.add(src);
		const lesson: OfflineLesson = {
			id: l.id,
			title: { my: l.title_my, en: l.title_en },
			minutes: l.minutes,
			html
		};
		files.set(`${base}/lessons/${l.id}`, JSON.stringify(lesson));
	}
	for (const q of quizzes) {
		// A listening question's clip comes with the quiz, like a lesson's.
		for (const question of JSON.parse(q.questions) as QuizFile['questions'])
			if (question.clip) images.add(`/media/courses/${courseId}/${question.clip}`);
		// Offline, the phone scores the quiz itself, so the package holds the answers: course
		// content is public, and the page never shows them before an attempt.
		const quiz: QuizFile = {
			id: q.id,
			passMark: q.pass_mark,
			title: { my: q.title_my, en: q.title_en },
			questions: JSON.parse(q.questions)
		};
		files.set(`${base}/quizzes/${q.id}`, JSON.stringify(quiz));
	}
	for (const src of images) {
		const name = src.split('/').pop()!;
		const folder = name.endsWith('.ogg') ? 'audio' : 'images';
		for (const file of [
			path.resolve('content/courses', courseId, folder, name),
			path.join(mediaPath, courseId, name)
		]) {
			const bytes = await fs.readFile(file).catch(() => null);
			if (bytes) {
				files.set(src, bytes);
				break;
			}
		}
	}
	return { manifest: { id: course.id, version: course.version, title: outline.title }, files };
}

/**
 * Bytes a learner downloads for the whole course: the sum of its package's files, as the
 * manifest lists them. The one figure every page states (the catalogue, the course page, its
 * download button, the author's page), stored as `course.size_bytes` whenever the course changes
 * (catalogue.ts). Any status, so an author sees a draft's size too.
 */
export async function packageBytes(db: Db, courseId: string, mediaPath: string): Promise<number> {
	const course = await db
		.selectFrom('course')
		.selectAll()
		.where('id', '=', courseId)
		.executeTakeFirst();
	if (!course) return 0;
	// Built afresh: the cache of packages is keyed by version and time of change, which an edit
	// of a draft within the same millisecond would not move.
	const { files } = await buildPackage(db, course, mediaPath);
	let bytes = 0;
	for (const body of files.values()) bytes += Buffer.byteLength(body);
	return bytes;
}

/** The list of files to download, each address carrying its content's hash; null when not published. */
export async function offlineManifest(
	db: Db,
	courseId: string,
	mediaPath: string
): Promise<OfflineManifest | null> {
	const built = await packageBodies(db, courseId, mediaPath);
	if (!built) return null;
	const files = [...built.files].map(([url, body]) => ({
		url: `${url}?h=${hash(body)}`,
		bytes: Buffer.byteLength(body)
	}));
	return { ...built.manifest, files, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
}

/** One JSON file of the package (`course`, `lessons/<id>` or `quizzes/<id>`), or null. */
export async function offlineFile(
	db: Db,
	courseId: string,
	name: string,
	mediaPath: string
): Promise<string | null> {
	const built = await packageBodies(db, courseId, mediaPath);
	const body = built?.files.get(`/api/courses/${courseId}/offline/${name}`);
	return typeof body === 'string' ? body : null;
}

/** The current version of each course asked for; null when it is not (or no longer) published. */
export async function publishedVersions(
	db: Db,
	ids: string[]
): Promise<Record<string, number | null>> {
	const rows = await db
		.selectFrom('course')
		.select(['id', 'version'])
		.where('id', 'in', ids)
		.where('status', '=', 'published')
		.execute();
	const versions = new Map(rows.map((r) => [r.id, r.version]));
	return Object.fromEntries(ids.map((id) => [id, versions.get(id) ?? null]));
}

/**
 * The server's signed list of a published course's files (src/lib/offline/course-file.ts):
 * every file of its offline package, pictures included, with its hash, and the signature over
 * the course, its version and the hashes. Kept by a download, so the phone can pass the course
 * on as one file. Null when not published.
 */
export async function courseSignature(
	db: Db,
	courseId: string,
	mediaPath: string
): Promise<CourseFile | null> {
	return (await signedPackage(db, courseId, mediaPath))?.signed ?? null;
}

/** The published course as one signed file: the signed list with every body. Null when not published. */
export async function courseFile(
	db: Db,
	courseId: string,
	mediaPath: string
): Promise<CourseFile | null> {
	const built = await signedPackage(db, courseId, mediaPath);
	if (!built) return null;
	const files = built.signed.files.map((f) => ({
		...f,
		data: Buffer.from(built.bodies.get(f.url)!).toString('base64')
	}));
	return { ...built.signed, files };
}

async function signedPackage(db: Db, courseId: string, mediaPath: string) {
	const built = await packageBodies(db, courseId, mediaPath);
	if (!built) return null;
	const files = [...built.files].map(([url, body]) => ({
		url,
		sha256: createHash('sha256').update(body).digest('hex'),
		bytes: Buffer.byteLength(body)
	}));
	const { id, version } = built.manifest;
	const { key, signature } = await signWithCurrentKey(db, signedText(id, version, files));
	const signed: CourseFile = {
		format: COURSE_FILE_FORMAT,
		course: id,
		version,
		key,
		files,
		signature
	};
	return { signed, bodies: built.files };
}
