/**
 * A skill can be held from several sources: the learner's own word, a completed course, an
 * endorsement by an organization that saw the work. Each source keeps its own row in
 * `user_skill` (grants.ts), so taking one away leaves the others, and the skill counts at the
 * highest level any of them gives: on the learner's profile, in what an organization is shown,
 * and in matching. This is the one place that rule is written.
 */
import type { Db } from '../db';

/** The level a skill counts at, from the level counted so far (0 when none yet) and one more source's. */
export const countedLevel = (sofar: number, source: number): number => Math.max(sofar, source);

/** Counts one source of a skill into `levels` (skill id → the level it counts at). */
export function countSource(levels: Record<string, number>, skillId: string, level: number): void {
	levels[skillId] = countedLevel(levels[skillId] ?? 0, level);
}

/** A learner's skills as they count: skill id → the highest level any source gives. */
export async function heldLevels(db: Db, userId: string): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('user_skill')
		.select(['skill_id', 'level'])
		.where('user_id', '=', userId)
		.execute();
	const levels: Record<string, number> = {};
	for (const row of rows) countSource(levels, row.skill_id, row.level);
	return levels;
}
