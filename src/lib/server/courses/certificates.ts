/**
 * Certificates: issued on completion, verifiable by code at /verify/CODE. The holder decides
 * whether a display name shows (never a real name unless they type one), and may hide or
 * revoke the certificate at any time.
 */
import type { Db } from '../db';
import type { Locale } from '../schema';

export interface HeldCertificate {
	code: string;
	courseId: string;
	courseTitle: string;
	issuedAt: number;
	displayName: string | null;
	hidden: boolean;
	revoked: boolean;
	/** The course teaches a practical skill, which its quizzes did not assess. */
	practical: boolean;
}

/** The holder's certificates, newest first. */
export async function listCertificates(
	db: Db,
	userId: string,
	locale: Locale
): Promise<HeldCertificate[]> {
	const rows = await db
		.selectFrom('certificate')
		.innerJoin('course', 'course.id', 'certificate.course_id')
		.select([
			'certificate.code',
			'certificate.course_id',
			'course.title_my',
			'course.title_en',
			'course.practical',
			'certificate.issued_at',
			'certificate.display_name',
			'certificate.hidden',
			'certificate.revoked_at'
		])
		.where('certificate.user_id', '=', userId)
		.orderBy('certificate.issued_at', 'desc')
		.execute();
	return rows.map((r) => ({
		code: r.code,
		courseId: r.course_id,
		courseTitle: locale === 'my' ? r.title_my : r.title_en,
		issuedAt: r.issued_at,
		displayName: r.display_name,
		hidden: r.hidden === 1,
		revoked: r.revoked_at !== null,
		practical: r.practical === 1
	}));
}

/** The code of the holder's certificate for a course, once the course is complete; null before. */
export async function certificateCode(
	db: Db,
	userId: string,
	courseId: string
): Promise<string | null> {
	const row = await db
		.selectFrom('certificate')
		.select('code')
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
	return row?.code ?? null;
}

/** Changes what /verify shows; only the holder's own certificate is touched. */
export async function updateCertificate(
	db: Db,
	userId: string,
	code: string,
	change: { hidden?: boolean; displayName?: string | null }
): Promise<boolean> {
	const set: { hidden?: number; display_name?: string | null } = {};
	if (change.hidden !== undefined) set.hidden = change.hidden ? 1 : 0;
	if (change.displayName !== undefined) set.display_name = change.displayName || null;
	const result = await db
		.updateTable('certificate')
		.set(set)
		.where('code', '=', code)
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** Revokes for good: /verify then says the certificate was revoked. Only the holder can. */
export async function revokeCertificate(
	db: Db,
	userId: string,
	code: string,
	now = Date.now()
): Promise<boolean> {
	const result = await db
		.updateTable('certificate')
		.set({ revoked_at: now })
		.where('code', '=', code)
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export type Verification =
	| {
			status: 'valid';
			courseTitle: { my: string; en: string };
			issuedAt: number;
			displayName: string | null;
			practical: boolean;
	  }
	| { status: 'revoked' }
	| { status: 'unknown' };

/**
 * What anyone may learn from a code: course, date, whether the course teaches a practical skill
 * (which a quiz on a phone did not assess) and, if the holder chose, a display name.
 */
export async function verifyCertificate(db: Db, code: string): Promise<Verification> {
	const row = await db
		.selectFrom('certificate')
		.innerJoin('course', 'course.id', 'certificate.course_id')
		.select([
			'course.title_my',
			'course.title_en',
			'course.practical',
			'certificate.issued_at',
			'certificate.display_name',
			'certificate.hidden',
			'certificate.revoked_at'
		])
		.where('certificate.code', '=', code.trim().toUpperCase())
		.executeTakeFirst();
	// A hidden certificate answers exactly like one that does not exist.
	if (!row || row.hidden === 1) return { status: 'unknown' };
	if (row.revoked_at !== null) return { status: 'revoked' };
	return {
		status: 'valid',
		courseTitle: { my: row.title_my, en: row.title_en },
		issuedAt: row.issued_at,
		displayName: row.display_name,
		practical: row.practical === 1
	};
}
