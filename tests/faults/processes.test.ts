/**
 * Two server processes on one database, as `WORKERS` runs them on one SQLite file and as several
 * machines run them on one PostgreSQL database (each started here on a port of its own, so a test
 * can choose which one answers): what a person does through one is what everyone sees through
 * the other. A learner's new skill reaches an organization's ranking
 * through the other process within a second; failed sign-ins counted by one hold at the other;
 * and one process killed with SIGKILL under writes loses nothing it acknowledged, while the other
 * keeps serving.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonym } from '../../src/lib/server/matching/candidates';
import { startApp, type App } from '../helpers/app';
import {
	Client,
	ENGINES,
	freshStore,
	integrityProblems,
	sendWrite,
	signUpLearners,
	tokensIn,
	uniqueName,
	userIdOf,
	vettedOrganization,
	type Write,
	type WriteKind
} from './support';

const PORT_A = Number(process.env.PROCESSES_PORT ?? 3614);
const PORT_B = PORT_A + 1;
const PASSWORD = 'green tea and rice';
/** Low enough to reach in a few tries, below the name's own lock (6). */
const PER_ADDRESS = 3;
const env = {
	WORKERS: '1',
	ADDRESS_HEADER: 'X-Forwarded-For',
	SIGN_IN_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
	SIGN_UP_LIMIT_PER_ADDRESS: '1000',
	SIGN_UP_LIMIT_TOTAL: '1000'
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-processes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A client of `app` that says it comes from `address` (the proxy's header the servers trust). */
const from = (app: App, address: string) => new Client(app.baseUrl, 'en', address);

async function signUp(client: Client, kind: 'learner' | 'org_member'): Promise<string> {
	const username = uniqueName(kind === 'learner' ? 'learner' : 'member');
	await client.expect(
		'/signup',
		{ username, password: PASSWORD, kind, background: '' },
		200,
		'signing up'
	);
	return username;
}

describe.each(ENGINES)('two server processes on one %s database', (engine) => {
	let database = '';
	let remove = async () => {};
	let a: App;
	let b: App;

	beforeAll(async () => {
		({ location: database, remove } = await freshStore(engine));
		a = await startApp(PORT_A, database, env);
		b = await startApp(PORT_B, database, env);
	});

	afterAll(async () => {
		await a?.stop();
		await b?.stop();
		await remove();
	});

	it("ranks through process B a learner's skill added through process A within a second", async () => {
		const { org, orgId, roles } = await vettedOrganization(a.baseUrl, database, 1, [
			{ skill: 'first_aid', level: '2', need: 'required' }
		]);
		const orgOnB = new Client(b.baseUrl);
		orgOnB.cookie = org.cookie;
		const learner = from(a, '192.0.2.1');
		const username = await signUp(learner, 'learner');
		await learner.expect(
			'/learn/profile?/details',
			{ area: 'mae_sot', visibility: 'vetted', availability_volunteer: 'on', password: PASSWORD },
			200,
			'showing the profile to vetted organizations'
		);
		const userId = await userIdOf(database, username);
		// Who is listed comes from B's own matching memory; the role requires first aid.
		const listed = async (through = orgOnB) => {
			const response = await through.request(`/org/roles/${roles[0]}/candidates`);
			expect(response.status).toBe(200);
			return (await response.text()).includes(pseudonym(orgId, userId));
		};
		expect(await listed(org)).toBe(false);
		expect(await listed()).toBe(false);

		await learner.expect(
			'/learn/profile?/skills',
			{ level_first_aid: '3' },
			200,
			'adding a skill through A'
		);
		const saved = performance.now();
		// A ranks first: reading the change there must not take it from B.
		expect(await listed(org)).toBe(true);
		let seen = await listed();
		while (!seen && performance.now() - saved < 1000) seen = await listed();
		const took = performance.now() - saved;
		expect(seen).toBe(true);
		expect(took).toBeLessThan(1000);
	});

	it('holds at process B the failed sign-ins counted at process A, per address and per name', async () => {
		const owner = await signUp(from(a, '192.0.2.2'), 'learner');
		// Per address and name: PER_ADDRESS wrong passwords through A from one address...
		for (let i = 0; i < PER_ADDRESS; i++)
			await from(a, '198.51.100.7').expect(
				'/signin',
				{ username: owner, password: `wrong ${i}` },
				400,
				'a wrong password through A'
			);
		// ...and B refuses that address even the right password, while another address may try.
		await from(b, '198.51.100.7').expect(
			'/signin',
			{ username: owner, password: PASSWORD },
			429,
			'the right password through B from the address held'
		);
		await from(b, '198.51.100.8').expect(
			'/signin',
			{ username: owner, password: PASSWORD },
			303,
			'the right password through B from another address'
		);

		// Per name: six wrong passwords through A, each from its own address, lock the name...
		const locked = await signUp(from(a, '192.0.2.3'), 'learner');
		for (let i = 0; i < 6; i++)
			await from(a, `203.0.113.${i + 1}`).expect(
				'/signin',
				{ username: locked, password: `wrong ${i}` },
				i < 5 ? 400 : 429,
				'a wrong password through A'
			);
		// ...for B too, whatever the address.
		await from(b, '203.0.113.99').expect(
			'/signin',
			{ username: locked, password: PASSWORD },
			429,
			'the right password through B while the name is locked'
		);
	});

	it('loses nothing process B acknowledged when B is killed under writes, while A serves on', async () => {
		const { roles } = await vettedOrganization(a.baseUrl, database, 6);
		const onA = await signUpLearners(a.baseUrl, database, 2, roles);
		const onB = await signUpLearners(b.baseUrl, database, 2, roles.slice().reverse());
		const learners = [...onA, ...onB].map((learner, index) => ({ ...learner, index }));
		const log: Write[] = [];
		let sequence = 0;
		for (let kill = 0; kill < 3; kill++) {
			let live = true;
			const writers = learners.map(async (learner) => {
				while (live) {
					const r = (sequence * 7919) % 100;
					const kind: WriteKind = r < 50 ? 'progress' : r < 65 ? 'application' : 'message';
					try {
						await sendWrite(learner, kind, `p${learner.index}-${sequence++}`, log);
					} catch {
						// B died under this write: it was never acknowledged.
					}
				}
			});
			const acknowledgedByB = () =>
				log.filter((w) => w.ackedAt !== undefined && w.learner.client.baseUrl === b.baseUrl).length;
			const before = acknowledgedByB();
			while (acknowledgedByB() < before + 5) await new Promise((r) => setTimeout(r, 5));
			await new Promise((r) => setTimeout(r, 50 + kill * 120));
			const child = b.process;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;
			// A goes on answering while B is down.
			const during = log.length;
			while (log.filter((w, i) => i >= during && w.ackedAt !== undefined).length < 3)
				await new Promise((r) => setTimeout(r, 5));
			live = false;
			await Promise.all(writers);

			expect(integrityProblems(database), `integrity after kill ${kill + 1}`).toEqual([]);
			const present = await tokensIn(database);
			const lost = log
				.filter((w) => w.ackedAt !== undefined && !present[w.kind].has(w.token))
				.map((w) => `${w.kind} ${w.token}`);
			expect(lost, `acknowledged writes missing after kill ${kill + 1}`).toEqual([]);
			b = await startApp(PORT_B, database, env);
		}
		expect(
			log.filter((w) => w.ackedAt !== undefined && w.learner.client.baseUrl === b.baseUrl).length
		).toBeGreaterThan(15);
	});
});

/**
 * The status of a GET on a connection of its own, or the error that ended it (a connection
 * opened and never answered ends after 5 s). A connection kept alive from before belongs to the
 * process that took it and closes with it; a phone's browser then asks again on a new one, as
 * every request here does.
 */
function statusOnNewConnection(url: string): Promise<number | string> {
	return new Promise((resolve) => {
		http
			.get(url, { agent: false, timeout: 5000 }, (response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 'no status'));
			})
			.on('timeout', function (this: http.ClientRequest) {
				this.destroy(new Error('no answer in 5 s'));
			})
			.on('error', (error) => resolve(error.message));
	});
}

describe('WORKERS server processes on one port', () => {
	it('starts another process when one dies, and the port answers all along', async () => {
		const port = PORT_A + 2;
		const workers = await startApp(port, path.join(dir, 'workers.sqlite'), { WORKERS: '2' });
		try {
			const children = () =>
				execFileSync('pgrep', ['-P', String(workers.process.pid)], { encoding: 'utf8' })
					.trim()
					.split('\n')
					.filter(Boolean)
					.map(Number);
			// Both have opened the port (the port answers as soon as one has; on a busy machine the
			// second may still be starting, and killing the only one serving would close the port).
			const since = performance.now();
			while (!workers.output().includes('with 2 processes') && performance.now() - since < 30_000)
				await new Promise((r) => setTimeout(r, 50));
			expect(workers.output()).toContain('with 2 processes');
			const first = children();
			expect(first).toHaveLength(2);
			process.kill(first[0], 'SIGKILL');
			const killed = performance.now();
			// From the moment of the kill, each new connection is answered by the other process
			// until the dead one's replacement serves beside it.
			let now = first;
			let asked = 0;
			while ((now.length < 2 || now.includes(first[0])) && performance.now() - killed < 20_000) {
				const status = await statusOnNewConnection(`http://127.0.0.1:${port}/healthz`);
				asked++;
				expect(
					status,
					`request ${asked}, ${Math.round(performance.now() - killed)} ms after the kill`
				).toBe(200);
				now = children();
			}
			expect(now).toHaveLength(2);
			expect(now).not.toContain(first[0]);
			expect(now).toContain(first[1]);
			expect(workers.output()).toContain('A server process stopped (SIGKILL); starting another');
		} finally {
			expect(await workers.stop()).toBe(0);
		}
	});
});
