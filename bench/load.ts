/**
 * `npm run bench:load`: the built server under the load of a busy day, on loopback. It starts
 * `npm start`'s script on a fresh database, makes the people through the app's own forms
 * (bench/load-seed.ts), then for LOAD_SECONDS (60) keeps LOAD_LEARNERS (200) learners and
 * LOAD_MEMBERS (20) organization members busy, each on their own keep-alive connection with
 * their own session. Each person waits a moment after every answer before the next request,
 * drawn at random with a mean of LOAD_THINK_MS (3000 ms: a tap every few seconds, far quicker
 * than anyone reads a lesson); LOAD_THINK_MS=0 asks again as soon as the answer arrived, which
 * measures the most the server can answer rather than how long people wait:
 * - a learner loops through the catalogue, a course page, a lesson as a browser navigation asks
 *   for it (HTML), the next two lessons as the app's client navigation asks for them
 *   (`__data.json`), and one offline batch to /api/sync (five lessons done and a quiz attempt,
 *   with new event ids each time, so every event is applied, not skipped as a duplicate);
 * - a member loops through the candidate rankings of their organization's open roles.
 * Every request asks for brotli or gzip, as a phone's browser does. A redirect counts as an
 * error: for a signed-in person it means the session was lost or refused.
 *
 * With LOAD_HOSTILE=N, N anonymous connections post the security review's hostile sign-in form
 * (63,900 characters of Burmese, Zawgyi and Unicode mixed, in fields the form does not have)
 * back to back beside them, and the learners' p95 says what that costs the people.
 *
 * Then the lesson page alone against the very same bytes served as a static file by the same
 * server (LOAD_COMPARE_SECONDS, LOAD_COMPARE_CONNECTIONS each): what rendering costs.
 *
 * LOAD_SETUPS=sqlite:1,sqlite:2,postgres:2 does all of it for each way of serving in turn (the
 * engine, and WORKERS server processes), each on a fresh database, and ends with a table that
 * compares them; PostgreSQL's database is made on BENCH_DATABASE_URL's server and dropped after.
 * Prints Markdown for docs/benchmarks.md.
 */
import autocannon, { type Client as Connection, type Request } from 'autocannon';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { readStarterCatalogue } from '../src/lib/server/courses/content-files';
import { openDatabase } from '../src/lib/server/db';
import { createDatabase, startApp, type App } from './lib';
import {
	emptySamples,
	percentile,
	ratio,
	record,
	summarize,
	table,
	type RouteSamples
} from './load-report';
import { seed } from './load-seed';

const int = (name: string, fallback: number) => {
	const value = Number.parseInt(process.env[name] ?? '', 10);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};
const PORT = int('BENCH_PORT', 3750);
const SECONDS = int('LOAD_SECONDS', 60);
const LEARNERS = int('LOAD_LEARNERS', 200);
const MEMBERS = int('LOAD_MEMBERS', 20);
const ORGS = int('LOAD_ORGS', 4);
const ROLES_PER_ORG = int('LOAD_ROLES_PER_ORG', 5);
const POPULATION = int('LOAD_POPULATION', 5000);
const COMPARE_SECONDS = int('LOAD_COMPARE_SECONDS', 15);
const COMPARE_CONNECTIONS = int('LOAD_COMPARE_CONNECTIONS', 50);
/** Seconds without an answer before a request counts as an error (and its connection starts again). */
const TIMEOUT = int('LOAD_TIMEOUT', 30);
/** Mean pause between a person's answer and their next request; 0 is none (parsed apart: 0 is allowed). */
const THINK_MS =
	process.env.LOAD_THINK_MS === undefined || process.env.LOAD_THINK_MS === ''
		? 3000
		: Math.max(0, Number(process.env.LOAD_THINK_MS) || 0);
/** Anonymous connections posting the hostile sign-in form (0: none; parsed apart: 0 is allowed). */
const HOSTILE = Math.max(0, Number.parseInt(process.env.LOAD_HOSTILE ?? '0', 10) || 0);
const STATIC_NAME = 'bench-load-lesson.html';
const STATIC_FILE = path.resolve('build/client', STATIC_NAME);

const PHONE = {
	accept: 'text/html',
	'accept-encoding': 'br, gzip',
	'user-agent':
		'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36'
};

const catalogue = readStarterCatalogue().filter((b) => b.course.modules.length > 0);
const courses = catalogue.map((bundle) => {
	const lessons = [...bundle.lessons.keys()];
	const [quizId, quiz] = [...bundle.quizzes][0] ?? [];
	// The right answers, as a learner who read the lessons gives them.
	const answers: Record<string, string | string[] | boolean> = {};
	for (const q of quiz?.questions ?? []) {
		if (q.type === 'single') answers[q.id] = q.options.find((o) => o.correct)!.id;
		else if (q.type === 'multiple')
			answers[q.id] = q.options.filter((o) => o.correct).map((o) => o.id);
		else if (q.type === 'true_false') answers[q.id] = q.answer;
		else answers[q.id] = q.accepted.my[0] ?? q.accepted.en[0];
	}
	return { id: bundle.course.id, lessons, quiz: quizId ? { id: quizId, answers } : null };
});

let eventsSent = 0;
/** One learner's loop, on one connection with their cookie. */
function learnerRequests(cookie: string, learner: number): Request[] {
	const course = courses[learner % courses.length];
	const lesson = (k: number) =>
		`/learn/courses/${course.id}/lessons/${course.lessons[(learner + k) % course.lessons.length]}`;
	const headers = { ...PHONE, cookie };
	return [
		{ route: 'catalogue', path: '/learn/courses', headers },
		{ route: 'course page', path: `/learn/courses/${course.id}`, headers },
		{ route: 'lesson (HTML)', path: lesson(0), headers },
		{
			route: 'lesson (__data.json)',
			path: `${lesson(1)}/__data.json?x-sveltekit-invalidated=01`,
			headers: { ...headers, accept: '*/*' }
		},
		{
			route: 'lesson (__data.json)',
			path: `${lesson(2)}/__data.json?x-sveltekit-invalidated=01`,
			headers: { ...headers, accept: '*/*' }
		},
		{
			route: 'sync batch',
			method: 'POST',
			path: '/api/sync',
			headers: { ...headers, accept: '*/*', 'content-type': 'application/json', origin: baseUrl },
			setupRequest: (request) => {
				const now = Date.now();
				const events: object[] = [0, 1, 2, 3, 4].map((k) => ({
					id: randomUUID(),
					type: 'lesson_done',
					courseId: course.id,
					lessonId: course.lessons[(learner + k) % course.lessons.length],
					at: now - (5 - k) * 60_000
				}));
				if (course.quiz)
					events.push({
						id: randomUUID(),
						type: 'quiz_attempt',
						courseId: course.id,
						quizId: course.quiz.id,
						answers: course.quiz.answers,
						at: now
					});
				eventsSent += events.length;
				return { ...request, body: JSON.stringify({ events }) };
			}
		}
	];
}

function memberRequests(cookie: string, roles: string[], member: number): Request[] {
	// Members of one organization start on different roles, as colleagues would.
	return roles.map((_, k) => ({
		route: 'candidates',
		path: `/org/roles/${roles[(member + k) % roles.length]}/candidates`,
		headers: { ...PHONE, cookie }
	}));
}

/** autocannon's own count of requests that got no answer, to check the per-route counts against. */
const unanswered = { timeouts: 0, errors: 0 };

/**
 * Runs autocannon with one person per connection, counting each answer under its route. A
 * connection sends its requests in order, one at a time, and after a timeout or a broken
 * connection goes on with the next: so the position in its list says which request it was.
 */
function run(
	connections: number,
	seconds: number,
	requestsFor: (connection: number) => Request[],
	routes: Map<string, RouteSamples>
): Promise<void> {
	const samples = (route = '?') =>
		routes.get(route) ?? routes.set(route, emptySamples()).get(route)!;
	let next = 0;
	const positions = new Map<Connection, { requests: Request[]; done: number }>();
	const route = (client: Connection) => {
		const position = positions.get(client)!;
		return position.requests[position.done++ % position.requests.length].route;
	};
	return new Promise((resolve, reject) => {
		const instance = autocannon(
			{
				url: baseUrl,
				connections,
				duration: seconds,
				timeout: TIMEOUT,
				setupClient: (client: Connection) => {
					const requests = requestsFor(next++);
					positions.set(client, { requests, done: 0 });
					client.setRequests(requests);
					const failed = () => {
						samples(route(client)).errors++;
						// autocannon keeps the connection's response parser across the reconnect: left
						// half way through the abandoned answer, it would misread every later answer on
						// that connection, and each would time out in turn.
						client.parser.initialize('RESPONSE');
					};
					client.on('timeout', failed);
					client.on('connError', failed);
				}
			},
			(error, result) => {
				if (error) return reject(error);
				unanswered.timeouts += result.timeouts;
				unanswered.errors += result.errors - result.timeouts;
				resolve();
			}
		);
		instance.on('response', (client, status, _bytes, latency) =>
			record(samples(route(client)), status, latency)
		);
	});
}

/**
 * CPU time the server process has used so far, in ms (Linux: /proc), or null. On a shared
 * machine the throughput ratio moves with whatever else runs (one side starved, the other not);
 * the CPU each answer costs moves less (on 2 cores at load 20-30 it still swung by 15%).
 */
function serverCpuMs(pid: number | undefined): number | null {
	try {
		let sum = 0;
		for (const id of [pid, ...childrenOf(pid)]) sum += cpuMsOf(id);
		return sum;
	} catch {
		return null;
	}
}

/** One process's CPU time so far, in ms. */
function cpuMsOf(pid: number | undefined): number {
	// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The server processes `WORKERS` started under `pid` (none when it serves alone). */
function childrenOf(pid: number | undefined): number[] {
	const children = `/proc/${pid}/task/${pid}/children`;
	return fs.existsSync(children)
		? fs.readFileSync(children, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
		: [];
}
/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture Node runs on. */
const CLOCK_TICKS = 100;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request on the person's own connection; resolves with the status once the whole answer is read. */
function send(agent: http.Agent, request: Request): Promise<number> {
	const body = request.setupRequest
		? (request.setupRequest(request, {} as never) as Request).body
		: request.body;
	return new Promise((resolve, reject) => {
		const req = http.request(
			baseUrl + request.path,
			{ agent, method: request.method ?? 'GET', headers: request.headers, timeout: TIMEOUT * 1000 },
			(res) => {
				res.on('data', () => {});
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			}
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		req.end(body as string | undefined);
	});
}

/**
 * People with a pause between requests: each on their own keep-alive connection, going through
 * their requests in order for `seconds`, pausing a random time (exponential, mean THINK_MS) after
 * each answer, and starting at a random moment within the first pause so they do not move in step.
 */
async function people(
	count: number,
	seconds: number,
	requestsFor: (person: number) => Request[],
	routes: Map<string, RouteSamples>
): Promise<void> {
	const samples = (route = '?') =>
		routes.get(route) ?? routes.set(route, emptySamples()).get(route)!;
	const end = Date.now() + seconds * 1000;
	const think = () => (THINK_MS > 0 ? -Math.log(1 - Math.random()) * THINK_MS : 0);
	await Promise.all(
		Array.from({ length: count }, async (_, person) => {
			const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
			const requests = requestsFor(person);
			await pause(Math.random() * THINK_MS);
			for (let i = 0; Date.now() < end; i++) {
				const request = requests[i % requests.length];
				const asked = performance.now();
				try {
					record(samples(request.route), await send(agent, request), performance.now() - asked);
				} catch {
					samples(request.route).errors++;
				}
				await pause(Math.min(think(), Math.max(0, end - Date.now())));
			}
			agent.destroy();
		})
	);
}

/**
 * The hostile form of the security review (M3): a sign-in with 63,900 characters of mixed
 * Burmese (Zawgyi and Unicode, the costliest to check) in four fields the form does not have,
 * as multipart. Before forms read only their declared fields, each cost the server half a second
 * to a second of Zawgyi checks, whoever sent it.
 */
function hostileForm(): { body: Buffer; type: string } {
	const mixed = 'ျမန္မာႏိုင္ငံ ေက်ာင္းသား မြန်မာနိုင်ငံ ကျောင်းသား ';
	const text = (length: number) => mixed.repeat(Math.ceil(length / mixed.length)).slice(0, length);
	const fields: [string, string][] = [
		['username', 'x'],
		['password', 'y'],
		['z0', text(20_000)],
		['z1', text(20_000)],
		['z2', text(20_000)],
		['z3', text(3_900)]
	];
	const boundary = '----lanpyabenchhostile';
	const parts = fields.map(
		([name, value]) =>
			`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
	);
	return {
		body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
		type: `multipart/form-data; boundary=${boundary}`
	};
}

/** `count` anonymous connections posting the hostile form back to back for `seconds`, every answer counted. */
async function hostile(count: number, seconds: number, samples: RouteSamples): Promise<void> {
	const { body, type } = hostileForm();
	const headers = {
		...PHONE,
		'content-type': type,
		'content-length': String(body.length),
		origin: baseUrl
	};
	const post = (agent: http.Agent) =>
		new Promise<number>((resolve, reject) => {
			const req = http.request(
				`${baseUrl}/signin`,
				{ agent, method: 'POST', headers, timeout: TIMEOUT * 1000 },
				(res) => {
					res.on('data', () => {});
					res.on('end', () => resolve(res.statusCode ?? 0));
					res.on('error', reject);
				}
			);
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', reject);
			req.end(body);
		});
	const end = Date.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: count }, async () => {
			const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
			while (Date.now() < end) {
				const asked = performance.now();
				try {
					record(samples, await post(agent), performance.now() - asked);
				} catch {
					samples.errors++;
				}
			}
			agent.destroy();
		})
	);
}

let app: App | undefined;
const removeStatic = () => fs.rmSync(STATIC_FILE, { force: true });
// The file holds a bench learner's page: it never outlives the run, even one stopped with Ctrl-C.
process.once('exit', removeStatic);
process.once('SIGINT', () => process.exit(130));

/** One way of serving measured: the engine and the number of server processes. */
interface Setup {
	engine: 'sqlite' | 'postgres';
	/** WORKERS for the server; '' leaves the server's own default (the cores, at most 4). */
	workers: string;
}
const label = (setup: Setup) =>
	`${setup.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, WORKERS=${setup.workers || `default (${Math.min(4, os.cpus().length)})`}`;

/**
 * LOAD_SETUPS=sqlite:1,sqlite:2,postgres:2 measures each in turn, on a fresh database each, and
 * compares them; by default one setup, SQLite with WORKERS as set. PostgreSQL needs
 * BENCH_DATABASE_URL: a server where the bench may create a database (dropped after).
 */
const SETUPS: Setup[] = (process.env.LOAD_SETUPS || `sqlite:${process.env.WORKERS ?? ''}`)
	.split(',')
	.map((text) => {
		const [engine, workers = ''] = text.trim().split(':');
		if (engine !== 'sqlite' && engine !== 'postgres')
			throw new Error(`LOAD_SETUPS: ${text} is not sqlite:N or postgres:N`);
		return { engine, workers };
	});
const POSTGRES = process.env.BENCH_DATABASE_URL ?? '';
if (SETUPS.some((s) => s.engine === 'postgres') && !POSTGRES)
	throw new Error('LOAD_SETUPS names postgres: set BENCH_DATABASE_URL');
const baseUrl = `http://127.0.0.1:${PORT}`;

/** An empty database for one setup, and how to remove it. */
async function freshDatabase(
	setup: Setup
): Promise<{ location: string; remove: () => void | Promise<void> }> {
	if (setup.engine === 'sqlite') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-bench-load-'));
		return {
			location: path.join(dir, 'app.sqlite'),
			remove: () => fs.rmSync(dir, { recursive: true, force: true })
		};
	}
	const made = await createDatabase(POSTGRES, 'lanpya_bench');
	return { location: made.url, remove: made.drop };
}

interface Measured {
	setup: Setup;
	perSecond: number;
	p99: number;
	errors: number;
}

/** Seeds a fresh database, serves it as `setup` says and measures; prints its own report. */
async function measure(setup: Setup): Promise<Measured> {
	eventsSent = 0;
	unanswered.timeouts = 0;
	unanswered.errors = 0;
	const { location: databasePath, remove } = await freshDatabase(setup);
	// Only the bench signs in, hundreds of times, from one address.
	const env = {
		SIGN_IN_LIMIT_PER_ADDRESS: '1000000',
		SIGN_UP_LIMIT_PER_ADDRESS: '1000000',
		SIGN_UP_LIMIT_TOTAL: '1000000',
		...(setup.workers ? { WORKERS: setup.workers } : {})
	};
	app = await startApp(PORT, databasePath, env);
	try {
		const seedStarted = Date.now();
		const seeded = await seed(baseUrl, databasePath, {
			learners: LEARNERS,
			orgs: ORGS,
			membersPerOrg: Math.ceil(MEMBERS / ORGS),
			rolesPerOrg: ROLES_PER_ORG,
			population: POPULATION
		});
		const members = seeded.members.slice(0, MEMBERS);
		console.error(
			`seeded ${LEARNERS} learners, ${members.length} members, ${ORGS * ROLES_PER_ORG} roles, ${POPULATION} generated learners in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`
		);

		// The static twin of a lesson page: the bytes the server rendered, as a file. The server's
		// static handler lists its files when it starts, so it starts again to see it.
		const comparedLesson = `/learn/courses/${courses[0].id}/lessons/${courses[0].lessons[0]}`;
		const rendered = await fetch(baseUrl + comparedLesson, {
			headers: { cookie: seeded.learners[0].cookie, accept: 'text/html' },
			redirect: 'manual'
		});
		if (rendered.status !== 200) throw new Error(`the lesson answered ${rendered.status}`);
		const html = await rendered.text();
		fs.writeFileSync(STATIC_FILE, html);
		await app.stop();
		app = await startApp(PORT, databasePath, env);

		// One of each request first: the first ranking after a start loads matching's memory.
		for (const request of [
			...learnerRequests(seeded.learners[0].cookie, 0).slice(0, 5),
			...memberRequests(members[0].client.cookie, members[0].roles, 0)
		]) {
			const response = await fetch(baseUrl + request.path, {
				headers: request.headers,
				redirect: 'manual'
			});
			if (response.status !== 200)
				throw new Error(`warming up ${request.route} answered ${response.status}`);
		}

		const loadBefore = os.loadavg();
		const routes = new Map<string, RouteSamples>();
		const started = Date.now();
		// With no pause, autocannon (which cannot pause) sends; with one, each person is a loop of their own.
		const load = THINK_MS > 0 ? people : run;
		const hostileSamples = emptySamples();
		await Promise.all([
			load(
				LEARNERS,
				SECONDS,
				(c) => learnerRequests(seeded.learners[c % LEARNERS].cookie, c),
				routes
			),
			load(
				members.length,
				SECONDS,
				(c) => memberRequests(members[c].client.cookie, members[c].roles, c),
				routes
			),
			hostile(HOSTILE, SECONDS, hostileSamples)
		]);
		const elapsed = (Date.now() - started) / 1000;
		const { timeouts, errors: connectionErrors } = unanswered;
		const loadAfter = os.loadavg();

		// The server goes on rendering what timed-out connections gave up on: the comparison waits
		// until it is idle again (three health checks in a row under 100 ms, at most two minutes).
		const settleStarted = Date.now();
		for (let quick = 0; quick < 3 && Date.now() - settleStarted < 120_000;) {
			const asked = performance.now();
			await fetch(`${baseUrl}/healthz`);
			quick = performance.now() - asked < 100 ? quick + 1 : 0;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const settledIn = (Date.now() - settleStarted) / 1000;
		// Counted once the server is idle, so batches still being applied when the clock stopped count.
		const db = openDatabase(databasePath);
		const sync = Object.fromEntries(
			(
				await db
					.selectFrom('sync_event')
					.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
					.groupBy('status')
					.execute()
			).map((r) => [r.status, Number(r.n)])
		);
		const visible = Number(
			(
				await db
					.selectFrom('learner_profile')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('visibility', '=', 'vetted')
					.executeTakeFirstOrThrow()
			).n
		);
		await db.destroy();

		const compare = async (route: string, target: string) => {
			const samples = new Map<string, RouteSamples>();
			const cpuBefore = serverCpuMs(app!.process.pid);
			await run(
				COMPARE_CONNECTIONS,
				COMPARE_SECONDS,
				(c) => [
					{
						route,
						path: target,
						headers: { ...PHONE, cookie: seeded.learners[c % LEARNERS].cookie }
					}
				],
				samples
			);
			const s = samples.get(route) ?? emptySamples();
			const cpuAfter = serverCpuMs(app!.process.pid);
			return {
				route,
				perSecond: s.latencies.length / COMPARE_SECONDS,
				cpuPerAnswer:
					cpuBefore === null || cpuAfter === null || s.latencies.length === 0
						? null
						: (cpuAfter - cpuBefore) / s.latencies.length,
				p50: percentile(s.latencies, 50),
				p99: percentile(s.latencies, 99),
				errors: s.redirects + s.failed + s.errors
			};
		};
		const page = await compare('lesson page', comparedLesson);
		const file = await compare('static file', `/${STATIC_NAME}`);

		const rows = summarize(routes, elapsed);
		const all = rows.at(-1)!;
		console.log(
			`### bench:load (${label(setup)}): ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
		);
		console.log(
			`${LEARNERS} learners and ${members.length} organization members (${ORGS} vetted organizations, ${ORGS * ROLES_PER_ORG} open roles) on as many connections for ${elapsed.toFixed(1)} s, ${THINK_MS > 0 ? `pausing ${THINK_MS} ms on average after each answer` : 'asking again as soon as each answer arrived'}${HOSTILE > 0 ? `, ${HOSTILE} anonymous connections posting the hostile sign-in form back to back beside them` : ''}; ${visible} learners visible to vetted organizations (${POPULATION} generated). Load average ${loadBefore.map((n) => n.toFixed(2)).join(' / ')} before, ${loadAfter.map((n) => n.toFixed(2)).join(' / ')} after (1 / 5 / 15 min).\n`
		);
		console.log(table(rows));
		const learnerLatencies = [...routes]
			.filter(([route]) => route !== 'candidates')
			.flatMap(([, samples]) => samples.latencies);
		console.log(
			`\nLearners (every learner route together): p50 ${percentile(learnerLatencies, 50).toFixed(1)} ms, p95 ${percentile(learnerLatencies, 95).toFixed(1)} ms, p99 ${percentile(learnerLatencies, 99).toFixed(1)} ms, with ${HOSTILE} hostile poster${HOSTILE === 1 ? '' : 's'} beside them.`
		);
		if (HOSTILE > 0) {
			const h = summarize(new Map([['hostile sign-in', hostileSamples]]), elapsed)[0];
			console.log(
				`Hostile sign-in form (${(hostileForm().body.length / 1024).toFixed(0)} KiB multipart, ${HOSTILE} connections back to back): ${h.requests} answered (${hostileSamples.ok} 2xx, ${hostileSamples.failed} 4xx/5xx), p50 ${h.p50.toFixed(1)} ms, p95 ${h.p95.toFixed(1)} ms, ${hostileSamples.errors} unanswered.`
			);
		}
		console.log(
			`\nTarget: 0 errors (${all.errors}), p99 ≤ 500 ms (${all.p99.toFixed(0)} ms). Unanswered: ${timeouts} timeouts (${TIMEOUT} s), ${connectionErrors} connection errors. Sync: ${eventsSent} events sent, ${sync.applied ?? 0} applied, ${sync.rejected ?? 0} rejected, counted once the server was idle.\n`
		);
		console.log(
			`Lesson page against its ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB of HTML as a static file, ${COMPARE_CONNECTIONS} connections, ${COMPARE_SECONDS} s each, once the server was idle again (${settledIn.toFixed(1)} s after the load):\n`
		);
		console.log(
			'| | Req/s | p50 | p99 | Errors | Server CPU per answer |\n|---|---|---|---|---|---|'
		);
		for (const r of [page, file])
			console.log(
				`| ${r.route} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors} | ${r.cpuPerAnswer === null ? '–' : `${r.cpuPerAnswer.toFixed(2)} ms`} |`
			);
		console.log(
			`\nStatic file ÷ lesson page: throughput ${ratio(file.perSecond, page.perSecond)}, p50 latency ${ratio(page.p50, file.p50)} lower, p99 ${ratio(page.p99, file.p99)} lower; server CPU per answer ${page.cpuPerAnswer === null || file.cpuPerAnswer === null ? '–' : ratio(page.cpuPerAnswer, file.cpuPerAnswer)} (the server processes together, their workers included: about the throughput ratio on a machine with nothing else to do).`
		);
		return { setup, perSecond: all.perSecond, p99: all.p99, errors: all.errors };
	} finally {
		await app?.stop();
		app = undefined;
		removeStatic();
		if (process.env.BENCH_KEEP) console.error(`kept ${databasePath}`);
		else await remove();
	}
}

const measured: Measured[] = [];
for (const setup of SETUPS) measured.push(await measure(setup));
if (measured.length > 1) {
	const first = measured[0];
	console.log(
		`\n### Setups compared, one after another in this run\n\n| Setup | Req/s | p99 | Errors | Req/s against ${label(first.setup)} |\n|---|---|---|---|---|`
	);
	for (const m of measured)
		console.log(
			`| ${label(m.setup)} | ${m.perSecond.toFixed(1)} | ${m.p99.toFixed(0)} ms | ${m.errors} | ${(m.perSecond / first.perSecond).toFixed(2)}× |`
		);
}
