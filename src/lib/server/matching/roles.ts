/**
 * Open roles of vetted organizations, kept in memory with their skills, so that a learner's
 * opportunities are scored without reading 8,000 roles from the database on every page; and
 * which roles name each skill, so that scoring them all for a learner only visits the roles
 * that name one of the learner's skills, then one pass over small numbers.
 * Roles change seldom: any change to a role, its skills or an organization (noted by triggers,
 * ./changes.ts) reloads them all at the next read, in each process.
 */
import type { Db } from '../db';
import type { RoleKind } from '../schema';
import {
	byClosing,
	fitsPlace,
	rankKey,
	RANK_KEYS,
	scoreOf,
	timesFitted,
	type LearnerFacts,
	type RoleFacts
} from './score';
import { ChangeReader } from './changes';

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

const loaded = new WeakMap<Db, Promise<{ reader: ChangeReader; roles: Promise<OpenRole[]> }>>();

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
	// Kept in the order ties are broken in, so a learner's ranking only has to order by match.
	return [...roles.values()].sort(byClosing);
}

/** Every open role of a vetted organization, whatever its closing day, up to date; the one closing sooner first, then by id (`byClosing`). */
export async function openRoles(db: Db, writePlace = false): Promise<readonly OpenRole[]> {
	let loading = loaded.get(db);
	if (!loading)
		loaded.set(
			db,
			(loading = ChangeReader.start(db).then((reader) => ({ reader, roles: load(db) })))
		);
	const cached = await loading;
	const changes = await cached.reader.since(db, 'roles');
	if (!changes) {
		// Dropped as silent (the process stalled): notes may be missing, so everything again.
		if (loaded.get(db) === loading) loaded.delete(db);
		return openRoles(db, writePlace);
	}
	if (changes.refs.length > 0) cached.roles = load(db);
	await cached.reader.moved(db, changes.seq, { write: writePlace });
	return cached.roles;
}

/** Applies the notes of changed roles now and writes this process's place, when it holds them (housekeeping.ts, every minute). */
export async function applyRoleChanges(db: Db): Promise<void> {
	if (loaded.has(db)) await openRoles(db, true);
}

/** Skill id → the roles (indexes into the list) that name it, the level each asks, and whether it requires it. */
type Naming = Map<string, { role: Int32Array; level: Uint8Array; required: Uint8Array }>;

const namings = new WeakMap<readonly OpenRole[], Naming>();

function namingOf(roles: readonly OpenRole[]): Naming {
	let found = namings.get(roles);
	if (found) return found;
	const lists = new Map<string, { role: number[]; level: number[]; required: number[] }>();
	roles.forEach((role, i) => {
		for (const [skills, required] of [
			[role.facts.required, 1],
			[role.facts.preferred, 0]
		] as const)
			for (const skill of skills) {
				let list = lists.get(skill.id);
				if (!list) lists.set(skill.id, (list = { role: [], level: [], required: [] }));
				list.role.push(i);
				list.level.push(skill.level);
				list.required.push(required);
			}
	});
	found = new Map();
	for (const [id, list] of lists)
		found.set(id, {
			role: Int32Array.from(list.role),
			level: Uint8Array.from(list.level),
			required: Uint8Array.from(list.required)
		});
	namings.set(roles, found);
	return found;
}

/**
 * The open roles a learner may see on `day` (not closed before it), best match first, as
 * indexes into `roles`, with how many required skills each is short. The same score as
 * `scoreMatch` (`scoreOf` from counts, as learners.ts does) and the same order as `byMatch`:
 * `roles` already come in the order ties are broken in, so a stable counting sort by the key
 * (eligible 1000 + score, others score) finishes it. No object is made per role: the page
 * explains only the roles it shows.
 */
export function rankRoles(roles: readonly OpenRole[], learner: LearnerFacts, day: string) {
	const required = new Uint8Array(roles.length);
	const preferred = new Uint8Array(roles.length);
	const named = namingOf(roles);
	for (const [skill, level] of Object.entries(learner.skills)) {
		const naming = named.get(skill);
		if (!naming) continue;
		for (let j = 0; j < naming.role.length; j++)
			if (level >= naming.level[j]) (naming.required[j] ? required : preferred)[naming.role[j]]++;
	}
	const fitted = new Set<string>(timesFitted(learner.availability));
	const keys = new Int16Array(roles.length).fill(-1);
	const short = new Uint8Array(roles.length);
	// How many roles have each key, then where each key's roles start in the order.
	const starts = new Int32Array(RANK_KEYS);
	for (let i = 0; i < roles.length; i++) {
		const role = roles[i];
		if (role.closesOn !== null && role.closesOn < day) continue;
		const facts = role.facts;
		const place = fitsPlace(facts, learner);
		const score = scoreOf(facts, required[i], preferred[i], place, fitted.has(facts.availability));
		short[i] = facts.required.length - required[i];
		keys[i] = rankKey(short[i] === 0, score);
		starts[keys[i]]++;
	}
	let at = 0;
	for (let key = RANK_KEYS - 1; key >= 0; key--) {
		const count = starts[key];
		starts[key] = at;
		at += count;
	}
	const order = new Int32Array(at);
	for (let i = 0; i < roles.length; i++) if (keys[i] >= 0) order[starts[keys[i]]++] = i;
	return { order, short };
}
