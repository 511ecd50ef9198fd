/**
 * Graceful restarts (issue 7, part 6): SIGTERM while many requests are in flight. The real server
 * (`npm start`'s script) stops taking connections at once, answers every request it had taken
 * (some still uploading their bodies after the signal, one arriving after it on a connection
 * kept alive from before), closes the database so SQLite folds the write-ahead log into the file, and
 * exits 0; after a restart every acknowledged write is there.
 */
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/lib/server/db';
import { startApp, type App } from '../helpers/app';
import {
	openRoles,
	sendWrite,
	signUpLearners,
	tokensIn,
	TOKEN_QUESTION,
	type Learner,
	type Write,
	type WriteKind
} from './support';

const PORT = Number(process.env.RESTART_PORT ?? 3612);
const LEARNERS = 4;
const PER_LEARNER = 8;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-graceful-'));
let app: App | undefined;

afterAll(async () => {
	await app?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

interface RawWrite {
	write: Write;
	/** Resolves when the server has read the request's headers (its "100 Continue"). */
	accepted: Promise<void>;
	sendBody(): void;
	answered: Promise<{ status: number; location: string; text: string }>;
}

/**
 * One write on a connection of its own, asking "Expect: 100-continue": the server's interim
 * answer proves it took the request, and the body can be held back past the signal.
 */
function rawWrite(
	learner: Learner,
	kind: WriteKind,
	token: string,
	log: Write[],
	keptBy?: http.Agent
): RawWrite {
	let path: string;
	let body: string;
	let type = 'application/x-www-form-urlencoded';
	if (kind === 'progress') {
		path = '/api/sync';
		body = JSON.stringify({
			events: [
				{
					id: `event-${token}`,
					type: 'quiz_attempt',
					courseId: 'computer-basics',
					quizId: 'q1',
					answers: { [TOKEN_QUESTION]: token },
					at: Date.now()
				}
			]
		});
		type = 'application/json';
	} else if (kind === 'application') {
		path = `/learn/opportunities/${learner.roles.shift()}?/apply`;
		body = new URLSearchParams({ message: token }).toString();
	} else {
		path = `/learn/applications/${learner.applications[0]}?/message`;
		body = new URLSearchParams({ body: token }).toString();
	}
	const write: Write = { kind, token, learner, sentAt: performance.now() };
	log.push(write);
	let request!: http.ClientRequest;
	let accept!: () => void;
	const accepted = new Promise<void>((resolve) => (accept = resolve));
	const answered = new Promise<{ status: number; location: string; text: string }>(
		(resolve, reject) => {
			request = http.request(
				`http://127.0.0.1:${PORT}${path}`,
				{
					method: 'POST',
					agent: keptBy ?? false,
					headers: {
						'content-type': type,
						'content-length': Buffer.byteLength(body),
						accept: kind === 'progress' ? 'application/json' : 'text/html',
						cookie: `${learner.client.cookie}; lang=en`,
						origin: learner.client.baseUrl,
						...(keptBy ? {} : { expect: '100-continue' })
					}
				},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk) => (text += chunk));
					response.on('end', () =>
						resolve({
							status: response.statusCode!,
							location: String(response.headers.location ?? ''),
							text
						})
					);
					response.on('error', reject);
				}
			);
			request.on('continue', accept);
			request.on('error', reject);
		}
	);
	void answered.then(
		({ status, location, text }) => {
			const done =
				kind === 'progress'
					? status === 200 && JSON.parse(text).results?.[0]?.status === 'applied'
					: kind === 'application'
						? status === 303 && location.startsWith('/learn/applications/')
						: status === 200;
			if (done) write.ackedAt = performance.now();
		},
		() => undefined
	);
	if (keptBy) accept();
	else request.flushHeaders();
	return { write, accepted, sendBody: () => request.end(body), answered };
}

/** Resolves with the error code of a new connection to the port (ECONNREFUSED once closed), or "connected". */
const connectOnce = () =>
	new Promise<string>((resolve) => {
		const socket = net.connect(PORT, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve('connected');
		});
		socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
	});

// One process, and several (WORKERS): each worker finishes what it took, then the primary exits.
it.each([1, 2])(
	'on SIGTERM under load with %i server processes, refuses new connections, answers every request taken, closes the database and exits 0',
	async (workers) => {
		const databasePath = path.join(dir, `graceful-${workers}.sqlite`);
		app = await startApp(PORT, databasePath, {
			WORKERS: String(workers),
			SIGN_IN_LIMIT_PER_ADDRESS: '1000',
			SIGN_UP_LIMIT_PER_ADDRESS: '1000',
			SIGN_UP_LIMIT_TOTAL: '1000'
		});
		const roles = await openRoles(app.baseUrl, databasePath, 4);
		const learners = await signUpLearners(app.baseUrl, databasePath, LEARNERS, roles);
		const log: Write[] = [];
		// Each learner applies once first, so messages have a thread to go to.
		for (const learner of learners)
			await sendWrite(learner, 'application', `w${learner.index}-first`, log);

		const kinds: WriteKind[] = ['progress', 'application', 'message'];
		const burst = learners.flatMap((learner) =>
			Array.from({ length: PER_LEARNER }, (_, i) =>
				rawWrite(learner, kinds[i % 3], `w${learner.index}-${i}`, log)
			)
		);
		await Promise.all(burst.map((b) => b.accepted));
		// Half the bodies now (being worked on at the signal), half held back until after it.
		const held = burst.filter((_, i) => i % 2 === 1);
		for (const b of burst) if (!held.includes(b)) b.sendBody();
		await new Promise((resolve) => setTimeout(resolve, 300));
		// A connection kept alive after a request just before the signal; the next comes after it.
		const keeper = new http.Agent({ keepAlive: true, maxSockets: 1 });
		await new Promise((resolve, reject) =>
			http
				.get(`http://127.0.0.1:${PORT}/healthz`, { agent: keeper }, (r) =>
					r.resume().on('end', resolve)
				)
				.on('error', reject)
		);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const child = app.process;
		const exit = new Promise<number | null>((resolve) =>
			child.once('exit', (code) => resolve(code))
		);
		const signalled = performance.now();
		child.kill('SIGTERM');

		// A connection tried while the listener closes may be taken by the kernel and then reset;
		// once closed, every new one is refused.
		let refusal = 'connected';
		for (let tries = 0; tries < 300 && refusal !== 'ECONNREFUSED'; tries++) {
			refusal = await connectOnce();
			if (refusal !== 'ECONNREFUSED') await new Promise((resolve) => setTimeout(resolve, 10));
		}
		const refusedAfterMs = performance.now() - signalled;
		expect(refusal).toBe('ECONNREFUSED');
		// The held requests keep the server finishing what it took.
		expect(child.exitCode).toBeNull();
		// The listener is closed, so the server has handled the signal: now the kept connection's
		// request (a new connection would be refused, so an answer proves it went on the kept one).
		const late = rawWrite(learners[0], 'progress', 'wkept-0', log, keeper);
		late.sendBody();
		for (const b of held) b.sendBody();

		const answers = await Promise.allSettled([...burst, late].map((b) => b.answered));
		const code = await exit;
		const shutdownMs = performance.now() - signalled;
		console.log(
			`graceful restart, ${workers} processes: ${burst.length} requests taken before SIGTERM (${held.length} with their bodies held until after it) and one sent after it on a connection kept alive from before; ` +
				`new connections refused ${refusedAfterMs.toFixed(0)} ms after it; exit ${code} ${shutdownMs.toFixed(0)} ms after it`
		);
		expect(
			answers
				.filter((a) => a.status === 'rejected')
				.map((a) => String((a as PromiseRejectedResult).reason)),
			'requests cut off'
		).toEqual([]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(
			log.filter((w) => w.ackedAt === undefined).map((w) => w.token),
			'writes not acknowledged'
		).toEqual([]);
		expect(code).toBe(0);
		// A clean close folds the write-ahead log into the file and removes it.
		const wal = `${databasePath}-wal`;
		expect(
			fs.existsSync(wal) ? fs.statSync(wal).size : 0,
			'bytes left in the write-ahead log'
		).toBe(0);
		expect(shutdownMs).toBeLessThan(10_000);

		app = await startApp(PORT, databasePath, { WORKERS: String(workers) });
		expect(checkIntegrity(databasePath)).toEqual([]);
		const present = await tokensIn(databasePath);
		const acked = log.filter((w) => w.ackedAt !== undefined);
		expect(
			acked.filter((w) => !present[w.kind].has(w.token)).map((w) => w.token),
			'acknowledged writes missing'
		).toEqual([]);
		expect(acked.length).toBe(LEARNERS * (PER_LEARNER + 1) + 1);
		await app.stop();
		app = undefined;
	}
);
