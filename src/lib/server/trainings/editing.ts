/**
 * An organization's trainings: written as a draft by a member of a vetted organization, sent
 * for review, approved by an administrator (./review.ts), then opened to learners and closed,
 * as a role moves (roles/reviewed.ts). Places are ./places.ts.
 */
import type { Db } from '../db';
import type { RoleStatus } from '../schema';
import type { OrgArea } from '$lib/vocab/areas';
import { newId } from '../auth/tokens';
import { vettedOrgOf } from '../orgs/membership';
import { editableDraft, moveReviewed } from '../roles/reviewed';
import { today } from '../matching/opportunities';
import type { RoleMove } from '$lib/vocab/roles';
import type { TrainingAudience, TrainingProvision } from '$lib/vocab/trainings';
import type { Result } from '$lib/result';
import { ROLE_SKILLS_MAX } from '../../role-limits';
import { knownSkills } from '../roles/posted-skills';

export type TrainingError =
	'not_vetted' | 'no_training' | 'not_draft' | 'not_allowed' | 'no_skill' | 'too_many_skills';
export type TrainingResult<T extends object = object> = Result<T, TrainingError>;

/** At most this many skills per training, as for a role. */
export const TRAINING_SKILLS_MAX = ROLE_SKILLS_MAX;

export interface TrainingSkill {
	id: string;
	level: number;
}

export interface TrainingDetails {
	titleMy: string;
	titleEn: string;
	descriptionMy: string;
	descriptionEn: string;
	audience: TrainingAudience;
	area: OrgArea;
	seats: number;
	/** YYYY-MM-DD: no new request after it. */
	closesOn: string;
	/** Shown only to those holding a place. */
	meetingPoint: string;
	provided: TrainingProvision[];
	/** Per cent of the sessions to attend to complete it; 75 when not given. */
	completionShare?: number;
	/** At least one; local times, YYYY-MM-DDTHH:MM. */
	sessions: { startsAt: string; endsAt: string }[];
	/** The skills it teaches and the level reached. */
	skills: TrainingSkill[];
}

/** What a training's form changes (its skills are chosen one by one). */
export type TrainingFields = Omit<TrainingDetails, 'skills'>;

function columns(input: TrainingFields) {
	return {
		title_my: input.titleMy,
		title_en: input.titleEn,
		description_my: input.descriptionMy,
		description_en: input.descriptionEn,
		audience: input.audience,
		area: input.area,
		seats: input.seats,
		closes_on: input.closesOn,
		meeting_point: input.meetingPoint,
		completion_share: input.completionShare ?? 75
	};
}

/** Its sessions and what it provides, replaced. */
async function writeSessionsAndProvisions(trx: Db, trainingId: string, input: TrainingFields) {
	await trx.deleteFrom('training_session').where('training_id', '=', trainingId).execute();
	await trx.deleteFrom('training_provision').where('training_id', '=', trainingId).execute();
	for (const session of input.sessions)
		await trx
			.insertInto('training_session')
			.values({
				id: newId(),
				training_id: trainingId,
				starts_at: session.startsAt,
				ends_at: session.endsAt
			})
			.execute();
	for (const item of new Set(input.provided))
		await trx.insertInto('training_provision').values({ training_id: trainingId, item }).execute();
}

/** A new draft training of the caller's vetted organization. */
export async function createTraining(
	db: Db,
	userId: string,
	input: TrainingDetails,
	now = Date.now()
): Promise<TrainingResult<{ id: string }>> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return { ok: false, error: 'not_vetted' };
	if (input.skills.length > TRAINING_SKILLS_MAX) return { ok: false, error: 'too_many_skills' };
	if (!(await knownSkills(db, input.skills))) return { ok: false, error: 'no_skill' };
	const id = newId();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('training')
			.values({
				id,
				org_id: orgId,
				...columns(input),
				status: 'draft',
				reviewed_by: null,
				reviewed_at: null,
				created_by: userId,
				created_at: now,
				updated_at: now
			})
			.execute();
		await writeSessionsAndProvisions(trx, id, input);
		for (const skill of input.skills)
			await trx
				.insertInto('training_skill')
				.values({ training_id: id, skill_id: skill.id, level: skill.level })
				.execute();
	});
	return { ok: true, id };
}

/**
 * Replaces a draft's texts, details, sessions and provisions. Only a draft changes: once
 * submitted, what the administrator approves is what learners see.
 */
export async function updateTraining(
	db: Db,
	userId: string,
	trainingId: string,
	input: TrainingFields,
	now = Date.now()
): Promise<TrainingResult> {
	const editable = await editableDraft(db, 'training', userId, trainingId);
	if (!editable.ok) return editable;
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('training')
			.set({ ...columns(input), updated_at: now })
			.where('id', '=', trainingId)
			.execute();
		await writeSessionsAndProvisions(trx, trainingId, input);
	});
	return { ok: true };
}

/** Sends a draft for review, takes it back, opens an approved training to learners, or closes it (roles/reviewed.ts). */
export async function moveTraining(
	db: Db,
	userId: string,
	trainingId: string,
	move: RoleMove,
	now = Date.now()
): Promise<TrainingResult<{ status: RoleStatus }>> {
	return moveReviewed(db, 'training', userId, trainingId, move, now);
}

/**
 * Where a training met is kept only until it has ended: emptied from the day after its last
 * session (daily, ../housekeeping.ts). Returns how many were emptied.
 */
export async function forgetEndedMeetingPoints(db: Db, now = Date.now()): Promise<number> {
	const ended = db
		.selectFrom('training_session')
		.select('training_id')
		.groupBy('training_id')
		// Local times (YYYY-MM-DDTHH:MM) against a day (YYYY-MM-DD): before it means an earlier day.
		.having((eb) => eb.fn.max('ends_at'), '<', today(now));
	const result = await db
		.updateTable('training')
		.set({ meeting_point: '', updated_at: now })
		.where('meeting_point', '!=', '')
		.where('id', 'in', ended)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}
