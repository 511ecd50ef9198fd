/**
 * Administrators approve trainings before learners can see them, or send them back to the
 * organization as a draft with a note, as for roles (roles/reviewed.ts).
 */
import type { Db } from '../db';
import { reviewSubmitted } from '../roles/reviewed';
import type { ReviewDecision } from '$lib/vocab/roles';
import type { Result } from '$lib/result';

export type TrainingReviewResult = Result<object, 'not_admin' | 'no_training' | 'not_submitted'>;

/** Approves a submitted training or returns it as a draft; it and the audit trail change together. */
export async function reviewTraining(
	db: Db,
	adminId: string,
	trainingId: string,
	decision: ReviewDecision,
	note: string,
	now = Date.now()
): Promise<TrainingReviewResult> {
	return reviewSubmitted(db, 'training', adminId, trainingId, decision, note, now);
}
