/** Sign-up and organization-application floods: limits per address and overall, and the notes administrators see. */
import { describe, expect, it } from 'vitest';
import { FloodGate, recentBursts } from '$lib/server/auth/floods';
import type { Db } from '$lib/server/db';
import { eachTestDb } from '../helpers/db';

let db: Db;
eachTestDb((made) => (db = made));

const MIN = 60_000;

describe('the flood gate', () => {
	it('holds one address to its limit and lets others through', async () => {
		const gate = new FloodGate('sign_up_burst', 3, 100);
		const t = 10 * MIN;
		for (let i = 0; i < 3; i++) {
			expect(await gate.wait(db, '10.0.0.1', t + i)).toBe(0);
			await gate.record(db, '10.0.0.1', t + i);
		}
		const wait = await gate.wait(db, '10.0.0.1', t + MIN);
		expect(wait).toBe(15 * MIN - MIN);
		expect(await gate.wait(db, '10.0.0.2', t + MIN)).toBe(0);
		// The window slides: 15 minutes after the first, the address may try again.
		expect(await gate.wait(db, '10.0.0.1', t + 15 * MIN + 1)).toBe(0);
	});

	it('holds everyone together to the overall limit', async () => {
		const gate = new FloodGate('org_application_burst', 100, 5);
		for (let i = 0; i < 5; i++) await gate.record(db, `10.0.1.${i}`, i);
		expect(await gate.wait(db, '10.0.2.1', 10)).toBeGreaterThan(0);
	});

	it('tells administrators of a burst once per limit and window, with no address', async () => {
		const gate = new FloodGate('sign_up_burst', 1, 3);
		await gate.record(db, '10.0.0.1', 0);
		for (let i = 0; i < 5; i++)
			expect(await gate.wait(db, '10.0.0.1', 1_000 + i)).toBeGreaterThan(0);
		await gate.record(db, '10.0.0.2', 2_000);
		await gate.record(db, '10.0.0.3', 2_000);
		expect(await gate.wait(db, '10.0.0.4', 3_000)).toBeGreaterThan(0);
		const rows = await db.selectFrom('audit_event').selectAll().orderBy('at').execute();
		expect(
			rows.map((r) => [r.action, r.object_id, r.actor_id, r.actor_org_id, Number(r.at)])
		).toEqual([
			['sign_up_burst', 'per_address', null, null, 1_000],
			['sign_up_burst', 'overall', null, null, 3_000]
		]);
		expect(await recentBursts(db, 4_000)).toEqual([
			{ what: 'sign_up', scope: 'overall', at: 3_000 },
			{ what: 'sign_up', scope: 'per_address', at: 1_000 }
		]);
		// Within the window, no second note; in a new window, a new note.
		await gate.record(db, '10.0.0.5', 10 * MIN);
		expect(await gate.wait(db, '10.0.0.5', 10 * MIN + 1)).toBeGreaterThan(0);
		expect(await db.selectFrom('audit_event').selectAll().execute()).toHaveLength(2);
		await gate.record(db, '10.0.0.1', 30 * MIN);
		expect(await gate.wait(db, '10.0.0.1', 30 * MIN + 1)).toBeGreaterThan(0);
		expect(await db.selectFrom('audit_event').selectAll().execute()).toHaveLength(3);
	});
});
