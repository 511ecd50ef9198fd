/** What an operator relies on: warm restarts, online backups, safe restores, clean shutdown. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app';
import { Client } from './support';

// Its own servers beside the suite's (E2E_PORT): PORT and PORT + 1.
const PORT = Number(process.env.E2E_PORT ?? 3111) + 1;

function run(script: string, args: string[], databasePath: string) {
	return spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], {
		env: { ...process.env, DATABASE_PATH: databasePath },
		encoding: 'utf8'
	});
}

describe('running Lanpya', () => {
	it('restarts without rebuilding, backs up while serving, shuts down cleanly and restores only sound files', async () => {
		const app = await startApp(PORT);
		expect(app.output()).not.toContain('Building');
		const dir = path.dirname(app.databasePath);

		const client = new Client();
		const base = app.baseUrl;
		const response = await fetch(`${base}/signup`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: base,
				cookie: `lang=${client.locale}`
			},
			body: new URLSearchParams({
				username: 'backed-up',
				password: 'keep a copy somewhere',
				kind: 'learner'
			}),
			redirect: 'manual'
		});
		expect(response.status).toBe(200);

		// Online backup while the app serves.
		const backup = path.join(dir, 'backup.sqlite');
		const made = run('backup', [backup], app.databasePath);
		expect(made.status, made.stderr).toBe(0);
		const copy = new Database(backup, { readonly: true });
		expect(copy.prepare('select username from user').all()).toEqual([{ username: 'backed-up' }]);
		copy.close();

		// SIGTERM: exits 0, and the WAL is folded back into the database file.
		expect(await app.stop()).toBe(0);
		expect(
			fs.existsSync(`${app.databasePath}-wal`) ? fs.statSync(`${app.databasePath}-wal`).size : 0
		).toBe(0);

		// A broken file is refused and the live database is untouched.
		const broken = path.join(dir, 'broken.sqlite');
		fs.writeFileSync(broken, 'SQLite format 3\0 but not really');
		const before = fs.readFileSync(app.databasePath);
		const refused = run('restore', [broken], app.databasePath);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('Nothing was changed');
		expect(fs.readFileSync(app.databasePath).equals(before)).toBe(true);

		// A sound backup replaces it.
		const live = new Database(app.databasePath);
		live.prepare('delete from user').run();
		live.close();
		const restored = run('restore', [backup], app.databasePath);
		expect(restored.status, restored.stderr).toBe(0);
		const check = new Database(app.databasePath, { readonly: true });
		expect(check.prepare('select username from user').all()).toEqual([{ username: 'backed-up' }]);
		check.close();

		// And the app comes back on it.
		const again = await startApp(PORT, app.databasePath);
		expect(await (await fetch(`${again.baseUrl}/healthz`)).json()).toMatchObject({ ok: true });
		expect(await again.stop()).toBe(0);
	});

	it('limits failed sign-ins per address and name: one noisy address never locks out the names it did not try', async () => {
		const app = await startApp(PORT + 1, undefined, { SIGN_IN_LIMIT_PER_ADDRESS: '3' });
		const post = (path: string, form: Record<string, string>) =>
			fetch(`${app.baseUrl}${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: app.baseUrl,
					cookie: 'lang=en'
				},
				body: new URLSearchParams(form),
				redirect: 'manual'
			});
		expect(
			(
				await post('/signup', {
					username: 'neighbour',
					password: 'green tea and rice',
					kind: 'learner'
				})
			).status
		).toBe(200);
		// Three failures on one name from this address (below the name's own lock of 6)...
		for (let i = 0; i < 3; i++)
			expect((await post('/signin', { username: 'one', password: `guessing ${i}` })).status).toBe(
				400
			);
		const fourth = await post('/signin', { username: 'one', password: 'guessing again' });
		expect(fourth.status).toBe(429);
		expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
		// ...hold that name from this address, not the others behind it.
		expect((await post('/signin', { username: 'neighbour', password: 'a typo' })).status).toBe(400);
		expect(
			(await post('/signin', { username: 'neighbour', password: 'green tea and rice' })).status
		).toBe(303);
		expect(await app.stop()).toBe(0);
	});

	it('makes an administrator only through the command, refusing a taken or invalid name', () => {
		const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'lanpya-admin-'));
		const databasePath = path.join(dir, 'admin.sqlite');
		const first = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', 'root-admin'], {
			env: { ...process.env, DATABASE_PATH: databasePath },
			encoding: 'utf8'
		});
		expect(first).toMatch(/One-time password: \S{20,}/);
		expect(run('admin-create', ['ROOT-ADMIN'], databasePath).status).toBe(1);
		expect(run('admin-create', ['<bad name>'], databasePath).status).toBe(2);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
