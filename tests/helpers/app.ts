import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { isPostgresUrl } from '../../src/lib/server/config';

export interface App {
	baseUrl: string;
	process: ChildProcess;
	/** Milliseconds from spawning `npm start`'s script to its first healthy answer. */
	startedMs: number;
	/** The SQLite file, or the PostgreSQL database's address (postgres://...). */
	databasePath: string;
	output: () => string;
	stop(): Promise<number | null>;
}

/**
 * `npm start`'s command (package.json) without npm: the arguments to give this Node, so the tests
 * and benchmarks start the server exactly as production does, and a signal reaches the server.
 */
export function startArguments(): string[] {
	const [program, ...args] = packageJson.scripts.start.split(' ');
	if (program !== 'node') throw new Error(`npm start runs ${program}, not node`);
	return args;
}

/** The environment that points a process (the server, a command) at the database `location`. */
export const databaseEnv = (location: string): Record<string, string> =>
	isPostgresUrl(location)
		? { DATABASE_URL: location }
		: { DATABASE_PATH: location, DATABASE_URL: '' };

/**
 * Runs `npm start`'s script on its own port and database (an SQLite file, or a PostgreSQL
 * address); resolves at the first healthy answer.
 */
export async function startApp(
	port: number,
	databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-app-')), 'app.sqlite'),
	env: Record<string, string> = {}
): Promise<App> {
	const baseUrl = `http://127.0.0.1:${port}`;
	const started = performance.now();
	const busy = await fetch(`${baseUrl}/healthz`).then(
		() => true,
		() => false
	);
	if (busy) throw new Error(`port ${port} is already in use: stop the other server first`);
	const child = spawn(process.execPath, startArguments(), {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			...databaseEnv(databasePath),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`the app exited with ${child.exitCode}: ${output}`);
		try {
			if ((await fetch(`${baseUrl}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`the app did not start: ${output}`);
		await new Promise((r) => setTimeout(r, 20));
	}
	return {
		baseUrl,
		process: child,
		startedMs: performance.now() - started,
		databasePath,
		output: () => output,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve(child.exitCode);
				child.once('exit', (code) => resolve(code));
				child.kill('SIGTERM');
			})
	};
}
