/** The server signs each published course as one file; a phone checks it with the keys the server serves. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder, readStarterCatalogue } from '$lib/server/courses/content-files';
import { courseFile, offlineManifest } from '$lib/server/courses/offline';
import { ensureSigningKey, publicKeys, rotateSigningKey } from '$lib/server/courses/signing-keys';
import { checkCourseFile, MAX_COURSE_FILE_BYTES } from '$lib/offline/course-file';
import { backupDatabase, openDatabase, type Db } from '$lib/server/db';
import { freshDb, freshSqliteDb } from '../helpers/db';

let db: Db;
let cleanup: () => Promise<void>;
let media: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	media = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-media-'));
});
afterEach(async () => {
	await cleanup();
	fs.rmSync(media, { recursive: true, force: true });
});

const asBlob = (value: unknown) => new Blob([JSON.stringify(value)]);

describe('signed course files', () => {
	it('makes one signing key, kept in the database, and serves its public key', async () => {
		const id = await ensureSigningKey(db);
		expect(await ensureSigningKey(db)).toBe(id);
		const rows = await db.selectFrom('signing_key').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].private_key).toContain('PRIVATE KEY');
		expect(await publicKeys(db)).toEqual([{ id, key: rows[0].public_key }]);
		expect(Buffer.from(rows[0].public_key, 'base64url')).toHaveLength(32);
	});

	// `npm run backup` copies an SQLite file; PostgreSQL's pg_dump copies every table alike.
	it('goes into a backup with the rest of the database, so a restored server signs with it', async () => {
		const live = await freshSqliteDb();
		try {
			const id = await ensureSigningKey(live.db);
			const copy = path.join(media, 'backup.sqlite');
			await backupDatabase(live.file, copy);
			const restored = openDatabase(copy);
			try {
				expect(await ensureSigningKey(restored)).toBe(id);
				expect(await publicKeys(restored)).toEqual(await publicKeys(live.db));
			} finally {
				await restored.destroy();
			}
		} finally {
			await live.cleanup();
		}
	});

	it("signs every starter course's whole package, under 5 MB, and a phone's check opens it", async () => {
		for (const bundle of readStarterCatalogue())
			await loadCourseBundle(db, bundle, Date.now(), media);
		for (const bundle of readStarterCatalogue()) {
			const id = bundle.course.id;
			const file = (await courseFile(db, id, media))!;
			const blob = asBlob(file);
			expect(blob.size).toBeLessThan(MAX_COURSE_FILE_BYTES);
			const checked = await checkCourseFile(blob, { keys: await publicKeys(db) });
			expect(checked.ok, id).toBe(true);
			if (!checked.ok) continue;
			// The same files, under the same hashes, as a download of the course fetches.
			const manifest = (await offlineManifest(db, id, media))!;
			expect(checked.value.bytes).toBe(manifest.bytes);
			expect(file.files.map((f) => `${f.url}?h=${f.sha256.slice(0, 16)}`).sort()).toEqual(
				manifest.files.map((f) => f.url).sort()
			);
		}
		// Made with the first file, one key signs them all.
		expect(await publicKeys(db)).toHaveLength(1);
	});

	it('keeps files signed before a rotation valid, and signs new ones with the new key only', async () => {
		await loadCourseBundle(
			db,
			readCourseFolder('content/courses/first-aid-basics'),
			Date.now(),
			media
		);
		const before = (await courseFile(db, 'first-aid-basics', media))!;
		const { id, retired } = await rotateSigningKey(db);
		expect(retired).toEqual([before.key]);
		const old = await db
			.selectFrom('signing_key')
			.selectAll()
			.where('id', '=', before.key)
			.executeTakeFirstOrThrow();
		expect(old.private_key).toBeNull();
		expect(old.retired_at).not.toBeNull();

		const keys = await publicKeys(db);
		expect(keys.map((k) => k.id)).toEqual([id, before.key]);
		expect((await checkCourseFile(asBlob(before), { keys })).ok).toBe(true);
		const after = (await courseFile(db, 'first-aid-basics', media))!;
		expect(after.key).toBe(id);
		expect((await checkCourseFile(asBlob(after), { keys })).ok).toBe(true);
		// A phone that only knew the old key does not trust the new one's files.
		expect(await checkCourseFile(asBlob(after), { keys: keys.slice(1) })).toEqual({
			ok: false,
			error: 'course_file_unsigned'
		});
	});

	it('exists only for published courses', async () => {
		await loadCourseBundle(
			db,
			readCourseFolder('content/courses/first-aid-basics'),
			Date.now(),
			media
		);
		await db
			.updateTable('course')
			.set({ status: 'draft' })
			.where('id', '=', 'first-aid-basics')
			.execute();
		expect(await courseFile(db, 'first-aid-basics', media)).toBeNull();
		expect(await courseFile(db, 'no-such-course', media)).toBeNull();
	});
});
