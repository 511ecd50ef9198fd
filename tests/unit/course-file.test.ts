/** A course file passed by hand is checked on the phone before anything is stored. */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
	checkCourseFile,
	COURSE_FILE_FORMAT,
	MAX_COURSE_FILE_BYTES,
	signedText,
	type CourseFile,
	type PublicKey
} from '$lib/offline/course-file';
import { courseFileName } from '$lib/offline/course-file-store';

function makeKey(): { publicKey: PublicKey; privateKey: KeyObject } {
	const pair = generateKeyPairSync('ed25519');
	const raw = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url');
	const id = createHash('sha256').update(raw).digest('hex').slice(0, 16);
	return { publicKey: { id, key: raw.toString('base64url') }, privateKey: pair.privateKey };
}
const signer = makeKey();
const keys = [signer.publicKey];

const entry = (url: string, body: string | Buffer) => ({
	url,
	sha256: createHash('sha256').update(body).digest('hex'),
	bytes: Buffer.byteLength(body),
	data: Buffer.from(body).toString('base64')
});

/** The files of a small course's package, as the server builds them. */
function bodies(course: string, version: number, outlineId = course) {
	const base = `/api/courses/${course}/offline`;
	return [
		entry(
			`${base}/course`,
			JSON.stringify({ id: outlineId, version, title: { my: 'မြန်မာ', en: 'English' } })
		),
		entry(`${base}/lessons/one`, JSON.stringify({ id: 'one', html: { my: '<p>က</p>', en: 'a' } })),
		entry(`${base}/quizzes/check`, JSON.stringify({ id: 'check', questions: [] })),
		entry(`/media/courses/${course}/picture.webp`, Buffer.alloc(300, 7))
	];
}

function signed(
	course: string,
	version: number,
	files: CourseFile['files'],
	key = signer
): CourseFile {
	const text = signedText(course, version, files);
	return {
		format: COURSE_FILE_FORMAT,
		course,
		version,
		key: key.publicKey.id,
		files,
		signature: sign(null, Buffer.from(text), key.privateKey).toString('base64')
	};
}

const blob = (value: unknown) => new Blob([JSON.stringify(value)]);
const check = (value: unknown, onPhone: number | null = null) =>
	checkCourseFile(value instanceof Blob ? value : blob(value), {
		keys,
		versionOnPhone: async () => onPhone
	});

describe('a course file', () => {
	it('opens when signed, whole and new, with every body checked', async () => {
		const result = await check(signed('first-aid', 3, bodies('first-aid', 3)));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.course).toBe('first-aid');
		expect(result.value.version).toBe(3);
		expect(result.value.title.en).toBe('English');
		expect(result.value.files.map((f) => f.url)).toHaveLength(4);
		expect(result.value.bytes).toBe(bodies('first-aid', 3).reduce((s, f) => s + f.bytes, 0));
	});

	it('opens without its pictures (data saver left them out), never without a lesson', async () => {
		const files = bodies('first-aid', 3);
		const noPicture = files.map((f) =>
			f.url.startsWith('/media/') ? { ...f, data: undefined } : f
		);
		const result = await check(signed('first-aid', 3, noPicture));
		expect(result.ok && result.value.files).toHaveLength(3);
		const noLesson = files.map((f) =>
			f.url.includes('/lessons/') ? { ...f, data: undefined } : f
		);
		expect(await check(signed('first-aid', 3, noLesson))).toEqual({
			ok: false,
			error: 'course_file_damaged'
		});
	});

	it('is refused over 5 MB before it is read', async () => {
		const big = new Blob([new Uint8Array(MAX_COURSE_FILE_BYTES + 1)]);
		expect(await check(big)).toEqual({ ok: false, error: 'course_file_too_big' });
	});

	it('is refused when truncated on the way', async () => {
		const text = JSON.stringify(signed('first-aid', 3, bodies('first-aid', 3)));
		for (const cut of [1, Math.floor(text.length / 2), text.length - 1])
			expect(await check(new Blob([text.slice(0, cut)]))).toEqual({
				ok: false,
				error: 'course_file_unreadable'
			});
	});

	it('is refused when not JSON, not this format, or missing its parts', async () => {
		const good = signed('first-aid', 3, bodies('first-aid', 3));
		for (const bad of [
			new Blob(['PK\u0003\u0004 not json']),
			{ ...good, format: 'course-file/2' },
			{ ...good, files: [] },
			{ ...good, version: -1 },
			{ ...good, course: '../other' },
			{ ...good, files: [{ ...good.files[0], sha256: 'abc' }] },
			{ ...good, signature: undefined }
		])
			expect(await check(bad)).toEqual({ ok: false, error: 'course_file_unreadable' });
	});

	it('reads its bodies apart from the rest: text around them that is not what the format writes is refused', async () => {
		const good = signed('first-aid', 3, bodies('first-aid', 3));
		const text = JSON.stringify(good);
		const refused = { ok: false, error: 'course_file_unreadable' };
		// A quote escaped inside a body: the body ends there, and what follows does not read.
		expect(await check(new Blob([text.replace('"data":"', '"data":"ab\\"')]))).toEqual(refused);
		// A body where the format has none (beside the files), or a body's number written in.
		expect(await check({ data: 'AAAA', ...good })).toEqual(refused);
		expect(await check(new Blob([text.replace(/"data":"[^"]*"/, '"data":0')]))).toEqual(refused);
		// More text besides the bodies than 1,000 entries need: refused before any parse.
		expect(await check({ ...good, padding: 'x'.repeat(300 * 1024) })).toEqual(refused);
		// Written with spaces, as JSON allows: it still reads.
		expect((await check(new Blob([JSON.stringify(good, null, 1)]))).ok).toBe(true);
	});

	it('is refused when a body was changed, whatever its listed hash and size say', async () => {
		const files = bodies('first-aid', 3);
		const swapped = files.map((f) =>
			f.url.includes('/lessons/')
				? { ...f, data: Buffer.from(JSON.stringify({ html: 'false lesson' })).toString('base64') }
				: f
		);
		expect(await check({ ...signed('first-aid', 3, files), files: swapped })).toEqual({
			ok: false,
			error: 'course_file_damaged'
		});
	});

	it('is refused when a listed hash or size was changed to match an altered body', async () => {
		const good = signed('first-aid', 3, bodies('first-aid', 3));
		const altered = entry(good.files[1].url, 'false lesson');
		const files = good.files.map((f, i) => (i === 1 ? altered : f));
		expect(await check({ ...good, files })).toEqual({ ok: false, error: 'course_file_unsigned' });
	});

	it('is refused when an entry claims more bytes than a file may hold', async () => {
		const files = bodies('first-aid', 3);
		files[1] = { ...files[1], bytes: MAX_COURSE_FILE_BYTES + 1 };
		expect(await check(signed('first-aid', 3, files))).toEqual({
			ok: false,
			error: 'course_file_damaged'
		});
	});

	it('is refused when signed by a key the app does not know, or the signature is broken', async () => {
		const stranger = makeKey();
		expect(await check(signed('first-aid', 3, bodies('first-aid', 3), stranger))).toEqual({
			ok: false,
			error: 'course_file_unsigned'
		});
		// A stranger's key under a trusted key's id.
		const posing = { ...stranger, publicKey: { ...stranger.publicKey, id: signer.publicKey.id } };
		expect(await check(signed('first-aid', 3, bodies('first-aid', 3), posing))).toEqual({
			ok: false,
			error: 'course_file_unsigned'
		});
		const good = signed('first-aid', 3, bodies('first-aid', 3));
		const flipped = Buffer.from(good.signature, 'base64');
		flipped[10] ^= 1;
		expect(await check({ ...good, signature: flipped.toString('base64') })).toEqual({
			ok: false,
			error: 'course_file_unsigned'
		});
	});

	it('opens when signed by an older key the app still trusts (after a rotation)', async () => {
		const old = makeKey();
		const file = signed('first-aid', 3, bodies('first-aid', 3), old);
		const result = await checkCourseFile(blob(file), { keys: [signer.publicKey, old.publicKey] });
		expect(result.ok).toBe(true);
	});

	it('is refused when a valid signature over another course is carried under this course', async () => {
		const other = signed('water-safety', 2, bodies('water-safety', 2));
		expect(await check({ ...other, course: 'first-aid' })).toEqual({
			ok: false,
			error: 'course_file_unsigned'
		});
		expect(await check({ ...other, version: 3 })).toEqual({
			ok: false,
			error: 'course_file_unsigned'
		});
	});

	it("is refused when its outline names another course, or it writes outside the course's own addresses", async () => {
		expect(await check(signed('first-aid', 3, bodies('first-aid', 3, 'water-safety')))).toEqual({
			ok: false,
			error: 'course_file_mismatch'
		});
		for (const url of [
			'/api/courses/water-safety/offline/lessons/one',
			'/api/courses/first-aid/offline',
			'/learn/courses/first-aid',
			'/media/courses/first-aid/../x.webp'
		]) {
			const files = [...bodies('first-aid', 3), entry(url, 'x')];
			expect(await check(signed('first-aid', 3, files))).toEqual({
				ok: false,
				error: 'course_file_mismatch'
			});
		}
		const files = bodies('first-aid', 3);
		expect(await check(signed('first-aid', 3, [...files, files[1]]))).toEqual({
			ok: false,
			error: 'course_file_mismatch'
		});
	});

	it('is refused when older than the copy on the phone; the same or a newer one opens', async () => {
		const file = signed('first-aid', 3, bodies('first-aid', 3));
		expect(await check(file, 4)).toEqual({ ok: false, error: 'course_file_older' });
		expect((await check(file, 3)).ok).toBe(true);
		expect((await check(file, 2)).ok).toBe(true);
	});

	it('gives the page a turn at least every slice while checking a file', async () => {
		const files = bodies('first-aid', 3);
		for (let i = 0; i < 20; i++)
			files.push(entry(`/media/courses/first-aid/p${i}.webp`, Buffer.alloc(90_000, i)));
		const file = signed('first-aid', 3, files);
		// A slow phone: every look at the clock finds 45 ms gone, so every step spends a slice.
		let clock = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => (clock += 45));
		const turns = vi.spyOn(globalThis, 'setTimeout');
		try {
			expect((await check(file)).ok).toBe(true);
			expect(turns.mock.calls.filter(([, delay]) => !delay).length).toBeGreaterThan(files.length);
		} finally {
			vi.restoreAllMocks();
		}
	});

	it('is saved under a neutral name: nothing of the app or the course, different each time', () => {
		const names = new Set(Array.from({ length: 20 }, () => courseFileName()));
		expect(names.size).toBeGreaterThan(15);
		for (const name of names) expect(name).toMatch(/^file-[0-9a-f]{6}\.json$/);
	});
});
