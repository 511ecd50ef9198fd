/**
 * Backup drill (issue 7, part 4): `npm run backup -- FILE` while learners write to the live
 * server, then `npm run restore -- FILE` into a new database file, as an operator would.
 *
 * What "the moment of the backup" means, and how it is proven: every write is timed (sent,
 * acknowledged). The restored database must hold every write acknowledged before the backup
 * started, none sent after it ended, and be a consistent cut: a write it holds was never sent
 * after the acknowledgement of one it lacks. Each write adds known rows (progress: a sync event
 * and a quiz attempt; an application and its first history entry; a message), so the count of
 * every table must equal the count before the writes began plus what the writes it holds add,
 * which the live database, checked the same way at the end, shows to be the whole effect.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/lib/server/db';
import { startApp, type App } from '../helpers/app';
import {
	openRoles,
	seeded,
	sendWrite,
	signUpLearners,
	tableCounts,
	tokensIn,
	type Write,
	type WriteKind
} from './support';

const PORT = Number(process.env.BACKUP_PORT ?? 3613);
const LEARNERS = 4;
const run = promisify(execFile);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-backup-'));
const databasePath = path.join(dir, 'live.sqlite');
const backupPath = path.join(dir, 'copies', 'backup.sqlite');
const restoredPath = path.join(dir, 'restored', 'restored.sqlite');
let app: App | undefined;

afterAll(async () => {
	await app?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** The rows each kind of write adds, by table. */
const ROWS: Record<WriteKind, Record<string, number>> = {
	progress: { sync_event: 1, quiz_attempt: 1 },
	application: { application: 1, application_event: 1 },
	message: { application_message: 1 }
};

function expectedCounts(baseline: Record<string, number>, writes: Write[]): Record<string, number> {
	const counts = { ...baseline };
	for (const write of writes)
		for (const [table, rows] of Object.entries(ROWS[write.kind])) counts[table] += rows;
	return counts;
}

it('backs up a consistent moment while learners write, and the restored copy has exactly that moment', async () => {
	app = await startApp(PORT, databasePath, {
		SIGN_IN_LIMIT_PER_ADDRESS: '1000',
		SIGN_UP_LIMIT_PER_ADDRESS: '1000',
		SIGN_UP_LIMIT_TOTAL: '1000'
	});
	const roles = await openRoles(app.baseUrl, databasePath, 6);
	const learners = await signUpLearners(app.baseUrl, databasePath, LEARNERS, roles);
	const warmUp: Write[] = [];
	// First of each: enrols in the course and opens a thread, rows no later write adds again.
	for (const learner of learners) {
		await sendWrite(learner, 'progress', `first-p${learner.index}`, warmUp);
		await sendWrite(learner, 'application', `first-a${learner.index}`, warmUp);
	}
	expect(warmUp.every((w) => w.ackedAt !== undefined)).toBe(true);
	const baseline = tableCounts(databasePath);

	const choose = seeded(7);
	const log: Write[] = [];
	let live = true;
	let sequence = 0;
	const writers = learners.map(async (learner) => {
		while (live) {
			const r = choose();
			const kind: WriteKind = r < 0.5 ? 'progress' : r < 0.6 ? 'application' : 'message';
			await sendWrite(learner, kind, `w${learner.index}-${sequence++}`, log);
		}
	});
	const until = async (count: number) => {
		while (log.filter((w) => w.ackedAt !== undefined).length < count)
			await new Promise((resolve) => setTimeout(resolve, 10));
	};
	await until(20);

	const spawned = performance.now();
	// The copy begins when the script says so, after its start-up: that is the earliest moment it can hold.
	let backupStarted = Infinity;
	let backupEnded = Infinity;
	let backup: { stdout: string };
	try {
		backup = await new Promise<{ stdout: string }>((resolve, reject) => {
			const child = spawn('npm', ['run', 'backup', '--', backupPath], {
				env: { ...process.env, DATABASE_PATH: databasePath }
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => {
				stdout += chunk;
				if (backupStarted === Infinity && stdout.includes('Copying '))
					backupStarted = performance.now();
			});
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('exit', (code) =>
				code === 0
					? resolve({ stdout })
					: reject(new Error(`npm run backup exited with ${code}: ${stdout}${stderr}`))
			);
		});
		backupEnded = performance.now();
		const ackedBefore = log.filter((w) => w.ackedAt !== undefined).length;
		await until(ackedBefore + 20);
	} finally {
		live = false;
		await Promise.all(writers);
	}
	expect(backup.stdout).toMatch(/integrity ok/);

	const restore = await run('npm', ['run', 'restore', '--', backupPath], {
		env: { ...process.env, DATABASE_PATH: restoredPath },
		encoding: 'utf8'
	});
	expect(restore.stdout).toMatch(/Restored/);
	expect(checkIntegrity(backupPath)).toEqual([]);
	expect(checkIntegrity(restoredPath)).toEqual([]);

	expect(
		log.every((w) => w.ackedAt !== undefined),
		'every write of the drill acknowledged'
	).toBe(true);
	const present = await tokensIn(restoredPath);
	const held = log.filter((w) => present[w.kind].has(w.token));
	const lacked = log.filter((w) => !present[w.kind].has(w.token));
	const before = log.filter((w) => w.ackedAt! < backupStarted);
	const after = log.filter((w) => w.sentAt > backupEnded);
	expect(
		before.filter((w) => !present[w.kind].has(w.token)).map((w) => w.token),
		'acknowledged before the backup began, missing'
	).toEqual([]);
	expect(
		after.filter((w) => present[w.kind].has(w.token)).map((w) => w.token),
		'sent after the backup ended, present'
	).toEqual([]);
	const firstLackedAck = Math.min(...lacked.map((w) => w.ackedAt!));
	expect(
		held.filter((w) => w.sentAt > firstLackedAck).map((w) => w.token),
		'held although sent after a lacked write was acknowledged'
	).toEqual([]);
	expect(before.length).toBeGreaterThan(0);
	expect(after.length).toBeGreaterThan(0);

	expect(tableCounts(restoredPath)).toEqual(expectedCounts(baseline, held));
	// The same account of rows holds for the live database with every write: the table of rows per write is complete.
	expect(tableCounts(databasePath)).toEqual(expectedCounts(baseline, log));
	const livePresent = await tokensIn(databasePath);
	expect(log.filter((w) => !livePresent[w.kind].has(w.token)).map((w) => w.token)).toEqual([]);

	const during = log.length - before.length - after.length;
	console.log(
		`backup drill: ${log.length} writes acknowledged (${before.length} before the backup began, ${after.length} sent after it ended, ${during} overlapping it); ` +
			`the copy holds ${held.length}; npm run backup took ${((backupEnded - spawned) / 1000).toFixed(1)} s, the copy and its check ${(backupEnded - backupStarted).toFixed(0)} ms (${backup.stdout.match(/\((\d+) bytes/)?.[1]} bytes); ` +
			`tables ${Object.keys(baseline).length}, rows in the copy ${Object.values(tableCounts(restoredPath)).reduce((a, b) => a + b, 0)}`
	);
});
