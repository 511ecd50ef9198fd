/**
 * The people of `npm run bench:load`, made as people make themselves: through the app's own
 * forms over HTTP (sign-up, profile, organization application, invitations, roles) and the
 * administrator command, so every session, hash and trigger is the real one. Only the extra
 * population that ranking works through is written straight to the database (as bench/match.ts
 * does): learners who never sign in during the run. On SQLite or PostgreSQL alike (`location`:
 * a file, or a postgres:// address).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Insertable } from 'kysely';
import { openDatabase, type Db } from '../src/lib/server/db';
import type { Database } from '../src/lib/server/schema';
import { databaseEnv } from './lib';
import { AREAS, ORG_AREAS } from '../src/lib/vocab/areas';
import { AVAILABILITY } from '../src/lib/vocab/profile';
import { ROLE_KINDS } from '../src/lib/vocab/roles';

/** mulberry32: a small seeded generator, so every run builds the same people. */
export function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One signed-in person: the session cookie a browser would hold. */
export class Client {
	cookie = '';

	constructor(readonly baseUrl: string) {}

	async post(path: string, form: Record<string, string>, expected: number): Promise<Response> {
		const response = await fetch(this.baseUrl + path, {
			method: 'POST',
			body: new URLSearchParams(form).toString(),
			headers: {
				cookie: this.cookie,
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.baseUrl,
				accept: 'text/html'
			},
			redirect: 'manual'
		});
		const set = response.headers.getSetCookie().find((c) => c.startsWith('sid='));
		if (set) this.cookie = set.split(';')[0];
		if (response.status !== expected)
			throw new Error(
				`POST ${path.replace(/[a-z0-9]{16,}/g, ':id')} answered ${response.status}, not ${expected}`
			);
		return response;
	}
}

const PASSWORD = 'a long walk to the border';

async function signUp(
	baseUrl: string,
	username: string,
	kind: 'learner' | 'org_member'
): Promise<Client> {
	const client = new Client(baseUrl);
	await client.post('/signup', { username, password: PASSWORD, kind, background: '' }, 200);
	if (!client.cookie) throw new Error(`signing up ${username} gave no session`);
	return client;
}

/** Runs `task` over 0..count-1, `parallel` at a time (sign-ups hash passwords: the server's cost). */
async function inParallel(
	count: number,
	parallel: number,
	task: (i: number) => Promise<void>
): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < count) await task(next++);
		})
	);
}

export interface Seeded {
	learners: Client[];
	members: { client: Client; roles: string[] }[];
}

export interface SeedOptions {
	learners: number;
	orgs: number;
	membersPerOrg: number;
	rolesPerOrg: number;
	/** Generated learners with visible profiles, on top of the signed-up ones. */
	population: number;
}

export async function seed(
	baseUrl: string,
	location: string,
	options: SeedOptions
): Promise<Seeded> {
	const db = openDatabase(location);
	try {
		return await seedWith(db, baseUrl, location, options);
	} finally {
		await db.destroy();
	}
}

async function seedWith(
	db: Db,
	baseUrl: string,
	location: string,
	options: SeedOptions
): Promise<Seeded> {
	const rnd = random(2021);
	const skills = (await db.selectFrom('skill').select('id').orderBy('id').execute()).map(
		(s) => s.id
	);
	// Skewed as in life: a few skills are common (driving, Burmese), most are rare.
	const skill = () => skills[Math.floor(skills.length * rnd() ** 2)];
	const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];

	const adminName = `loadadmin${Date.now().toString(36)}`;
	const { stdout } = await promisify(execFile)(
		'npx',
		['tsx', 'scripts/admin-create.ts', adminName],
		{ env: { ...process.env, ...databaseEnv(location) }, encoding: 'utf8' }
	);
	const oneTime = /One-time password: (\S+)/.exec(stdout)?.[1];
	if (!oneTime) throw new Error(`admin:create printed no password: ${stdout}`);
	const admin = new Client(baseUrl);
	await admin.post('/signin', { username: adminName, password: oneTime }, 303);
	await admin.post('/account/password', { current: oneTime, next: PASSWORD }, 303);

	const members: Seeded['members'] = [];
	for (let o = 0; o < options.orgs; o++) {
		const owner = await signUp(baseUrl, `loadorg${o}`, 'org_member');
		const name = `Load clinic ${o}`;
		await owner.post(
			'/org?/apply',
			{
				name,
				kind: 'clinic',
				description: 'Care near the border',
				[`area_${pick(['mae_sot', 'thai_border', 'liberated_myanmar'])}`]: 'on'
			},
			200
		);
		const { id: orgId } = await db
			.selectFrom('organization')
			.select('id')
			.where('name', '=', name)
			.executeTakeFirstOrThrow();
		await admin.post(`/admin/organizations/${orgId}?/decide`, { decision: 'vet', note: '' }, 200);

		const roles: string[] = [];
		for (let r = 0; r < options.rolesPerOrg; r++) {
			const created = await owner.post(
				'/org/roles/new',
				{
					kind: pick(ROLE_KINDS),
					title_my: `အလုပ် ${o}-${r}`,
					title_en: `Role ${o}-${r}`,
					description_my: 'ဒေသခံ အသိုင်းအဝိုင်းအတွက် အလုပ်',
					description_en: '',
					safety_my: '',
					safety_en: '',
					area: pick(ORG_AREAS),
					availability: pick(AVAILABILITY),
					pay: '',
					seats: '2',
					starts_on: '',
					closes_on: ''
				},
				303
			);
			const path = created.headers.get('location')!;
			const wanted = new Set<string>();
			const count = 2 + Math.floor(rnd() * 4);
			while (wanted.size < count) wanted.add(skill());
			let i = 0;
			for (const s of wanted)
				await owner.post(
					`${path}?/addSkill`,
					{
						skill: s,
						level: String(1 + Math.floor(rnd() * 2)),
						need: i++ < 2 ? 'required' : 'preferred'
					},
					200
				);
			await owner.post(`${path}?/move`, { move: 'submit' }, 200);
			const id = path.split('/').pop()!;
			await admin.post(`/admin/roles/${id}?/review`, { decision: 'approve', note: '' }, 200);
			await owner.post(`${path}?/move`, { move: 'open' }, 200);
			roles.push(id);
		}

		members.push({ client: owner, roles });
		for (let m = 1; m < options.membersPerOrg; m++) {
			const page = await (await owner.post('/org?/invite', {}, 200)).text();
			const code = /\b[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}\b/.exec(
				page
			)?.[0];
			if (!code) throw new Error('the invitation page showed no code');
			const member = await signUp(baseUrl, `loadmember${o}x${m}`, 'org_member');
			await member.post('/org?/join', { code }, 200);
			members.push({ client: member, roles });
		}
	}

	const learners: Client[] = new Array(options.learners);
	await inParallel(options.learners, 4, async (l) => {
		const learner = await signUp(baseUrl, `loadlearner${l}`, 'learner');
		const levels: Record<string, string> = {};
		const count = 3 + Math.floor(rnd() * 6);
		while (Object.keys(levels).length < count)
			levels[`level_${skill()}`] = String(1 + Math.floor(rnd() * 3));
		await learner.post('/learn/profile?/skills', levels, 200);
		// Showing the profile to vetted organizations asks for the password again.
		const details: Record<string, string> = {
			area: pick(AREAS),
			visibility: 'vetted',
			password: PASSWORD
		};
		for (const a of AVAILABILITY) if (rnd() < 0.5) details[`availability_${a}`] = 'on';
		await learner.post('/learn/profile?/details', details, 200);
		learners[l] = learner;
	});
	await generatePopulation(db, options.population, skills, rnd);
	return { learners, members };
}

/** Rows per insert: well under PostgreSQL's 65,535 parameters. */
const BATCH = 500;

/**
 * Learners ranking has to read through, written straight to the database as bench/match.ts
 * does (their passwords are never used: nobody signs in as them), in one transaction. The
 * triggers note each one for matching's memory as they would any change.
 */
async function generatePopulation(db: Db, count: number, skills: string[], rnd: () => number) {
	const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
	const now = Date.now();
	const users: Insertable<Database['user']>[] = [];
	const profiles: Insertable<Database['learner_profile']>[] = [];
	const owned: Insertable<Database['user_skill']>[] = [];
	for (let l = 0; l < count; l++) {
		const id = `generated-${l}`;
		users.push({
			id,
			username: `generated${l}`,
			username_key: `generated${l}`,
			password_hash: 'x',
			kind: 'learner',
			background: null,
			locale: 'my',
			must_change_password: 0,
			created_at: now,
			password_changed_at: now,
			last_active_at: Math.floor(now / 86_400_000) * 86_400_000
		});
		const v = rnd();
		profiles.push({
			user_id: id,
			area: pick(AREAS),
			availability: JSON.stringify(AVAILABILITY.filter(() => rnd() < 0.5)),
			remote_ok: rnd() < 0.3 ? 1 : 0,
			interests: '[]',
			visibility: v < 0.5 ? 'vetted' : v < 0.7 ? 'applied' : 'hidden',
			updated_at: now
		});
		const own = 3 + Math.floor(rnd() * 8);
		const mine = new Set<string>();
		for (let s = 0; s < own; s++) {
			const skill = skills[Math.floor(skills.length * rnd() ** 2)];
			const level = 1 + Math.floor(rnd() * 3);
			if (mine.has(skill)) continue;
			mine.add(skill);
			owned.push({
				user_id: id,
				skill_id: skill,
				level,
				source: 'self',
				source_ref: '',
				granted_at: now
			});
		}
	}
	await db.transaction().execute(async (trx) => {
		for (let i = 0; i < users.length; i += BATCH)
			await trx
				.insertInto('user')
				.values(users.slice(i, i + BATCH))
				.execute();
		for (let i = 0; i < profiles.length; i += BATCH)
			await trx
				.insertInto('learner_profile')
				.values(profiles.slice(i, i + BATCH))
				.execute();
		for (let i = 0; i < owned.length; i += BATCH)
			await trx
				.insertInto('user_skill')
				.values(owned.slice(i, i + BATCH))
				.execute();
	});
}
