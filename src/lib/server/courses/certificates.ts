/**
 * Certificates: issued on completing a course (`certificate`) or, marked by its organization, an
 * in-person training (`training_certificate`, trainings/completion.ts); verifiable by code at
 * /verify/CODE. Codes of both kinds have one shape and one generator, so one code names one
 * certificate. The holder decides whether a display name shows (never a real name unless they
 * type one), and may hide or revoke the certificate at any time; every function here serves
 * both kinds.
 */
import type { Db } from '../db';
import type { Locale } from '../schema';

export interface HeldCertificate {
	code: string;
	kind: 'course' | 'training';
	/** The course's id, or the training's. */
	courseId: string;
	title: string;
	/** The organization that gave a training; null for a course. */
	org: string | null;
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
	const trainings = await db
		.selectFrom('training_certificate')
		.innerJoin('training', 'training.id', 'training_certificate.training_id')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select([
			'training_certificate.code',
			'training_certificate.training_id',
			'training.title_my',
			'training.title_en',
			'organization.name',
			'training_certificate.issued_at',
			'training_certificate.display_name',
			'training_certificate.hidden',
			'training_certificate.revoked_at'
		])
		.where('training_certificate.user_id', '=', userId)
		.execute();
	return [
		...rows.map((r) => ({
			code: r.code,
			kind: 'course' as const,
			courseId: r.course_id,
			title: locale === 'my' ? r.title_my : r.title_en,
			org: null,
			issuedAt: r.issued_at,
			displayName: r.display_name,
			hidden: r.hidden === 1,
			revoked: r.revoked_at !== null,
			practical: r.practical === 1
		})),
		...trainings.map((r) => ({
			code: r.code,
			kind: 'training' as const,
			courseId: r.training_id,
			title: (locale === 'my' ? r.title_my : r.title_en) || r.title_en || r.title_my,
			org: r.name,
			issuedAt: r.issued_at,
			displayName: r.display_name,
			hidden: r.hidden === 1,
			revoked: r.revoked_at !== null,
			practical: false
		}))
	].sort((a, b) => b.issuedAt - a.issuedAt);
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

/** Where certificates of each kind are kept. */
const TABLES = ['certificate', 'training_certificate'] as const;

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
	let changed = 0n;
	for (const table of TABLES) {
		const result = await db
			.updateTable(table)
			.set(set)
			.where('code', '=', code)
			.where('user_id', '=', userId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		changed += result.numUpdatedRows;
	}
	return changed > 0n;
}

/** Revokes for good: /verify then says the certificate was revoked. Only the holder can. */
export async function revokeCertificate(
	db: Db,
	userId: string,
	code: string,
	now = Date.now()
): Promise<boolean> {
	let changed = 0n;
	for (const table of TABLES) {
		const result = await db
			.updateTable(table)
			.set({ revoked_at: now })
			.where('code', '=', code)
			.where('user_id', '=', userId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		changed += result.numUpdatedRows;
	}
	return changed > 0n;
}

export type Verification =
	| {
			status: 'valid';
			kind: 'course' | 'training';
			title: { my: string; en: string };
			/** The organization that gave a training and confirmed the holder's attendance. */
			org: string | null;
			issuedAt: number;
			displayName: string | null;
			practical: boolean;
	  }
	| { status: 'revoked' }
	| { status: 'unknown' };

/**
 * What anyone may learn from a code: the course or training, the date, whether a course teaches
 * a practical skill (which a quiz on a phone did not assess), which organization confirmed a
 * training and, if the holder chose, a display name.
 */
export async function verifyCertificate(db: Db, code: string): Promise<Verification> {
	const wanted = code.trim().toUpperCase();
	const course = await db
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
		.where('certificate.code', '=', wanted)
		.executeTakeFirst();
	const row =
		course ??
		(await db
			.selectFrom('training_certificate')
			.innerJoin('training', 'training.id', 'training_certificate.training_id')
			.innerJoin('organization', 'organization.id', 'training.org_id')
			.select([
				'training.title_my',
				'training.title_en',
				'organization.name as org',
				'training_certificate.issued_at',
				'training_certificate.display_name',
				'training_certificate.hidden',
				'training_certificate.revoked_at'
			])
			.where('training_certificate.code', '=', wanted)
			.executeTakeFirst());
	// A hidden certificate answers exactly like one that does not exist.
	if (!row || row.hidden === 1) return { status: 'unknown' };
	if (row.revoked_at !== null) return { status: 'revoked' };
	return {
		status: 'valid',
		kind: 'org' in row ? 'training' : 'course',
		title: { my: row.title_my, en: row.title_en },
		org: 'org' in row ? row.org : null,
		issuedAt: row.issued_at,
		displayName: row.display_name,
		practical: 'practical' in row && row.practical === 1
	};
}
