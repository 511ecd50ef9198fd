/**
 * Who checked a course, and what a certificate means: reviews by a native Burmese reader and a
 * subject expert are marked by an administrator for one version of the text; the course page,
 * the certificate and the verify page say what was assessed and which review is owed.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder } from '$lib/server/courses/content-files';
import { listCertificates, verifyCertificate } from '$lib/server/courses/certificates';
import { getCourseOutline } from '$lib/server/courses/reading';
import {
	courseForReview,
	coursesForReview,
	markCourseReview,
	reviewsOf
} from '$lib/server/courses/review';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import { account } from '../helpers/authors';
import { completeBySync } from '../helpers/courses';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

const FIRST_AID = path.resolve('content/courses/first-aid-basics');

describe('reviews of a course', () => {
	it('are marked by an administrator for the version they read, with who and when; a new version asks again', async () => {
		const bundle = readCourseFolder(FIRST_AID);
		await loadCourseBundle(db, bundle);
		const version = bundle.course.version;
		expect((await getCourseOutline(db, 'first-aid-basics', 'en'))?.reviews).toEqual({
			expert: 'medical',
			language: null,
			expertReview: null
		});

		const learner = await account(db, 'reader', 'learner');
		expect(
			await markCourseReview(db, learner.userId, 'first-aid-basics', 'language', version, 'me')
		).toEqual({ ok: false, error: 'not_admin' });
		const admin = await createAdministrator(db, 'checker');
		if (!admin.ok) throw new Error(admin.error);
		// The page's version must be the course's: a review is of the text read.
		expect(
			await markCourseReview(db, admin.userId, 'first-aid-basics', 'language', version + 1, '')
		).toEqual({ ok: false, error: 'changed' });
		expect(
			await markCourseReview(db, admin.userId, 'no-such-course', 'language', version, '')
		).toEqual({ ok: false, error: 'no_course' });
		expect(
			await markCourseReview(
				db,
				admin.userId,
				'first-aid-basics',
				'language',
				version,
				'a teacher at a partner school',
				1000
			)
		).toEqual({ ok: true });
		expect(
			await markCourseReview(
				db,
				admin.userId,
				'first-aid-basics',
				'expert',
				version,
				'a nurse at a partner clinic',
				2000
			)
		).toEqual({ ok: true });
		expect((await getCourseOutline(db, 'first-aid-basics', 'en'))?.reviews).toEqual({
			expert: 'medical',
			language: 1000,
			expertReview: 2000
		});
		// Learners learn that it was checked and when, never by whom.
		expect(JSON.stringify(await getCourseOutline(db, 'first-aid-basics', 'en'))).not.toMatch(
			/checker|partner/
		);
		expect((await reviewsOf(db, ['first-aid-basics'])).get('first-aid-basics')).toMatchObject({
			language: { at: 1000, note: 'a teacher at a partner school', by: 'checker' },
			expertReview: { at: 2000, by: 'checker' }
		});

		// A new version of the text: both reviews are owed again, and the administrator sees an earlier one was done.
		await loadCourseBundle(db, { ...bundle, course: { ...bundle.course, version: version + 1 } });
		expect((await getCourseOutline(db, 'first-aid-basics', 'en'))?.reviews).toEqual({
			expert: 'medical',
			language: null,
			expertReview: null
		});
		expect((await courseForReview(db, 'first-aid-basics'))?.reviews).toMatchObject({
			version: version + 1,
			language: null,
			earlier: { language: true, expert: true }
		});
		expect((await coursesForReview(db)).map((c) => [c.id, c.reviews.language])).toEqual([
			['first-aid-basics', null]
		]);
	});

	it('follow the course files for what needs reviewing and whether the skill is practical, even without a new version', async () => {
		await loadCourseBundle(db, readCourseFolder(FIRST_AID));
		expect(
			await db
				.selectFrom('course')
				.select(['practical', 'expert'])
				.where('id', '=', 'first-aid-basics')
				.executeTakeFirstOrThrow()
		).toEqual({ practical: 1, expert: 'medical' });
		await db
			.updateTable('course')
			.set({ practical: 0, expert: null })
			.where('id', '=', 'first-aid-basics')
			.execute();
		expect(await loadCourseBundle(db, readCourseFolder(FIRST_AID))).toBe('unchanged');
		expect(
			await db
				.selectFrom('course')
				.select(['practical', 'expert'])
				.where('id', '=', 'first-aid-basics')
				.executeTakeFirstOrThrow()
		).toEqual({ practical: 1, expert: 'medical' });
	});
});

describe('what a certificate means', () => {
	it('says on the holder’s certificate and on the public check that a practical course’s practical skills were not assessed, and records "basic" at most', async () => {
		const bundle = readCourseFolder(FIRST_AID);
		await loadCourseBundle(db, bundle);
		const learner = await account(db, 'medic', 'learner');
		await completeBySync(db, learner.userId, bundle, 'm');
		const [certificate] = await listCertificates(db, learner.userId, 'en');
		expect(certificate).toMatchObject({ courseId: 'first-aid-basics', practical: true });
		expect(await verifyCertificate(db, certificate.code)).toMatchObject({
			status: 'valid',
			practical: true
		});
		// What the course names is at most "working"; a practical course records "basic" until a partner confirms more.
		const named = Math.max(...bundle.course.skills.map((s) => s.level));
		expect(named).toBeLessThanOrEqual(2);
		const held = await db
			.selectFrom('user_skill')
			.select(['skill_id', 'level', 'source'])
			.where('user_id', '=', learner.userId)
			.execute();
		expect(held.length).toBeGreaterThan(0);
		expect(held.every((s) => s.source === 'course' && s.level === 1)).toBe(true);
	});
});
