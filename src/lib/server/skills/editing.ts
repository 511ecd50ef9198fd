/**
 * Administrators add skills to the taxonomy and edit them: names, group and what each level
 * means, in Burmese and English. Every change sets `updated_at`, which tells the loader
 * (taxonomy.ts) to keep the administrator's words over the files'. A skill's id is made once
 * from its English name and never changes, so the learners, roles and courses that use it keep
 * pointing at it whatever it is renamed to. A skill an organization named for its course waits,
 * seen by nobody else, until an administrator places it in a group (`editSkill`).
 */
import type { Selectable } from 'kysely';
import { isAdmin } from '../accounts/admins';
import type { Db } from '../db';
import type { SkillTable } from '../schema';
import type { SkillInput } from '../../schemas/skill';
import { skillIdFrom } from '../text/slug';
import { grantAcceptedSkill } from '../courses/progress';
import type { Result } from '$lib/result';

type Bilingual = { my: string; en: string };
export type SkillLevelTexts = SkillInput['levels'];

/** How many learners hold a skill (from any source), roles ask for it and courses grant it. */
export interface SkillUse {
	learners: number;
	roles: number;
	courses: number;
}

export interface AdminSkill {
	id: string;
	name: Bilingual;
	/** null for a skill a course named that nobody has placed in a group yet. */
	groupId: string | null;
	/** null while the levels are not described (a skill a course named). */
	levels: SkillLevelTexts | null;
	/** When an administrator last changed it; null while it is as the files have it. */
	editedAt: number | null;
	use: SkillUse;
	/** The organization that proposed it for a course, while it waits for an administrator; null once placed. */
	proposedBy: string | null;
}

export interface AdminSkillGroup {
	id: string;
	name: Bilingual;
	skills: number;
}

export type SkillEditResult<T extends object = object> =
	| Result<T, 'not_admin' | 'no_skill' | 'no_group' | 'no_id'>
	/** Another skill has this name (or the id the English name makes): `field` says which name. */
	| {
			ok: false;
			error: 'duplicate';
			field: 'name_my' | 'name_en';
			other: { id: string; name: Bilingual };
	  };

function levelsOf(json: string): SkillLevelTexts | null {
	const levels = JSON.parse(json) as Partial<SkillLevelTexts>;
	return levels.basic && levels.working && levels.teach
		? { basic: levels.basic, working: levels.working, teach: levels.teach }
		: null;
}

async function usage(db: Db, ids: string[]): Promise<Map<string, SkillUse>> {
	const use = new Map(ids.map((id) => [id, { learners: 0, roles: 0, courses: 0 }]));
	if (ids.length === 0) return use;
	const learners = await db
		.selectFrom('user_skill')
		.select(['skill_id', (eb) => eb.fn.count<number>('user_id').distinct().as('n')])
		.where('skill_id', 'in', ids)
		.groupBy('skill_id')
		.execute();
	const roles = await db
		.selectFrom('role_skill')
		.select(['skill_id', (eb) => eb.fn.count<number>('role_id').distinct().as('n')])
		.where('skill_id', 'in', ids)
		.groupBy('skill_id')
		.execute();
	const courses = await db
		.selectFrom('course_skill')
		.select(['skill_id', (eb) => eb.fn.count<number>('course_id').distinct().as('n')])
		.where('skill_id', 'in', ids)
		.groupBy('skill_id')
		.execute();
	for (const r of learners) use.get(r.skill_id)!.learners = Number(r.n);
	for (const r of roles) use.get(r.skill_id)!.roles = Number(r.n);
	for (const r of courses) use.get(r.skill_id)!.courses = Number(r.n);
	return use;
}

async function adminSkills(db: Db, rows: Selectable<SkillTable>[]): Promise<AdminSkill[]> {
	const use = await usage(
		db,
		rows.map((r) => r.id)
	);
	const orgIds = [...new Set(rows.map((r) => r.proposed_by_org).filter((id) => id !== null))];
	const orgs = new Map(
		orgIds.length
			? (
					await db
						.selectFrom('organization')
						.select(['id', 'name'])
						.where('id', 'in', orgIds)
						.execute()
				).map((o) => [o.id, o.name])
			: []
	);
	return rows.map((r) => ({
		id: r.id,
		name: { my: r.name_my, en: r.name_en },
		groupId: r.group_id,
		levels: levelsOf(r.levels),
		editedAt: r.updated_at,
		use: use.get(r.id)!,
		proposedBy:
			r.proposed_by_org === null ? null : (orgs.get(r.proposed_by_org) ?? r.proposed_by_org)
	}));
}

/** Every group, in order, with how many skills it has. */
export async function skillGroupsForAdmin(db: Db): Promise<AdminSkillGroup[]> {
	const groups = await db.selectFrom('skill_group').selectAll().orderBy('position').execute();
	const counts = await db
		.selectFrom('skill')
		.select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('group_id', 'is not', null)
		.groupBy('group_id')
		.execute();
	return groups.map((g) => ({
		id: g.id,
		name: { my: g.name_my, en: g.name_en },
		skills: Number(counts.find((c) => c.group_id === g.id)?.n ?? 0)
	}));
}

/** The skills of one group in order, or (for null) the skills courses named that are in no group yet. */
export async function skillsForAdmin(db: Db, groupId: string | null): Promise<AdminSkill[]> {
	const query = db.selectFrom('skill').selectAll();
	const rows = await (
		groupId === null ? query.where('group_id', 'is', null) : query.where('group_id', '=', groupId)
	)
		.orderBy('position')
		.orderBy('id')
		.execute();
	return adminSkills(db, rows);
}

/** One skill as the edit form shows it; null when there is none. */
export async function skillForAdmin(db: Db, skillId: string): Promise<AdminSkill | null> {
	const row = await db.selectFrom('skill').selectAll().where('id', '=', skillId).executeTakeFirst();
	return row ? (await adminSkills(db, [row]))[0] : null;
}

/** A stored skill as the form's fields (the names skillFormSchema reads). */
export function skillFormValues(skill: AdminSkill): Record<string, string> {
	const values: Record<string, string> = {
		group: skill.groupId ?? '',
		name_my: skill.name.my,
		name_en: skill.name.en
	};
	for (const level of ['basic', 'working', 'teach'] as const) {
		values[`${level}_my`] = skill.levels?.[level].my ?? '';
		values[`${level}_en`] = skill.levels?.[level].en ?? '';
	}
	return values;
}

const sameWords = (a: string, b: string) =>
	a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * Checks what adding or editing needs: a group that exists, and names no other skill has.
 * English names count as the same when they make the same id ("First aid", "first-aid"), so
 * two skills never differ only in spelling.
 */
async function check(db: Db, input: SkillInput, self: string | null): Promise<SkillEditResult> {
	const group = await db
		.selectFrom('skill_group')
		.select('id')
		.where('id', '=', input.group)
		.executeTakeFirst();
	if (!group) return { ok: false, error: 'no_group' };
	const key = skillIdFrom(input.name.en);
	const others = (
		await db.selectFrom('skill').select(['id', 'name_my', 'name_en']).execute()
	).filter((s) => s.id !== self);
	for (const other of others) {
		const name = { my: other.name_my, en: other.name_en };
		if ((self === null && other.id === key) || skillIdFrom(other.name_en) === key)
			return { ok: false, error: 'duplicate', field: 'name_en', other: { id: other.id, name } };
		if (sameWords(other.name_my, input.name.my))
			return { ok: false, error: 'duplicate', field: 'name_my', other: { id: other.id, name } };
	}
	return { ok: true };
}

async function endOf(db: Db, groupId: string): Promise<number> {
	const last = await db
		.selectFrom('skill')
		.select((eb) => eb.fn.max('position').as('p'))
		.where('group_id', '=', groupId)
		.executeTakeFirst();
	return last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
}

/** Adds a skill at the end of its group, with an id made from its English name. All or nothing. */
export async function addSkill(
	db: Db,
	adminId: string,
	input: SkillInput,
	now = Date.now()
): Promise<SkillEditResult<{ id: string }>> {
	const id = skillIdFrom(input.name.en);
	return db.transaction().execute(async (trx): Promise<SkillEditResult<{ id: string }>> => {
		if (!(await isAdmin(trx, adminId))) return { ok: false, error: 'not_admin' };
		if (!id) return { ok: false, error: 'no_id' };
		const checked = await check(trx, input, null);
		if (!checked.ok) return checked;
		await trx
			.insertInto('skill')
			.values({
				id,
				name_my: input.name.my,
				name_en: input.name.en,
				group_id: input.group,
				position: await endOf(trx, input.group),
				levels: JSON.stringify(input.levels),
				updated_at: now
			})
			.execute();
		return { ok: true, id };
	});
}

/**
 * Changes a skill's names, group and level texts; its id stays. A skill moved to another group
 * goes to that group's end. Marks it edited, so the files never overwrite it. Saving a skill an
 * organization proposed accepts it: from then on everyone sees it, and those who completed a
 * course naming it get it (courses/progress.ts). All or nothing.
 */
export async function editSkill(
	db: Db,
	adminId: string,
	skillId: string,
	input: SkillInput,
	now = Date.now()
): Promise<SkillEditResult> {
	return db.transaction().execute(async (trx): Promise<SkillEditResult> => {
		if (!(await isAdmin(trx, adminId))) return { ok: false, error: 'not_admin' };
		const skill = await trx
			.selectFrom('skill')
			.select(['group_id', 'position', 'proposed_by_org'])
			.where('id', '=', skillId)
			.executeTakeFirst();
		if (!skill) return { ok: false, error: 'no_skill' };
		const checked = await check(trx, input, skillId);
		if (!checked.ok) return checked;
		const position =
			skill.group_id === input.group ? skill.position : await endOf(trx, input.group);
		await trx
			.updateTable('skill')
			.set({
				name_my: input.name.my,
				name_en: input.name.en,
				group_id: input.group,
				position,
				levels: JSON.stringify(input.levels),
				updated_at: now,
				proposed_by_org: null
			})
			.where('id', '=', skillId)
			.execute();
		if (skill.proposed_by_org !== null) await grantAcceptedSkill(trx, skillId);
		return { ok: true };
	});
}
