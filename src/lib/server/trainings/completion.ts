/**
 * Completing a training: once its last session's day has come, its organization marks it
 * completed, once. Each participant holding a place who attended at least the share the
 * organization sets (attendance.ts `attendedShare`) gets a certificate, verifiable at /verify
 * like a course's, and the skills the training teaches at its level, as verified by that
 * organization (source "training"). All in one transaction with the audit row: completed for
 * everyone or for no one.
 */
import type { Db } from '../db';

import { newCertificateCode } from '../auth/tokens';
import { recordAudit } from '../audit/trail';
import { grantFromTraining } from '../skills/grants';
import { today } from '../matching/opportunities';
import { attendedShare, sheetOf } from './attendance';
import { orgTraining } from './organization';
import type { AttendanceMark } from '$lib/vocab/trainings';
import type { Result } from '$lib/result';

export type CompletionError = 'no_training' | 'not_yet' | 'already_completed' | 'not_open';
export type CompletionResult = Result<{ completed: number; notCompleted: number }, CompletionError>;

/** What completing would give each participant now: their attended share, and whether it is enough. */
export interface CompletionPreview {
	share: number;
	participants: { placeId: string; attended: number; completes: boolean }[];
}

/** The participants holding a place, each with their attendance marks. */
async function participants(db: Db, trainingId: string) {
	const { sessions, places, marks } = await sheetOf(db, trainingId);
	return {
		sessions,
		places: places.map((p) => ({
			...p,
			attended: attendedShare(
				marks.filter((m) => m.user_id === p.user_id).map((m) => m.mark as AttendanceMark),
				sessions.length
			)
		}))
	};
}

/** Who would complete the training at `share` per cent, for the organization's page; null when not theirs. */
export async function previewCompletion(
	db: Db,
	memberId: string,
	trainingId: string,
	share?: number
): Promise<CompletionPreview | null> {
	const training = await orgTraining(db, memberId, trainingId);
	if (!training) return null;
	const needed = share ?? training.completion_share;
	const { places } = await participants(db, trainingId);
	return {
		share: needed,
		participants: places.map((p) => ({
			placeId: p.id,
			attended: p.attended,
			completes: p.attended >= needed
		}))
	};
}

/**
 * Marks the training completed with the share of sessions to have attended (per cent): a
 * certificate and the training's skills for each participant who attended enough.
 */
export async function completeTraining(
	db: Db,
	memberId: string,
	trainingId: string,
	share: number,
	now = Date.now()
): Promise<CompletionResult> {
	const training = await orgTraining(db, memberId, trainingId);
	if (!training) return { ok: false, error: 'no_training' };
	if (training.completed_at !== null) return { ok: false, error: 'already_completed' };
	if (training.status !== 'open' && training.status !== 'closed')
		return { ok: false, error: 'not_open' };
	return db.transaction().execute(async (trx) => {
		// Read again inside the transaction: two members completing at once complete it once.
		const fresh = await trx
			.selectFrom('training')
			.select('completed_at')
			.where('id', '=', trainingId)
			.executeTakeFirstOrThrow();
		if (fresh.completed_at !== null) return { ok: false, error: 'already_completed' } as const;
		const { sessions, places } = await participants(trx, trainingId);
		const last = sessions.at(-1)?.starts_at;
		if (!last || last.slice(0, 10) > today(now)) return { ok: false, error: 'not_yet' } as const;
		const skills = await trx
			.selectFrom('training_skill')
			.select(['skill_id', 'level'])
			.where('training_id', '=', trainingId)
			.execute();
		const completing = places.filter((p) => p.attended >= share);
		for (const place of completing) {
			await trx
				.insertInto('training_certificate')
				.values({
					code: newCertificateCode(),
					user_id: place.user_id,
					training_id: trainingId,
					issued_at: now,
					display_name: null,
					revoked_at: null
				})
				.execute();
			for (const skill of skills)
				await grantFromTraining(trx, trainingId, {
					userId: place.user_id,
					skillId: skill.skill_id,
					level: skill.level,
					at: now
				});
		}
		await trx
			.updateTable('training')
			.set({ completed_at: now, completion_share: share, updated_at: now })
			.where('id', '=', trainingId)
			.execute();
		await recordAudit(
			trx,
			[{ actor: memberId, org: training.org_id, action: 'training_complete', object: trainingId }],
			now
		);
		return {
			ok: true,
			completed: completing.length,
			notCompleted: places.length - completing.length
		} as const;
	});
}
