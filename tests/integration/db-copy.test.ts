/**
 * Moving an SQLite install to PostgreSQL (`npm run copy-to-postgres`): every table copied whole,
 * or nothing. The target is the test database (PostgreSQL with TEST_DATABASE_URL, otherwise a
 * second SQLite file, through the same Kysely writes).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '$lib/server/accounts/sign-in';
import { searchCourses } from '$lib/server/courses/catalogue';
import type { Db } from '$lib/server/db';
import { copyDatabase } from '$lib/server/db-copy';
import { rankCandidates } from '$lib/server/matching/candidates';
import { freshDb, freshSqliteDb } from '../helpers/db';
import { refuseInserts } from '../helpers/engine';
import { findEverywhere, makeWorld, PASSWORD, type World } from '../helpers/people';

let source: Db;
let target: Db;
let world: World;
let cleanups: (() => Promise<void>)[] = [];
beforeEach(async () => {
	const from = await freshSqliteDb();
	const to = await freshDb();
	cleanups = [from.cleanup, to.cleanup];
	source = from.db;
	target = to.db;
	world = await makeWorld(source);
});
afterEach(async () => {
	for (const cleanup of cleanups) await cleanup();
});

const users = async (db: Db) => (await db.selectFrom('user').select('id').execute()).length;

describe('copying an SQLite database', () => {
	it('copies every table whole: the same rows, and the app works on the copy', async () => {
		const report = await copyDatabase(source, target);
		const rows = Object.fromEntries(report.tables.map((t) => [t.name, t.rows]));
		expect(rows.user).toBe(await users(source));
		expect(rows.application_message).toBeGreaterThan(0);
		expect(rows.course_search).toBe(1);
		// Parents before the rows that name them.
		const order = report.tables.map((t) => t.name);
		expect(order.indexOf('user')).toBeLessThan(order.indexOf('application'));
		expect(order.indexOf('role')).toBeLessThan(order.indexOf('application'));

		for (const words of world.textsOfA) expect(await findEverywhere(target, words)).not.toEqual([]);
		expect(
			(await signIn(target, { username: world.learnerA.username, password: PASSWORD }, 'x')).ok
		).toBe(true);
		expect(await searchCourses(target, 'သွေး')).toEqual(['first-aid-basics']);
		const ranked = await rankCandidates(target, world.owner.userId, world.roles.clinic, 'en');
		expect(ranked.ok && ranked.candidates.length).toBeGreaterThan(0);
	});

	it('leaves the target empty when a write fails part way, and refuses a target with rows', async () => {
		const allow = await refuseInserts(target, 'application_message', 'disk full');
		await expect(copyDatabase(source, target)).rejects.toThrow(/disk full/);
		expect(await users(target)).toBe(0);
		await allow();
		await copyDatabase(source, target);
		await expect(copyDatabase(source, target)).rejects.toThrow(/already has rows in/);
	});
});
