/**
 * `npm run bench:match`: how fast matching answers at scale. For each population (5,000, 50,000
 * and 200,000 learners with 2,000 open roles; then 500 and 8,000 open roles with 50,000 learners;
 * always 100 vetted organizations and 200 skills) it generates a SQLite file with the real
 * migrations, builds matching's memory as the server does before it listens (`startMatching`),
 * then times the real domain functions:
 * - an organization's ranked candidates for one of its roles (`rankCandidates`, top 50),
 * - a learner's opportunities page (`opportunitiesPage`: every open role scored and ranked, the
 *   first page of 20 explained with the courses that close each gap),
 * each over 200 different roles or learners after a warm-up, and prints p50/p95, the time the
 * start took, the first ranking after it, the process's memory and the database size as Markdown
 * for docs/benchmarks.md. `BENCH_SIZES=50000 BENCH_ROLES=8000` runs only the populations named
 * (every learner count with every role count; one left out means 50,000 learners or 2,000 roles).
 * With BENCH_DATABASE_URL (a PostgreSQL server where the bench may create a database), each
 * population is measured again on PostgreSQL: the generated file copied there by
 * `npm run copy-to-postgres`'s own code (src/lib/server/db-copy.ts), into a database dropped after.
 *
 * The population is seeded, so every run measures the same data. Skills are drawn with a skew
 * (a few are common, most are rare), as in life: many people drive or speak Burmese, few can
 * teach suturing. Visibility: 50% visible to vetted organizations, 20% only to those they apply
 * to, 30% hidden (the default).
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/lib/server/db';
import { copyDatabase } from '../src/lib/server/db-copy';
import { createDatabase } from './lib';
import { migrateToLatest } from '../src/lib/server/migrate';
import { startMatching } from '../src/lib/server/matching/start';
import { rankCandidates } from '../src/lib/server/matching/candidates';
import { opportunitiesPage } from '../src/lib/server/matching/opportunities';
import { AREAS, ORG_AREAS } from '../src/lib/vocab/areas';
import { AVAILABILITY } from '../src/lib/vocab/profile';
import { ROLE_KINDS } from '../src/lib/vocab/roles';
import { DiskMigrationProvider } from '../scripts/lib/file-migrations';

const list = (text: string) => text.split(',').map(Number);
/** Learners × open roles: how cost grows with learners, then with roles. */
const CASES: { learners: number; roles: number }[] =
	process.env.BENCH_SIZES || process.env.BENCH_ROLES
		? list(process.env.BENCH_SIZES ?? '50000').flatMap((learners) =>
				list(process.env.BENCH_ROLES ?? '2000').map((roles) => ({ learners, roles }))
			)
		: [
				{ learners: 5000, roles: 2000 },
				{ learners: 50000, roles: 2000 },
				{ learners: 200000, roles: 2000 },
				{ learners: 50000, roles: 500 },
				{ learners: 50000, roles: 8000 }
			];
const ORGS = 100;
const SKILLS = 200;
const COURSES = 100;
const SAMPLES = 200;
const WARMUP = 20;
const CANDIDATES_BUDGET = 50;
const OPPORTUNITIES_BUDGET = 10;

/** mulberry32: a small seeded generator, so every run builds the same population. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function generate(
	file: string,
	learners: number,
	rolesPerOrg: number
): { orgMembers: string[]; roleOrg: Map<string, number>; learnerIds: string[] } {
	const rnd = random(learners);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
	// Skewed: skill 0 is the most common, skill 199 the rarest.
	const skill = () => `skill-${Math.floor(SKILLS * rnd() ** 2)}`;
	const sqlite = new BetterSqlite3(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = OFF');
	const now = Date.now();
	const insertUser = sqlite.prepare(
		"insert into user (id, username, username_key, password_hash, kind, background, locale, must_change_password, created_at, password_changed_at) values (?, ?, ?, 'x', ?, null, 'my', 0, ?, ?)"
	);
	const orgMembers: string[] = [];
	const roleOrg = new Map<string, number>();
	const learnerIds: string[] = [];
	sqlite.transaction(() => {
		sqlite
			.prepare(
				"insert into skill_group (id, position, name_my, name_en) values ('bench', 0, 'စမ်းသပ်', 'Bench')"
			)
			.run();
		const insertSkill = sqlite.prepare(
			"insert into skill (id, name_my, name_en, group_id, position, levels, updated_at) values (?, ?, ?, 'bench', ?, '{}', null)"
		);
		for (let s = 0; s < SKILLS; s++)
			insertSkill.run(`skill-${s}`, `ကျွမ်းကျင်မှု ${s}`, `Skill ${s}`, s);

		// Published courses that grant skills: the gap-closing suggestions on each opportunity.
		const insertCourse = sqlite.prepare(
			"insert into course (id, version, category, audience, title_my, title_en, summary_my, summary_en, status, owner_org_id, origin, sources, size_bytes, created_at, updated_at, published_at) values (?, 1, 'vocational', 'everyone', ?, ?, '', '', 'published', null, 'authored', '[]', 0, ?, ?, ?)"
		);
		const insertCourseSkill = sqlite.prepare(
			'insert or ignore into course_skill (course_id, skill_id, level) values (?, ?, ?)'
		);
		for (let c = 0; c < COURSES; c++) {
			insertCourse.run(`course-${c}`, `သင်တန်း ${c}`, `Course ${c}`, now, now, now);
			for (let k = 0; k < 3; k++)
				insertCourseSkill.run(`course-${c}`, skill(), 1 + Math.floor(rnd() * 3));
		}

		const insertOrg = sqlite.prepare(
			"insert into organization (id, name, kind, description, status, created_by, created_at, reviewed_at, areas) values (?, ?, 'ngo', '', 'vetted', null, ?, ?, ?)"
		);
		const insertMember = sqlite.prepare(
			"insert into org_member (org_id, user_id, role, joined_at) values (?, ?, 'owner', ?)"
		);
		const insertRole = sqlite.prepare(
			"insert into role (id, org_id, kind, title_my, title_en, description_my, description_en, safety_my, safety_en, area, remote, availability, pay, seats, starts_on, closes_on, status, reviewed_by, reviewed_at, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, '', ?, null, ?, 'open', null, ?, null, ?, ?)"
		);
		const insertRoleSkill = sqlite.prepare(
			'insert into role_skill (role_id, skill_id, level, required) values (?, ?, ?, ?)'
		);
		for (let o = 0; o < ORGS; o++) {
			const org = `org-${o}`;
			insertOrg.run(org, `Organization ${o}`, now, now, JSON.stringify([pick(ORG_AREAS)]));
			insertUser.run(`member-${o}`, `member${o}`, `member${o}`, 'org_member', now, now);
			insertMember.run(org, `member-${o}`, now);
			orgMembers.push(`member-${o}`);
			for (let r = 0; r < rolesPerOrg; r++) {
				const id = `role-${o}-${r}`;
				const remote = rnd() < 0.2;
				const closes = rnd() < 0.5 ? null : `2099-0${1 + Math.floor(rnd() * 9)}-15`;
				insertRole.run(
					id,
					org,
					pick(ROLE_KINDS),
					`အလုပ် ${o}-${r}`,
					`Role ${o}-${r}`,
					'ဖော်ပြချက်',
					'A description of the role.',
					remote && rnd() < 0.5 ? null : pick(ORG_AREAS),
					remote ? 1 : 0,
					pick(AVAILABILITY),
					1 + Math.floor(rnd() * 5),
					closes,
					now,
					now,
					now
				);
				roleOrg.set(id, o);
				const chosen = new Set<string>();
				const required = 1 + Math.floor(rnd() * 4);
				const preferred = Math.floor(rnd() * 4);
				while (chosen.size < required + preferred) chosen.add(skill());
				[...chosen].forEach((s, i) =>
					insertRoleSkill.run(id, s, 1 + Math.floor(rnd() * 2), i < required ? 1 : 0)
				);
			}
		}

		const insertProfile = sqlite.prepare(
			'insert into learner_profile (user_id, area, availability, remote_ok, interests, visibility, updated_at) values (?, ?, ?, ?, ?, ?, ?)'
		);
		const insertSkillRow = sqlite.prepare(
			"insert into user_skill (user_id, skill_id, level, source, source_ref, granted_at) values (?, ?, ?, ?, '', ?)"
		);
		for (let l = 0; l < learners; l++) {
			const id = `learner-${l}`;
			insertUser.run(id, `learner${l}`, `learner${l}`, 'learner', now, now);
			learnerIds.push(id);
			const v = rnd();
			const availability = AVAILABILITY.filter(() => rnd() < 0.5);
			insertProfile.run(
				id,
				pick(AREAS),
				JSON.stringify(availability),
				rnd() < 0.3 ? 1 : 0,
				'[]',
				v < 0.5 ? 'vetted' : v < 0.7 ? 'applied' : 'hidden',
				now
			);
			const own = new Set<string>();
			const count = 3 + Math.floor(rnd() * 8);
			while (own.size < count) own.add(skill());
			for (const s of own) {
				insertSkillRow.run(id, s, 1 + Math.floor(rnd() * 3), 'self', now);
				// Some skills are also proven by a course, at the same or a higher level.
				if (rnd() < 0.15)
					sqlite
						.prepare(
							"insert into user_skill (user_id, skill_id, level, source, source_ref, granted_at) values (?, ?, ?, 'course', 'bench-course', ?)"
						)
						.run(id, s, 2, now);
			}
		}
	})();
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.exec('analyze');
	sqlite.close();
	return { orgMembers, roleOrg, learnerIds };
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Wall-clock milliseconds of each run; `cpu`, when given, gets the process's CPU milliseconds of
 * each (on a shared, loaded machine the wall clock also counts time spent waiting for a core).
 */
async function time(
	runs: number,
	task: (i: number) => Promise<void>,
	cpu?: number[]
): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const used = process.cpuUsage();
		const start = process.hrtime.bigint();
		await task(i);
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
		const spent = process.cpuUsage(used);
		cpu?.push((spent.user + spent.system) / 1000);
	}
	return times;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** Times matching on `db` (a population `generate` made) and returns its row of the table. */
async function measure(
	db: Db,
	engine: string,
	location: string,
	size: number,
	openRoles: number,
	generatedIn: number,
	{
		orgMembers,
		roleOrg,
		learnerIds
	}: { orgMembers: string[]; roleOrg: Map<string, number>; learnerIds: string[] }
): Promise<string> {
	// As the server does in its `init` hook, before it listens.
	const startCpu: number[] = [];
	const [startedIn] = await time(1, () => startMatching(db), startCpu);
	const roles = [...roleOrg.keys()];
	const rolePick = random(7);
	const roleSample = Array.from(
		{ length: SAMPLES + WARMUP },
		() => roles[Math.floor(rolePick() * roles.length)]
	);
	const learnerSample = Array.from(
		{ length: SAMPLES + WARMUP },
		() => learnerIds[Math.floor(rolePick() * learnerIds.length)]
	);

	let shown = 0;
	const candidatesFor = async (i: number) => {
		const role = roleSample[i];
		const result = await rankCandidates(db, orgMembers[roleOrg.get(role)!], role, 'my');
		if (!result.ok) throw new Error(`rankCandidates: ${result.error}`);
		shown += result.candidates.length;
	};
	let scored = 0;
	const opportunitiesFor = async (i: number) => {
		scored += (
			await opportunitiesPage(db, learnerSample[i], 'my', { kind: '', show: 'all', page: 1 })
		).total;
	};
	// The first ranking after a start: its memory is already built.
	const [firstLoad] = await time(1, (i) => candidatesFor(SAMPLES + i));
	// Opportunities first: ranking candidates writes the audit trail (a row per candidate shown).
	await time(WARMUP, (i) => opportunitiesFor(SAMPLES + i));
	const opportunitiesCpu: number[] = [];
	const opportunities = await time(SAMPLES, opportunitiesFor, opportunitiesCpu);
	await time(WARMUP, (i) => candidatesFor(SAMPLES + i));
	shown = 0;
	const candidates = await time(SAMPLES, candidatesFor);
	if (process.env.BENCH_AGAIN)
		console.error(
			'opportunities after candidates',
			percentile(await time(SAMPLES, opportunitiesFor), 50),
			percentile(await time(SAMPLES, opportunitiesFor), 95)
		);
	if (scored / SAMPLES < roles.length * 0.99)
		throw new Error(`expected every open role scored, got ${scored / SAMPLES}`);

	const memory = process.memoryUsage();
	const bytes = await sizeOf(db, location);
	const row = `| ${engine} | ${size.toLocaleString('en')} | ${openRoles.toLocaleString('en')} | ${ms(percentile(candidates, 50))} | ${ms(percentile(candidates, 95))} | ${ms(percentile(opportunities, 50))} | ${ms(percentile(opportunities, 95))} | ${ms(percentile(opportunitiesCpu, 50))} / ${ms(percentile(opportunitiesCpu, 95))} | ${mb(memory.rss)} / ${mb(memory.heapUsed)} | ${ms(startedIn)} (CPU ${ms(startCpu[0])}) | ${ms(firstLoad)} | ${mb(bytes)} | ${(generatedIn / 1000).toFixed(1)} s |`;
	console.error(`mean ${Math.round(shown / SAMPLES)} candidates shown`);
	return row;
}

const POSTGRES = process.env.BENCH_DATABASE_URL ?? '';

/** The population in a PostgreSQL database of its own, copied from the file; and its removal. */
async function onPostgres(file: string): Promise<{ url: string; remove: () => Promise<void> }> {
	const made = await createDatabase(POSTGRES, 'lanpya_bench_match');
	const [source, target] = [openDatabase(file), openDatabase(made.url)];
	try {
		await migrateToLatest(target, new DiskMigrationProvider());
		await copyDatabase(source, target);
		await sql`analyze`.execute(target);
	} finally {
		await source.destroy();
		await target.destroy();
	}
	return { url: made.url, remove: made.drop };
}

/** The database's size on disk: the SQLite file, or PostgreSQL's count for the database. */
async function sizeOf(db: Db, location: string): Promise<number> {
	if (!location.startsWith('postgres')) return fs.statSync(location).size;
	const result = await sql<{
		bytes: string;
	}>`select pg_database_size(current_database()) as bytes`.execute(db);
	return Number(result.rows[0].bytes);
}

const rows: string[] = [];
for (const { learners: size, roles: openRoles } of CASES) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-bench-match-'));
	const file = path.join(dir, 'bench.sqlite');
	const created = openDatabase(file);
	await migrateToLatest(created, new DiskMigrationProvider());
	await created.destroy();
	const started = Date.now();
	const { orgMembers, roleOrg, learnerIds } = generate(file, size, openRoles / ORGS);
	const generatedIn = Date.now() - started;
	const engines: { engine: string; location: string; remove: () => Promise<void> }[] = [
		{ engine: 'SQLite', location: file, remove: async () => {} }
	];
	if (POSTGRES) {
		const copyStarted = Date.now();
		const { url, remove } = await onPostgres(file);
		console.error(
			`${size} learners, ${openRoles} roles: copied to PostgreSQL in ${((Date.now() - copyStarted) / 1000).toFixed(1)} s`
		);
		engines.push({ engine: 'PostgreSQL', location: url, remove });
	}
	for (const { engine, location, remove } of engines) {
		const db = openDatabase(location);
		rows.push(
			await measure(db, engine, location, size, openRoles, generatedIn, {
				orgMembers,
				roleOrg,
				learnerIds
			})
		);
		console.error(`${size} learners, ${openRoles} roles: ${rows.at(-1)}`);
		await db.destroy();
		await remove();
	}
	if (process.env.BENCH_KEEP) console.error(`kept ${file}`);
	else fs.rmSync(dir, { recursive: true, force: true });
}

console.log(
	`### bench:match: ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
);
console.log(
	`Open roles of ${ORGS} organizations (1-4 required, 0-3 preferred skills), ${SKILLS} skills, 3-10 skills per learner, ${COURSES} published courses granting 3 skills each; ${SAMPLES} timed calls each after ${WARMUP} warm-up calls.`
);
console.log(
	`Budgets: candidates p95 ≤ ${CANDIDATES_BUDGET} ms, opportunities p95 ≤ ${OPPORTUNITIES_BUDGET} ms (at 50,000 learners and 8,000 open roles).\n`
);
console.log(
	'| Engine | Learners | Open roles | Candidates p50 | Candidates p95 | Opportunities p50 | Opportunities p95 | Opportunities CPU p50 / p95 | Memory (RSS / heap) | Start (memory built before listening) | First ranking after start | Database | Generated in |'
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
