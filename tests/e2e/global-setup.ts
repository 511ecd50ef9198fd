/**
 * Starts the built app the way people run it (`npm start`'s script) on a fresh database in a
 * temporary folder, and stops it after the suite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startArguments } from '../helpers/app';
import { NEUTRAL_SITE } from './neutral-site';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		databasePath: string;
		/** How long a shared phone's session may stay idle on the test server. */
		sharedIdleMs: number;
		/** How long the disguise's code holds without use on the test server. */
		pinIdleMs: number;
	}
}

let server: ChildProcess | undefined;
/** Short, so the tests of shared phones can wait for the lock (only shared sessions lock). */
const SHARED_IDLE_SECONDS = 6;
/** Short too, so the tests of the disguise's code can wait for it (only accounts with a code lock). */
const PIN_IDLE_SECONDS = 8;
let dir: string;

export async function setup(project: TestProject) {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-e2e-'));
	const port = Number(process.env.E2E_PORT ?? 3111);
	const baseUrl = `http://127.0.0.1:${port}`;
	const databasePath = path.join(dir, 'e2e.sqlite');
	const busy = await fetch(`${baseUrl}/healthz`).then(
		() => true,
		() => false
	);
	if (busy) throw new Error(`port ${port} is already in use: stop the other server first`);
	server = spawn(process.execPath, startArguments(), {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			DATABASE_PATH: databasePath,
			SIGN_IN_LIMIT_PER_ADDRESS: '1000',
			// The suite signs up hundreds of accounts and organizations from one address.
			SIGN_UP_LIMIT_PER_ADDRESS: '100000',
			SIGN_UP_LIMIT_TOTAL: '100000',
			// A name that never resolves: the tests answer it themselves, so leaving reaches no one.
			QUICK_EXIT_URL: NEUTRAL_SITE,
			SHARED_IDLE_SECONDS: String(SHARED_IDLE_SECONDS),
			PIN_IDLE_SECONDS: String(PIN_IDLE_SECONDS)
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`the app exited with ${server.exitCode}`);
		try {
			if ((await fetch(`${baseUrl}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('the app did not start');
		await new Promise((r) => setTimeout(r, 250));
	}
	project.provide('baseUrl', baseUrl);
	project.provide('databasePath', databasePath);
	project.provide('sharedIdleMs', SHARED_IDLE_SECONDS * 1000);
	project.provide('pinIdleMs', PIN_IDLE_SECONDS * 1000);
}

export async function teardown() {
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server!.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	fs.rmSync(dir, { recursive: true, force: true });
}
