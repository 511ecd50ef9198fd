/**
 * Skills a learner is given by others: a course they completed, a training an organization
 * marked them as having completed, or an endorsement by an organization that worked with them. Besides the learner's own declaration (`declareSkills` in
 * profile.ts), these are the only writes to `user_skill`. Each source keeps its own row; the
 * level a skill counts at is the highest of them (levels.ts). Both run inside the caller's
 * transaction when given one, so the grant lands with what caused it or not at all.
 */
import type { Db } from '../db';
import type { SkillSource } from '../../vocab/skills';

export interface Grant {
	userId: string;
	skillId: string;
	level: number;
	at: number;
}

/** One source's row; an existing row of the same source is kept, or replaced when `replace`. */
async function write(
	db: Db,
	source: Exclude<SkillSource, 'self'>,
	ref: string,
	{ userId, skillId, level, at }: Grant,
	replace: boolean
): Promise<void> {
	await db
		.insertInto('user_skill')
		.values({
			user_id: userId,
			skill_id: skillId,
			level,
			source,
			source_ref: ref,
			granted_at: at
		})
		.onConflict((oc) => {
			const same = oc.columns(['user_id', 'skill_id', 'source', 'source_ref']);
			return replace ? same.doUpdateSet({ level, granted_at: at }) : same.doNothing();
		})
		.execute();
}

/**
 * A completed course grants a skill. Never lowers or repeats a grant: a row this course already
 * gave stays as it is.
 */
export async function grantFromCourse(db: Db, courseId: string, grant: Grant): Promise<void> {
	await write(db, 'course', courseId, grant, false);
}

/** An organization endorses a skill: one endorsement per organization and skill, a new one replaces the level. */
export async function grantEndorsement(db: Db, orgId: string, grant: Grant): Promise<void> {
	await write(db, 'endorsement', orgId, grant, true);
}

/**
 * A training completed: its organization saw the participant reach the level. Like a course's
 * grant, kept as it was first given.
 */
export async function grantFromTraining(db: Db, trainingId: string, grant: Grant): Promise<void> {
	await write(db, 'training', trainingId, grant, false);
}
