/**
 * A downloaded course made into one file, and a course file opened on this phone (browser
 * only). Both use the Cache Storage layout of downloads (stored.ts), so an opened course is listed
 * on "On this phone", opened by the offline reader and kept current like a downloaded one.
 */
import {
	checkCourseFile,
	COURSE_FILE_FORMAT,
	isPictureUrl,
	olderThanPhone,
	refuse,
	type CheckedCourse,
	type CheckResult,
	type CourseFile,
	type PublicKey
} from './course-file';
import {
	asOnlyWriter,
	cacheName,
	courseCacheName,
	keepOnly,
	manifestUrl,
	signatureUrl,
	storedCourse,
	titleUrl,
	type OfflineManifest
} from './stored';

/** The address a download gives a file: its content's hash added, as the server's manifest lists it. */
const storedUrl = (url: string, sha256: string) => `${url}?h=${sha256.slice(0, 16)}`;

function toBase64(bytes: Uint8Array): string {
	let binary = '';
	// In pieces: one call with a large picture's bytes would pass the engine's argument limit.
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

/**
 * The downloaded course as one file, from what the phone holds (no network needed): the signed
 * list kept with the download, and each body. Null when the course is not fully on the phone or
 * its files are not the signed ones (a download from before files were signed: download again).
 */
export async function courseFileFromPhone(courseId: string): Promise<Blob | null> {
	const name = await courseCacheName(courseId);
	if (!name) return null;
	const cache = await caches.open(name);
	const signed = await cache.match(signatureUrl(courseId));
	if (!signed || !(await cache.match(manifestUrl(courseId)))) return null;
	const statement = (await signed.json()) as CourseFile;
	if (statement.format !== COURSE_FILE_FORMAT) return null;
	const files: CourseFile['files'] = [];
	for (const { url, sha256, bytes } of statement.files) {
		const body = await cache.match(storedUrl(url, sha256));
		if (!body) {
			// Data saver left the pictures out, or text only the sound: the file goes without them,
			// as the phone has it.
			if (isPictureUrl(url)) files.push({ url, sha256, bytes });
			else return null;
			continue;
		}
		files.push({ url, sha256, bytes, data: toBase64(new Uint8Array(await body.arrayBuffer())) });
	}
	return new Blob([JSON.stringify({ ...statement, files })], { type: 'application/json' });
}

/** A neutral name for the file: nothing about the app or the course, different each time. */
export const courseFileName = () =>
	`file-${Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) => b.toString(16).padStart(2, '0')).join('')}.json`;

const TYPES: Record<string, string> = {
	svg: 'image/svg+xml',
	webp: 'image/webp',
	ogg: 'audio/ogg; codecs=opus'
};
const typeOf = (url: string) =>
	isPictureUrl(url)
		? (TYPES[url.split('.').pop() ?? ''] ?? 'application/octet-stream')
		: 'application/json';

/**
 * Checks a course file (course-file.ts) and, when it holds, stores the course as a download would:
 * its files, then the signed list, then the manifest, and only then are the files of a version
 * it replaces removed, so an interruption leaves the course as it was. Nothing is stored for a
 * refused file. The check and the storing are one step of the course's only writer: a download
 * or update running meanwhile finishes first, and the file is checked against what it left.
 */
export async function openCourseFile(blob: Blob, keys: PublicKey[]): Promise<CheckResult> {
	const versionOnPhone = async (course: string) =>
		(await storedCourse(course))?.manifest?.version ?? null;
	const result = await checkCourseFile(blob, { keys, versionOnPhone });
	if (!result.ok) return result;
	const checked = result.value;
	return asOnlyWriter(checked.course, async () => {
		// A download or an update of the course may have finished while the file was checked.
		if (olderThanPhone(checked.version, await versionOnPhone(checked.course)))
			return refuse('course_file_older');
		await store(checked);
		return result;
	});
}

async function store({ course, version, title, files, signed }: CheckedCourse): Promise<void> {
	const cache = await caches.open(cacheName(course));
	await cache.put(titleUrl(course), Response.json(title));
	const listed: OfflineManifest['files'] = [];
	for (const file of files) {
		const url = storedUrl(file.url, file.sha256);
		await cache.put(url, new Response(file.body, { headers: { 'content-type': typeOf(url) } }));
		listed.push({ url, bytes: file.body.length });
	}
	await cache.put(signatureUrl(course), Response.json(signed));
	const manifest: OfflineManifest = {
		id: course,
		version,
		title,
		files: listed,
		bytes: listed.reduce((sum, f) => sum + f.bytes, 0)
	};
	await cache.put(manifestUrl(course), Response.json(manifest));
	await keepOnly(cache, course, listed);
}
