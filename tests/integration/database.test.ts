import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUp } from '$lib/server/accounts/sign-in';
import {
	backupDatabase,
	checkIntegrity,
	openDatabase,
	restoreDatabase,
	type Db
} from '$lib/server/db';
import { checkHealth } from '$lib/server/health';
import { BundledMigrationProvider } from '$lib/server/migrate';
import { freshSqliteDb } from '../helpers/db';

let db: Db;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, file, cleanup } = await freshSqliteDb()));
afterEach(() => cleanup());

describe('the database', () => {
	it('runs with WAL, foreign keys, a busy timeout and full sync', async () => {
		const pragma = async (name: string) =>
			Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
		await expect(pragma('journal_mode')).resolves.toBe('wal');
		await expect(pragma('foreign_keys')).resolves.toBe(1);
		await expect(pragma('busy_timeout')).resolves.toBe(5000);
		await expect(pragma('synchronous')).resolves.toBe(2);
	});

	it('reports healthy when migrated, and pending migrations otherwise', async () => {
		expect(await checkHealth(db, new BundledMigrationProvider())).toEqual({
			ok: true,
			database: 'reachable',
			migrations: 'current',
			pending: []
		});
		const empty = openDatabase(path.join(path.dirname(file), 'empty.sqlite'));
		const health = await checkHealth(empty, new BundledMigrationProvider());
		expect(health).toMatchObject({ ok: false, database: 'reachable', migrations: 'pending' });
		expect(health.pending).toContain('0001_accounts');
		await empty.destroy();
	});

	it('backs up online and restores only a file that passes its integrity check', async () => {
		await signUp(
			db,
			{
				username: 'kept',
				password: 'backup me safely please',
				kind: 'learner',
				background: null,
				locale: 'my'
			},
			'x'
		);
		const copy = path.join(path.dirname(file), 'copy.sqlite');
		await backupDatabase(file, copy); // while `db` is still open
		expect(checkIntegrity(copy)).toEqual([]);

		const broken = path.join(path.dirname(file), 'broken.sqlite');
		fs.writeFileSync(broken, 'this is not a database');
		const live = path.join(path.dirname(file), 'live.sqlite');
		fs.copyFileSync(copy, live);
		expect(() => restoreDatabase(broken, live)).toThrow();
		expect(checkIntegrity(live)).toEqual([]);

		const target = path.join(path.dirname(file), 'restored.sqlite');
		restoreDatabase(copy, target);
		const restored = openDatabase(target);
		expect(await restored.selectFrom('user').select('username').execute()).toEqual([
			{ username: 'kept' }
		]);
		await restored.destroy();
	});

	it('refuses rows that break a foreign key', async () => {
		await expect(
			db
				.insertInto('session')
				.values({
					id: 'x',
					user_id: 'missing',
					browser: 'x',
					created_at: 0,
					expires_at: 0,
					last_seen_at: 0
				})
				.execute()
		).rejects.toThrow(/FOREIGN KEY/);
	});
});
