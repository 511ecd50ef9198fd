/**
 * The skills a role asks for and a training teaches: chosen from the shared list, at most
 * ROLE_SKILLS_MAX of them, changed one by one while the role or training is a draft.
 */
import type { Db } from '../db';
import type { Result } from '$lib/result';
import { ROLE_SKILLS_MAX } from '../../role-limits';
import { editableDraft } from './reviewed';

export type Posted = 'role' | 'training';

export interface PostedSkill {
	id: string;
	level: number;
	/** A role's skill is required or a plus; a training's has no such choice. */
	required?: boolean;
}

export type PostedSkillResult<K extends Posted> = Result<
	object,
	'not_vetted' | 'not_draft' | `no_${K}` | 'no_skill' | 'too_many_skills'
>;

/**
 * The table of each one's skills and its key column. Both tables have `skill_id` and `level`;
 * what this module writes beyond them is `required`, on roles only.
 */
const LIST = {
	role: { table: 'role_skill', key: 'role_id' },
	training: { table: 'training_skill', key: 'training_id' }
} as const;
/** Either table, typed as `role_skill` for the columns both have (see LIST). */
const tableOf = (kind: Posted) => LIST[kind].table as 'role_skill';
const keyOf = (kind: Posted) => LIST[kind].key as 'role_id';

/**
 * True when every skill is one of the shared list, each named once. A skill an organization
 * proposed is no skill yet for anyone's role or training (skills/editing.ts).
 */
export async function knownSkills(db: Db, skills: { id: string }[]): Promise<boolean> {
	if (skills.length === 0) return true;
	const ids = [...new Set(skills.map((s) => s.id))];
	const found = await db
		.selectFrom('skill')
		.select('id')
		.where('id', 'in', ids)
		.where('proposed_by_org', 'is', null)
		.execute();
	return found.length === ids.length && ids.length === skills.length;
}

/** Adds a skill to a draft, or changes its level (and, on a role, whether it is required). */
export async function setPostedSkill<K extends Posted>(
	db: Db,
	kind: K,
	userId: string,
	id: string,
	skill: PostedSkill,
	now = Date.now()
): Promise<PostedSkillResult<K>> {
	const editable = await editableDraft(db, kind, userId, id);
	if (!editable.ok) return editable;
	if (!(await knownSkills(db, [skill]))) return { ok: false, error: 'no_skill' };
	const count = await db
		.selectFrom(tableOf(kind))
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where(keyOf(kind), '=', id)
		.where('skill_id', '!=', skill.id)
		.executeTakeFirstOrThrow();
	if (Number(count.n) >= ROLE_SKILLS_MAX) return { ok: false, error: 'too_many_skills' };
	await db.transaction().execute(async (trx) => {
		if (kind === 'role') {
			const required = skill.required ? 1 : 0;
			await trx
				.insertInto('role_skill')
				.values({ role_id: id, skill_id: skill.id, level: skill.level, required })
				.onConflict((oc) =>
					oc.columns(['role_id', 'skill_id']).doUpdateSet({ level: skill.level, required })
				)
				.execute();
		} else
			await trx
				.insertInto('training_skill')
				.values({ training_id: id, skill_id: skill.id, level: skill.level })
				.onConflict((oc) =>
					oc.columns(['training_id', 'skill_id']).doUpdateSet({ level: skill.level })
				)
				.execute();
		await trx
			.updateTable(kind as 'role')
			.set({ updated_at: now })
			.where('id', '=', id)
			.execute();
	});
	return { ok: true };
}

/** Takes a skill off a draft. */
export async function removePostedSkill<K extends Posted>(
	db: Db,
	kind: K,
	userId: string,
	id: string,
	skillId: string,
	now = Date.now()
): Promise<PostedSkillResult<K>> {
	const editable = await editableDraft(db, kind, userId, id);
	if (!editable.ok) return editable;
	await db.transaction().execute(async (trx) => {
		await trx
			.deleteFrom(tableOf(kind))
			.where(keyOf(kind), '=', id)
			.where('skill_id', '=', skillId)
			.execute();
		await trx
			.updateTable(kind as 'role')
			.set({ updated_at: now })
			.where('id', '=', id)
			.execute();
	});
	return { ok: true };
}
