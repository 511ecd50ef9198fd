/**
 * What the fault tests share: a raw HTTP client for one person, a world to write into (learners,
 * a vetted organization with open roles), and a stream of the writes real people make (progress
 * from a phone, applications, messages), each remembered with when it was sent and when its
 * answer was read whole, so a test can tell what the server acknowledged from what it did not.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { checkIntegrity, openDatabase, type Db } from '../../src/lib/server/db';
import { isPostgresUrl } from '../../src/lib/server/config';
import { databaseEnv } from '../helpers/app';
import { HttpClient } from '../helpers/http-client';
import { createDatabase } from '../helpers/postgres-server';

/**
 * The engines the fault tests run the server on: SQLite always; PostgreSQL too when
 * TEST_DATABASE_URL names a server whose user may create databases (`.ci/run` starts one).
 */
export const POSTGRES_SERVER = process.env.TEST_DATABASE_URL || '';
export type Engine = 'SQLite' | 'PostgreSQL';
export const ENGINES: Engine[] = POSTGRES_SERVER ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
if (!POSTGRES_SERVER)
	console.info('Fault tests on SQLite only: TEST_DATABASE_URL names no PostgreSQL server.');

/**
 * Where a test's server keeps its data, empty (the server migrates it as it starts): an SQLite
 * file in a folder of its own, or a database of its own on TEST_DATABASE_URL's server. `location`
 * is what the server is given (DATABASE_PATH or DATABASE_URL, see ../helpers/app.ts).
 */
export async function freshStore(
	engine: Engine
): Promise<{ location: string; remove: () => Promise<void> }> {
	if (engine === 'SQLite') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-faults-'));
		return {
			location: path.join(dir, 'faults.sqlite'),
			remove: async () => fs.rmSync(dir, { recursive: true, force: true })
		};
	}
	const made = await createDatabase(POSTGRES_SERVER, 'lanpya_faults');
	return { location: made.url, remove: made.drop };
}

/** Runs `read` on a connection of its own to the database at `location`, then closes it. */
export async function reading<T>(location: string, read: (db: Db) => Promise<T>): Promise<T> {
	const db = openDatabase(location);
	try {
		return await read(db);
	} finally {
		await db.destroy();
	}
}

/**
 * What is wrong with the database after a kill: SQLite's `integrity_check`; PostgreSQL checks
 * its own pages as it replays its log on the next start, which the restarted server needs.
 */
export const integrityProblems = (location: string): string[] =>
	isPostgresUrl(location) ? [] : checkIntegrity(location);

/** A learner's or member's id, by the name they signed up with. */
export const userIdOf = (location: string, username: string) =>
	reading(
		location,
		async (db) =>
			(
				await db
					.selectFrom('user')
					.select('id')
					.where('username', '=', username)
					.executeTakeFirstOrThrow()
			).id
	);

/** A small seeded generator (mulberry32): a failing run is replayed with its seed. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A person's HTTP client on the server under test, with a check of each answer's status. */
export class Client extends HttpClient {
	/**
	 * `address`: where the person says they come from, in X-Forwarded-For, for a server that
	 * trusts it (ADDRESS_HEADER); other servers ignore it.
	 */
	constructor(
		baseUrl: string,
		locale: 'my' | 'en' = 'en',
		private readonly from = '192.0.2.250'
	) {
		super(() => baseUrl, locale);
	}

	request(path: string, init: Parameters<HttpClient['request']>[1] = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', this.from);
		return super.request(path, { ...init, headers });
	}

	/** Posts and insists on `status`; the body is read, so the answer is complete. */
	async expect(
		path: string,
		form: Record<string, string>,
		status: number,
		what: string
	): Promise<Response> {
		const response = await this.post(path, form);
		const text = await response.text();
		if (response.status !== status)
			throw new Error(`${what} answered ${response.status}, not ${status}: ${text.slice(0, 300)}`);
		return response;
	}
}

let names = 0;
export const uniqueName = (prefix: string) =>
	`${prefix}${Date.now().toString(36)}${(names++).toString(36)}`;

/** Makes an administrator with the real command; returns a signed-in client with its own password. */
export async function adminClient(baseUrl: string, location: string): Promise<Client> {
	const name = uniqueName('faultadmin');
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', 'scripts/admin-create.ts', name],
		{
			env: { ...process.env, ...databaseEnv(location) },
			encoding: 'utf8'
		}
	);
	const oneTime = stdout.match(/One-time password: (\S+)/)?.[1];
	if (!oneTime) throw new Error(`unexpected output: ${stdout}`);
	const admin = new Client(baseUrl);
	await admin.expect(
		'/signin',
		{ username: name, password: oneTime },
		303,
		'signing in the administrator'
	);
	await admin.expect(
		'/account/password',
		{ current: oneTime, next: 'administrators guard the gate' },
		303,
		'replacing the one-time password'
	);
	return admin;
}

/** A vetted organization with `count` open roles (no skills needed, in Mae Sot); returns their ids. */
export async function openRoles(
	baseUrl: string,
	location: string,
	count: number
): Promise<string[]> {
	return (await vettedOrganization(baseUrl, location, count)).roles;
}

/**
 * A vetted organization with `count` open roles, each needing `skills`: its member's signed-in
 * client, its id and the roles' ids.
 */
export async function vettedOrganization(
	baseUrl: string,
	location: string,
	count: number,
	skills: { skill: string; level: string; need: 'required' | 'preferred' }[] = []
): Promise<{ org: Client; orgId: string; roles: string[] }> {
	const admin = await adminClient(baseUrl, location);
	const org = new Client(baseUrl);
	await org.expect(
		'/signup',
		{
			username: uniqueName('faultorg'),
			password: 'green tea and rice',
			kind: 'org_member',
			background: ''
		},
		200,
		'signing up the organization'
	);
	const orgName = uniqueName('Fault clinic');
	await org.expect(
		'/org?/apply',
		{ name: orgName, kind: 'clinic', description: 'Care', area_mae_sot: 'on' },
		200,
		'applying as an organization'
	);
	const orgId = await reading(
		location,
		async (db) =>
			(
				await db
					.selectFrom('organization')
					.select('id')
					.where('name', '=', orgName)
					.executeTakeFirstOrThrow()
			).id
	);
	await admin.expect(
		`/admin/organizations/${orgId}?/decide`,
		{ decision: 'vet', note: '' },
		200,
		'vetting'
	);
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const created = await org.expect(
			'/org/roles/new',
			{
				kind: 'medical_volunteer',
				title_my: `ဆေးဝန်ထမ်း ${i}`,
				title_en: '',
				description_my: 'ဒဏ်ရာ ကုသရာတွင် ကူညီရန်',
				description_en: '',
				safety_my: '',
				safety_en: '',
				area: 'mae_sot',
				availability: 'volunteer',
				pay: '',
				seats: '2',
				starts_on: '',
				closes_on: ''
			},
			303,
			'writing a role'
		);
		const path = created.headers.get('location')!;
		const id = path.split('/').pop()!;
		for (const skill of skills)
			await org.expect(`${path}?/addSkill`, skill, 200, 'adding a skill to a role');
		await org.expect(`${path}?/move`, { move: 'submit' }, 200, 'submitting a role');
		await admin.expect(
			`/admin/roles/${id}?/review`,
			{ decision: 'approve', note: '' },
			200,
			'approving a role'
		);
		await org.expect(`${path}?/move`, { move: 'open' }, 200, 'opening a role');
		ids.push(id);
	}
	return { org, orgId, roles: ids };
}

export interface Learner {
	index: number;
	client: Client;
	id: string;
	/** Roles not applied to yet. */
	roles: string[];
	/** Applications made, for messages. */
	applications: string[];
}

/** Signs up `count` learners (a message needs an application first: the stream makes both). */
export async function signUpLearners(
	baseUrl: string,
	location: string,
	count: number,
	roles: string[]
): Promise<Learner[]> {
	const learners: Learner[] = [];
	for (let index = 0; index < count; index++) {
		const client = new Client(baseUrl, index % 2 ? 'my' : 'en');
		const username = uniqueName('faultlearner');
		await client.expect(
			'/signup',
			{ username, password: 'green tea and rice', kind: 'learner', background: '' },
			200,
			'signing up a learner'
		);
		const id = await userIdOf(location, username);
		learners.push({ index, client, id, roles: [...roles], applications: [] });
	}
	return learners;
}

export type WriteKind = 'progress' | 'application' | 'message';

export interface Write {
	kind: WriteKind;
	/** Unique text carried by the write, found again in the database. */
	token: string;
	learner: Learner;
	/** For an application: the role; once acknowledged, its id. */
	role?: string;
	application?: string;
	sentAt: number;
	/** When the whole answer was read, with the status that means "done"; undefined if never. */
	ackedAt?: number;
}

const QUIZ = { courseId: 'computer-basics', quizId: 'q1' };
/** A short-answer question of that quiz: its typed answer carries the write's token into the stored attempt. */
export const TOKEN_QUESTION = 'q1-7';

/**
 * Sends one write of `kind` for `learner` and waits for its answer. Acknowledged means the
 * answer a person's phone or browser takes as "saved": the sync result `applied`, the
 * application's redirect to its page, the message form's 200.
 */
export async function sendWrite(
	learner: Learner,
	kind: WriteKind,
	token: string,
	log: Write[]
): Promise<Write> {
	if (kind === 'application' && learner.roles.length === 0) kind = 'progress';
	if (kind === 'message' && learner.applications.length === 0) kind = 'progress';
	const write: Write = { kind, token, learner, sentAt: performance.now() };
	log.push(write);
	if (kind === 'progress') {
		const event = {
			id: `event-${token}`,
			type: 'quiz_attempt',
			...QUIZ,
			answers: { [TOKEN_QUESTION]: token },
			at: Date.now()
		};
		const response = await learner.client.request('/api/sync', {
			method: 'POST',
			body: JSON.stringify({ events: [event] }),
			headers: { 'content-type': 'application/json', accept: 'application/json' }
		});
		const body = await response.json();
		if (response.status === 200 && body.results?.[0]?.status === 'applied')
			write.ackedAt = performance.now();
	} else if (kind === 'application') {
		write.role = learner.roles.shift()!;
		const response = await learner.client.post(`/learn/opportunities/${write.role}?/apply`, {
			message: token
		});
		await response.text();
		const location = response.headers.get('location') ?? '';
		if (response.status === 303 && location.startsWith('/learn/applications/')) {
			write.application = location.split('/').pop()!;
			learner.applications.push(write.application);
			write.ackedAt = performance.now();
		}
	} else {
		const application = learner.applications[token.length % learner.applications.length];
		write.application = application;
		const response = await learner.client.post(`/learn/applications/${application}?/message`, {
			body: token
		});
		await response.text();
		if (response.status === 200) write.ackedAt = performance.now();
	}
	return write;
}

/** What the database holds of the writes: the tokens present, by kind. */
export function tokensIn(location: string): Promise<Record<WriteKind, Set<string>>> {
	return reading(location, async (db) => {
		const progress = new Set<string>();
		for (const row of await db
			.selectFrom('sync_event')
			.select('event_id')
			.where('status', '=', 'applied')
			.where('event_id', 'like', 'event-%')
			.execute())
			progress.add(row.event_id.slice('event-'.length));
		const attempts = new Set<string>();
		for (const row of await db.selectFrom('quiz_attempt').select('answers').execute()) {
			const token = JSON.parse(row.answers)[TOKEN_QUESTION];
			if (typeof token === 'string') attempts.add(token);
		}
		const application = new Set(
			(
				await db
					.selectFrom('application as a')
					.innerJoin('application_event as e', (join) =>
						join.onRef('e.application_id', '=', 'a.id').on('e.status', '=', 'applied')
					)
					.select('a.message')
					.execute()
			).map((r) => r.message)
		);
		const message = new Set(
			(await db.selectFrom('application_message').select('body').execute()).map((r) => r.body)
		);
		// Atomicity: an event claimed as applied always has its attempt, an application always its history.
		for (const token of progress)
			if (!attempts.has(token))
				throw new Error(
					`progress event ${token} is marked applied but its quiz attempt is missing`
				);
		for (const token of attempts)
			if (!progress.has(token)) throw new Error(`quiz attempt ${token} has no sync event`);
		const orphans = await db
			.selectFrom('application as a')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('application_event as e')
							.select('e.id')
							.whereRef('e.application_id', '=', 'a.id')
							.where('e.status', '=', 'applied')
					)
				)
			)
			.executeTakeFirstOrThrow();
		if (Number(orphans.n) > 0) throw new Error(`${orphans.n} applications have no "applied" event`);
		return { progress, application, message };
	});
}

/** Row counts of every table of the file (FTS shadow tables included). */
export function tableCounts(databasePath: string): Record<string, number> {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const tables = db
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
			)
			.all() as { name: string }[];
		return Object.fromEntries(
			tables.map(({ name }) => [
				name,
				(db.prepare(`select count(*) n from "${name}"`).get() as { n: number }).n
			])
		);
	} finally {
		db.close();
	}
}

export const mean = (values: number[]) =>
	values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
export const quantile = (values: number[], q: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
