/**
 * A course as one file, passed from phone to phone (content/courses/COURSE-FILE.md): its shape,
 * the text the server signs, and the phone's check of a file before anything is stored. Pure:
 * it runs in the browser and in unit tests (WebCrypto's Ed25519, in Chromium since 137 and in
 * Node 20), and the server builds files from the same definitions.
 */

/** The format's name and version, the first thing a reader checks. */
export const COURSE_FILE_FORMAT = 'course-file/1';
/** A file passed by Telegram or Bluetooth on costly data: the largest course is well under this. */
export const MAX_COURSE_FILE_BYTES = 5 * 1024 * 1024;
/** More entries than any course has; a file listing more is hostile. */
const MAX_ENTRIES = 1000;
/** Parsing yields to the page after this long, so a tap never waits more than ~50 ms. */
const SLICE_MS = 40;
/**
 * The most the file's text may hold besides its bodies (addresses, hashes, sizes, the
 * signature): 1,000 entries take about 200 KB. Parsed at once, it stays well under a slice.
 */
const MAX_OUTLINE_CHARS = 256 * 1024;

/** One file of the course's offline package, as the signature lists it. */
export interface CourseFileEntry {
	/** The address the phone stores it under (the offline package's, without its hash). */
	url: string;
	/** SHA-256 of the body, lowercase hex. */
	sha256: string;
	bytes: number;
}

export interface CourseFile {
	format: typeof COURSE_FILE_FORMAT;
	course: string;
	version: number;
	/** The id of the key that signed it (`PublicKey.id`). */
	key: string;
	/** Every file of the package, signed; `data` (base64) is absent for a picture left out. */
	files: (CourseFileEntry & { data?: string })[];
	/** Ed25519 over `signedText(course, version, files)`, base64. */
	signature: string;
}

/** A public key the app trusts: raw 32 bytes, base64url, named by its id. */
export interface PublicKey {
	id: string;
	key: string;
}

/**
 * The exact text signed: the format, the course, its version and every file's address, hash and
 * size, in the file's order. A signature is thus bound to one course and one version; a file
 * with the id or version changed, or with a body swapped, fails.
 */
export function signedText(course: string, version: number, files: CourseFileEntry[]): string {
	return JSON.stringify([
		COURSE_FILE_FORMAT,
		course,
		version,
		files.map((f) => [f.url, f.sha256, f.bytes])
	]);
}

/** Pictures and sound clips may be left out (data saver, text only); lessons, quizzes and the outline never. */
export const isPictureUrl = (url: string) => url.startsWith('/media/');

/** The only addresses a course's file may write to: its own package, pictures and sound clips. */
export function belongsTo(course: string, url: string): boolean {
	const base = `/api/courses/${course}/offline/`;
	if (url.startsWith(base))
		return /^(course|lessons\/[a-z0-9-]+|quizzes\/[a-z0-9-]+)$/.test(url.slice(base.length));
	return new RegExp(`^/media/courses/${course}/[a-z0-9-]+\\.(svg|webp|ogg)$`).test(url);
}

/** Why a file was refused: each a key of the message catalogue. */
export const COURSE_FILE_REFUSALS = [
	'course_file_too_big',
	'course_file_unreadable',
	'course_file_damaged',
	'course_file_unsigned',
	'course_file_mismatch',
	'course_file_older'
] as const;
export type CourseFileRefusal = (typeof COURSE_FILE_REFUSALS)[number];

export interface CheckedCourse {
	course: string;
	version: number;
	title: { my: string; en: string };
	/** The bodies to store, every hash checked. */
	files: { url: string; sha256: string; body: Uint8Array<ArrayBuffer> }[];
	/** Bytes of the bodies, as "On this phone" counts them. */
	bytes: number;
	/** The signed list without the bodies, kept on the phone so it can pass the course on. */
	signed: CourseFile;
}

export type CheckResult =
	{ ok: true; value: CheckedCourse } | { ok: false; error: CourseFileRefusal };

export const refuse = (error: CourseFileRefusal): CheckResult => ({ ok: false, error });

/** A file of an older version than the phone's copy is refused; the same or a newer one replaces it. */
export const olderThanPhone = (version: number, onPhone: number | null) =>
	onPhone !== null && version < onPhone;

const isSlug = (v: unknown): v is string =>
	typeof v === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v) && v.length <= 80;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** The file's JSON, checked for shape only (no hash or signature yet), or null. */
function shapeOf(value: unknown): CourseFile | null {
	if (typeof value !== 'object' || value === null) return null;
	const v = value as Record<string, unknown>;
	if (v.format !== COURSE_FILE_FORMAT || !isSlug(v.course) || !isCount(v.version)) return null;
	if (typeof v.key !== 'string' || typeof v.signature !== 'string') return null;
	if (!Array.isArray(v.files) || v.files.length === 0 || v.files.length > MAX_ENTRIES) return null;
	for (const f of v.files as unknown[]) {
		if (typeof f !== 'object' || f === null) return null;
		const e = f as Record<string, unknown>;
		if (typeof e.url !== 'string' || typeof e.sha256 !== 'string' || !isCount(e.bytes)) return null;
		if (!/^[0-9a-f]{64}$/.test(e.sha256)) return null;
		if (e.data !== undefined && typeof e.data !== 'string') return null;
	}
	return v as unknown as CourseFile;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
	try {
		const binary = atob(text);
		const bytes = new Uint8Array(binary.length);
		for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
		return bytes;
	} catch {
		return null;
	}
}

const hex = (buffer: ArrayBuffer) =>
	Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The file's JSON, read so that no one step grows with the file (the page is never held for more
 * than 50 ms, whatever a file holds; the bodies are nearly all of it): each body, written
 * `"data":"<base64>"` (spaces allowed), is cut out between pauses and replaced by its number, the rest (small,
 * bounded) parsed, then each body put back where its number stands. Base64 holds no quote or
 * backslash, so a body ends at the next quote. Text that is not what the format writes leaves
 * something that does not parse, a number with no body, or a body that fails its size, hash or
 * the signature: refused all the same. Null when it does not read.
 */
async function readCourseFile(text: string, pause: () => Promise<void>): Promise<unknown> {
	// The key of a body and the quote that opens it, with the spaces JSON allows between.
	const mark = /"data"\s*:\s*"/g;
	const bodies: string[] = [];
	let outline = '';
	let at = 0;
	for (let found = mark.exec(text); found; found = mark.exec(text)) {
		const from = found.index + found[0].length;
		const end = text.indexOf('"', from);
		if (end < 0 || bodies.length >= MAX_ENTRIES) return null;
		outline += text.slice(at, from) + bodies.length;
		bodies.push(text.slice(from, end));
		at = mark.lastIndex = end;
		if (outline.length > MAX_OUTLINE_CHARS) return null;
		await pause();
	}
	outline += text.slice(at);
	if (outline.length > MAX_OUTLINE_CHARS) return null;
	let value: unknown;
	try {
		value = JSON.parse(outline);
	} catch {
		return null;
	}
	const files = (value as { files?: unknown } | null)?.files;
	if (!Array.isArray(files)) return bodies.length === 0 ? value : null;
	let used = 0;
	for (const entry of files as { data?: unknown }[]) {
		if (typeof entry !== 'object' || entry === null || entry.data === undefined) continue;
		const index = typeof entry.data === 'string' && /^\d+$/.test(entry.data) ? +entry.data : -1;
		if (index !== used) return null;
		entry.data = bodies[used++];
	}
	return used === bodies.length ? value : null;
}

/** Lets the page run: resolves at once within a slice, after a macrotask once it is spent. */
function slicer() {
	let start = performance.now();
	return async () => {
		if (performance.now() - start < SLICE_MS) return;
		await new Promise((resolve) => setTimeout(resolve, 0));
		start = performance.now();
	};
}

async function signatureHolds(file: CourseFile, keys: PublicKey[]): Promise<boolean> {
	const known = keys.find((k) => k.id === file.key);
	const signature = fromBase64(file.signature);
	const raw = known && fromBase64(known.key.replace(/-/g, '+').replace(/_/g, '/'));
	if (!raw || raw.length !== 32 || !signature || signature.length !== 64) return false;
	try {
		const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
		const entries = file.files.map(({ url, sha256, bytes }) => ({ url, sha256, bytes }));
		const text = new TextEncoder().encode(signedText(file.course, file.version, entries));
		return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, text);
	} catch {
		return false;
	}
}

/**
 * Checks a course file before anything is stored: size, format, the signature (by one of
 * `keys`), every body's size and hash, that every address is the course's own and that the
 * outline names the signed course and version, and that it is not older than the copy on the
 * phone (`versionOnPhone`). Work is cut into slices so the page stays responsive.
 */
export async function checkCourseFile(
	blob: Blob,
	{
		keys,
		versionOnPhone = async () => null
	}: {
		keys: PublicKey[];
		/** The version of the course already on the phone, if any. */
		versionOnPhone?: (course: string) => Promise<number | null>;
	}
): Promise<CheckResult> {
	if (blob.size > MAX_COURSE_FILE_BYTES) return refuse('course_file_too_big');
	const pause = slicer();
	const file = shapeOf(await readCourseFile(await blob.text(), pause));
	if (!file) return refuse('course_file_unreadable');
	await pause();
	if (!(await signatureHolds(file, keys))) return refuse('course_file_unsigned');
	const seen = new Set<string>();
	const files: CheckedCourse['files'] = [];
	let bytes = 0;
	for (const entry of file.files) {
		if (!belongsTo(file.course, entry.url) || seen.has(entry.url))
			return refuse('course_file_mismatch');
		seen.add(entry.url);
		if (entry.data === undefined) {
			if (isPictureUrl(entry.url)) continue;
			return refuse('course_file_damaged');
		}
		// Signed sizes bound the work before any decoding: no entry may claim more than the file.
		if (entry.bytes > MAX_COURSE_FILE_BYTES || entry.data.length > (entry.bytes / 3) * 4 + 4)
			return refuse('course_file_damaged');
		const body = fromBase64(entry.data);
		if (!body || body.length !== entry.bytes) return refuse('course_file_damaged');
		if (hex(await crypto.subtle.digest('SHA-256', body)) !== entry.sha256)
			return refuse('course_file_damaged');
		files.push({ url: entry.url, sha256: entry.sha256, body });
		bytes += body.length;
		await pause();
	}
	const outline = files.find((f) => f.url === `/api/courses/${file.course}/offline/course`);
	let title: CheckedCourse['title'] | null = null;
	try {
		const parsed = outline && JSON.parse(new TextDecoder().decode(outline.body));
		if (parsed?.id === file.course && parsed.version === file.version) title = parsed.title;
	} catch {
		title = null;
	}
	if (!title || typeof title.my !== 'string' || typeof title.en !== 'string')
		return refuse('course_file_mismatch');
	const onPhone = await versionOnPhone(file.course);
	if (olderThanPhone(file.version, onPhone)) return refuse('course_file_older');
	const signed: CourseFile = {
		...file,
		files: file.files.map(({ url, sha256, bytes }) => ({ url, sha256, bytes }))
	};
	return {
		ok: true,
		value: { course: file.course, version: file.version, title, files, bytes, signed }
	};
}
