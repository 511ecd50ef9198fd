/**
 * The server's start, compiled with its migrations to build/start.js (scripts/build-start.ts) and
 * run by `npm start` (scripts/launch.js), which builds first when needed: migrate, load starter
 * data into an empty database, then serve.
 *
 * With `WORKERS` above 1 this process migrates, then starts that many server processes
 * (node:cluster) that share the port and the database: each keeps its own matching memory, fed
 * by the change notes; everything else they share lives in the database (docs/architecture.md,
 * "Several processes"). A worker that dies is started again. On SIGTERM or SIGINT every worker
 * answers what it has taken, closes its database and exits, then this process exits.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db';
import { BundledMigrationProvider, migrateToLatest } from '../src/lib/server/migrate';
import { ensureSigningKey } from '../src/lib/server/courses/signing-keys';
import { loadStarterData } from './lib/starter-data';
import { serve } from './serve';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** A worker that dies sooner than this after its start waits this long before it starts again, so a fault at start cannot spin the machine. */
const STEADY_MS = 5000;

/** Migrations, starter data and the signing key: once, before any process serves. */
async function prepare(): Promise<void> {
	const db = getDb();
	const migrated = await migrateToLatest(db, new BundledMigrationProvider());
	for (const r of migrated.results ?? []) console.log(`migrated ${r.migrationName}`);
	await loadStarterData(db);
	// The key that signs course files passed from phone to phone, kept (and backed up) with the data.
	await ensureSigningKey(db);
	await closeDb();
}

/** Serves in this process until a signal, then closes (the database last) and exits 0. */
async function serveHere(announce: boolean): Promise<void> {
	const running = await serve();
	// performance.now() counts from the process's start, so this includes launch.js and any build.
	if (announce)
		console.log(
			`Lanpya is serving ${config.origin} (listening on ${running.url}, database ${config.databaseShown}) after ${Math.round(performance.now())} ms`
		);
	let closing = false;
	for (const signal of SIGNALS) {
		// Every signal after the first is ignored: Ctrl-C reaches the workers and their primary
		// alike, and the primary passes it on as well.
		process.on(signal, async () => {
			if (closing) return;
			closing = true;
			if (announce) console.log(`${signal}: closing…`);
			await running.close();
			process.exit(0);
		});
	}
}

/** The primary of several workers: starts them, starts again any that dies, stops them all on a signal. */
function superviseWorkers(count: number): void {
	let stopping = false;
	let failed = false;
	const startedAt = new Map<Worker, number>();
	/** Workers that have opened the port. */
	const serving = new Set<Worker>();
	let listening = 0;
	// Every worker accepts from the one listening socket, and the kernel gives each new connection
	// to whichever takes it first. Node's default on Linux, this process accepting and passing
	// connections to the workers in turn, loses the ones it passes to a worker that has just died
	// before it learns of the death: they stay open and are never answered (about every other
	// kill in tests/faults/processes.test.ts). Must be set before the first fork.
	cluster.schedulingPolicy = cluster.SCHED_NONE;
	// Workers run this file itself, not `npm start`'s launcher: nothing to build or check again.
	cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
	const start = () => {
		if (stopping) return;
		const worker = cluster.fork();
		startedAt.set(worker, performance.now());
		worker.on('exit', (code, signal) => {
			const lived = performance.now() - (startedAt.get(worker) ?? 0);
			startedAt.delete(worker);
			const served = serving.delete(worker);
			if (stopping) {
				// One still starting had taken no request: the signal may end it before its handler is set.
				if (code !== 0 && served) failed = true;
				if (startedAt.size === 0) process.exit(failed ? 1 : 0);
				return;
			}
			console.error(
				`A server process stopped (${signal ?? `exit ${code}`}); starting another${lived < STEADY_MS ? ` in ${STEADY_MS / 1000} s` : ''}`
			);
			setTimeout(start, lived < STEADY_MS ? STEADY_MS : 0);
		});
	};
	cluster.on('listening', (worker, address) => {
		serving.add(worker);
		if (++listening !== count) return;
		console.log(
			`Lanpya is serving ${config.origin} (listening on http://${config.host}:${address.port} with ${count} processes, database ${config.databaseShown}) after ${Math.round(performance.now())} ms`
		);
	});
	for (let i = 0; i < count; i++) start();
	for (const signal of SIGNALS) {
		process.on(signal, () => {
			if (stopping) return;
			stopping = true;
			console.log(`${signal}: closing ${startedAt.size} processes…`);
			if (startedAt.size === 0) process.exit(0);
			for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
		});
	}
}

if (cluster.isPrimary) {
	await prepare();
	const workers = config.workers;
	if (workers === 1) await serveHere(true);
	else superviseWorkers(workers);
} else {
	await serveHere(false);
}
