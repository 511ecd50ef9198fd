/**
 * Administrators approve trainings before learners can see them, or send them back to the
 * organization as a draft with a note, as for roles (roles/reviewed.ts).
 */
import type { Db } from '../db';
import { reviewSubmitted } from '../roles/reviewed';
import type { ReviewDecision } from '$lib/vocab/roles';
import type { Result } from '$lib/result';
import type { Locale, RoleStatus } from '../schema';
import type { TrainingDetails } from './editing';
import { trainingDetailsOf } from './organization';
import { pickText } from '../../format';

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

export interface TrainingToReview {
	id: string;
	org: string;
	title: { my: string; en: string };
	submittedAt: number;
}

/** Trainings waiting for an administrator, oldest first. */
export async function trainingsToReview(db: Db): Promise<TrainingToReview[]> {
	const rows = await db
		.selectFrom('training')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select([
			'training.id',
			'organization.name',
			'training.title_my',
			'training.title_en',
			'training.updated_at'
		])
		.where('training.status', '=', 'submitted')
		.orderBy('training.updated_at')
		.orderBy('training.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		org: r.name,
		title: { my: r.title_my, en: r.title_en },
		submittedAt: r.updated_at
	}));
}

export interface TrainingReview extends Omit<TrainingDetails, 'skills'> {
	id: string;
	org: string;
	status: RoleStatus;
	reviewNote: string;
	completionShare: number;
	skills: { name: string; level: number }[];
	/** The starter data's example, which an administrator may remove (example.ts). */
	example: boolean;
}

/** The whole training as an administrator checks it, its meeting point too; null when none. */
export async function trainingForReview(
	db: Db,
	trainingId: string,
	locale: Locale
): Promise<TrainingReview | null> {
	const training = await db
		.selectFrom('training')
		.selectAll()
		.where('id', '=', trainingId)
		.executeTakeFirst();
	const org =
		training &&
		(await db
			.selectFrom('organization')
			.select('name')
			.where('id', '=', training.org_id)
			.executeTakeFirst());
	if (!training || !org) return null;
	const details = await trainingDetailsOf(db, training);
	const skills = await db
		.selectFrom('training_skill')
		.innerJoin('skill', 'skill.id', 'training_skill.skill_id')
		.select(['skill.name_my', 'skill.name_en', 'training_skill.level'])
		.where('training_skill.training_id', '=', trainingId)
		.orderBy('skill.id')
		.execute();
	return {
		...details,
		id: training.id,
		org: org.name,
		status: training.status,
		reviewNote: training.review_note,
		example: training.example === 1,
		skills: skills.map((s) => ({ name: pickText(locale, s.name_my, s.name_en), level: s.level }))
	};
}
