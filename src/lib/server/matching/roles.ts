/**
 * Open roles of vetted organizations, kept in memory with their skills, so that a learner's
 * opportunities are scored without reading 2,000 roles from the database on every page.
 * Roles change seldom: any change to a role, its skills or an organization (noted by triggers,
 * ./changes.ts) reloads them all at the next read.
 */
import type { Db } from '../db';
import type { RoleKind } from '../schema';
import type { RoleFacts } from './score';
import { changesSince, forgetChanges, lastChange } from './changes';

export interface OpenRole {
	id: string;
	title: { my: string; en: string };
	org: string;
	kind: RoleKind;
	pay: string;
	seats: number;
	closesOn: string | null;
	facts: RoleFacts;
}

const loaded = new WeakMap<Db, { seq: number; roles: Promise<OpenRole[]> }>();

async function load(db: Db): Promise<OpenRole[]> {
	const open = db
		.selectFrom('role')
		.innerJoin('organization', 'organization.id', 'role.org_id')
		.where('role.status', '=', 'open')
		.where('organization.status', '=', 'vetted');
	const rows = await open
		.select([
			'role.id',
			'role.title_my',
			'role.title_en',
			'organization.name as org',
			'role.kind',
			'role.area',
			'role.remote',
			'role.availability',
			'role.pay',
			'role.seats',
			'role.closes_on'
		])
		.orderBy('role.id')
		.execute();
	const roles = new Map<string, OpenRole>();
	for (const r of rows) {
		roles.set(r.id, {
			id: r.id,
			title: { my: r.title_my, en: r.title_en },
			org: r.org,
			kind: r.kind,
			pay: r.pay,
			seats: r.seats,
			closesOn: r.closes_on,
			facts: {
				required: [],
				preferred: [],
				area: r.area,
				remote: r.remote === 1,
				availability: r.availability
			}
		});
	}
	const skills = await open
		.innerJoin('role_skill', 'role_skill.role_id', 'role.id')
		.select([
			'role_skill.role_id',
			'role_skill.skill_id',
			'role_skill.level',
			'role_skill.required'
		])
		.orderBy('role_skill.skill_id')
		.execute();
	for (const s of skills)
		roles
			.get(s.role_id)
			?.facts[s.required === 1 ? 'required' : 'preferred'].push({ id: s.skill_id, level: s.level });
	return [...roles.values()];
}

/** Every open role of a vetted organization, whatever its closing day, up to date. */
export async function openRoles(db: Db): Promise<readonly OpenRole[]> {
	let cached = loaded.get(db);
	if (!cached) {
		const seq = await lastChange(db);
		loaded.set(db, (cached = { seq, roles: load(db) }));
		await forgetChanges(db, 'roles', seq);
	}
	const changes = await changesSince(db, 'roles', cached.seq);
	if (changes.refs.length > 0) {
		cached.seq = changes.seq;
		cached.roles = load(db);
		await forgetChanges(db, 'roles', changes.seq);
	}
	return cached.roles;
}
