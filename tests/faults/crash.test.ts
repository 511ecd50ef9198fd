/**
 * Crash safety (issue 7, part 2): the real server (`npm start`'s script) takes a stream of writes
 * from several learners at once (progress from their phones, applications, messages) and is
 * killed with SIGKILL at random moments, again and again, on SQLite and, when TEST_DATABASE_URL
 * names a server, on PostgreSQL. After each restart the SQLite file passes
 * `PRAGMA integrity_check` and, on either engine, every write whose answer reached the client is
 * in the database, whole.
 *
 * SIGKILL ends the process, not the machine: what the operating system was given survives. It
 * proves that a write acknowledged to a person was committed first, and that a write cut short
 * leaves nothing half done; a power cut is synchronous=FULL's part (docs/architecture.md).
 *
 * CRASH_SEED replays a run (the seed is printed); CRASH_KILLS changes the number of kills.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../helpers/app';
import {
	ENGINES,
	freshStore,
	integrityProblems,
	mean,
	openRoles,
	quantile,
	seeded,
	sendWrite,
	signUpLearners,
	tokensIn,
	type Write,
	type WriteKind
} from './support';

const PORT = Number(process.env.CRASH_PORT ?? 3611);
const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LEARNERS = 6;
const ROLES = 8;
/**
 * Each cycle kills at a random moment within this window, counted from the cycle's first
 * acknowledged write: a server just started answers its first requests slowly (route modules
 * load, matching fills its memory), and a kill before any answer would test no acknowledgement.
 */
const WINDOW_MS = [0, 600];

let app: App | undefined;
const removals: (() => Promise<void>)[] = [];

afterAll(async () => {
	await app?.stop();
	for (const remove of removals) await remove();
});

const exited = (child: App['process']) =>
	new Promise<void>((resolve) =>
		child.exitCode !== null || child.signalCode !== null
			? resolve()
			: child.once('exit', () => resolve())
	);

describe.each(ENGINES)('on %s', (engine) => {
	it(
		`keeps every acknowledged write and a sound database through ${KILLS} kills at random moments`,
		{ timeout: 1_800_000 },
		async () => {
			console.log(
				`crash test on ${engine}: seed ${SEED} (CRASH_SEED=${SEED} replays it), ${KILLS} kills, port ${PORT}`
			);
			const store = await freshStore(engine);
			removals.push(store.remove);
			const databasePath = store.location;
			const started = performance.now();
			const env = {
				SIGN_IN_LIMIT_PER_ADDRESS: '1000',
				SIGN_UP_LIMIT_PER_ADDRESS: '1000',
				SIGN_UP_LIMIT_TOTAL: '1000'
			};
			app = await startApp(PORT, databasePath, env);
			const roles = await openRoles(app.baseUrl, databasePath, ROLES);
			const learners = await signUpLearners(app.baseUrl, databasePath, LEARNERS, roles);
			const setupMs = performance.now() - started;

			const killAt = seeded(SEED);
			const choose = seeded(SEED + 1);
			const log: Write[] = [];
			const restarts: number[] = [];
			const inFlightAtKill: number[] = [];
			let sequence = 0;

			for (let kill = 0; kill < KILLS; kill++) {
				const wait = WINDOW_MS[0] + killAt() * (WINDOW_MS[1] - WINDOW_MS[0]);
				let live = true;
				let inFlight = 0;
				const writers = learners.map(async (learner) => {
					while (live) {
						const r = choose();
						const kind: WriteKind = r < 0.45 ? 'progress' : r < 0.6 ? 'application' : 'message';
						inFlight++;
						try {
							await sendWrite(learner, kind, `w${learner.index}-${sequence++}`, log);
						} catch {
							// The server died under this write: it was never acknowledged.
						} finally {
							inFlight--;
						}
					}
				});
				const acknowledged = () => log.filter((w) => w.ackedAt !== undefined).length;
				const before = acknowledged();
				while (acknowledged() === before) await new Promise((resolve) => setTimeout(resolve, 5));
				await new Promise((resolve) => setTimeout(resolve, wait));
				live = false;
				inFlightAtKill.push(inFlight);
				const child = app.process;
				child.kill('SIGKILL');
				await exited(child);
				await Promise.all(writers);

				app = await startApp(PORT, databasePath, env);
				restarts.push(app.startedMs);
				expect(integrityProblems(databasePath), `integrity after kill ${kill + 1}`).toEqual([]);
				const present = await tokensIn(databasePath);
				const lost = log
					.filter((w) => w.ackedAt !== undefined && !present[w.kind].has(w.token))
					.map((w) => `${w.kind} ${w.token}`);
				expect(lost, `acknowledged writes missing after kill ${kill + 1} (seed ${SEED})`).toEqual(
					[]
				);
				if ((kill + 1) % 10 === 0)
					console.log(
						`${kill + 1} kills, ${log.filter((w) => w.ackedAt !== undefined).length} writes acknowledged, mean restart ${mean(restarts).toFixed(0)} ms`
					);
			}

			const acked = log.filter((w) => w.ackedAt !== undefined);
			const present = await tokensIn(databasePath);
			const unackedKept = log.filter(
				(w) => w.ackedAt === undefined && present[w.kind].has(w.token)
			).length;
			const byKind = (kind: WriteKind) => `${acked.filter((w) => w.kind === kind).length} ${kind}`;
			const total = (performance.now() - started) / 1000;
			console.log(
				[
					`crash test on ${engine} (seed ${SEED}): ${KILLS} SIGKILLs, ${restarts.length} restarts, setup ${(setupMs / 1000).toFixed(1)} s, total ${total.toFixed(1)} s`,
					`restart (spawn to first healthy answer): mean ${mean(restarts).toFixed(0)} ms, p50 ${quantile(restarts, 0.5).toFixed(0)} ms, max ${Math.max(...restarts).toFixed(0)} ms`,
					`writes sent ${log.length}, acknowledged ${acked.length} (${byKind('progress')}, ${byKind('application')}, ${byKind('message')}), all ${acked.length} present after every restart`,
					`cut short by a kill: ${log.length - acked.length}, of which ${unackedKept} had committed (kept whole) and ${log.length - acked.length - unackedKept} left nothing`,
					`requests in flight at the kills: mean ${mean(inFlightAtKill).toFixed(1)}, kills with none in flight ${inFlightAtKill.filter((n) => n === 0).length}`
				].join('\n')
			);
			expect(acked.length).toBeGreaterThan(KILLS);
			// Kills must land on writes being made, or the test proves little.
			expect(inFlightAtKill.filter((n) => n > 0).length).toBeGreaterThanOrEqual(KILLS * 0.9);
			await app.stop();
			app = undefined;
		}
	);
});
