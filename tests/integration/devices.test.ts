/** Device cookies: a browser that signed in before is not locked out by a stranger's guesses. */
import { describe, expect, it } from 'vitest';
import { resetWithRecoveryCode, signOutEverywhere } from '$lib/server/accounts/credentials';
import { signIn, signUp, usernameKey } from '$lib/server/accounts/sign-in';
import { recognizedDevice } from '$lib/server/auth/devices';
import { LOCK_MS } from '$lib/server/auth/throttle';
import type { Db } from '$lib/server/db';
import { eachTestDb } from '../helpers/db';

let db: Db;
eachTestDb((made) => (db = made));

const PASSWORD = 'river crossing at night';
const lockName = async (name: string, now: number) => {
	for (let i = 0; i < 6; i++)
		await signIn(db, { username: name, password: `guess ${i}` }, 'x', now);
};

describe('a trusted browser', () => {
	it('is made at sign-up and sign-in, never for a shared phone, and holds only a random token', async () => {
		const made = await signUp(
			db,
			{ username: 'ThanThan', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
			'x'
		);
		if (!made.ok) throw new Error(made.error);
		expect(made.deviceToken).toMatch(/^[a-z2-7]{32}$/);
		const shared = await signIn(
			db,
			{ username: 'thanthan', password: PASSWORD, shared: true },
			'x'
		);
		expect(shared.ok && shared.deviceToken).toBeNull();
		const rows = await db.selectFrom('trusted_device').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).not.toContain(made.deviceToken!);
	});

	it("signs in through a stranger's lock on the name, which keeps holding other browsers", async () => {
		const made = await signUp(
			db,
			{ username: 'ThanThan', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
			'x',
			1_000
		);
		if (!made.ok) throw new Error(made.error);
		await lockName('ThanThan', 2_000);
		expect(
			await signIn(db, { username: 'ThanThan', password: PASSWORD }, 'x', 3_000)
		).toMatchObject({ ok: false, error: 'locked' });
		const device = await recognizedDevice(db, [made.deviceToken!], usernameKey('thanthan'), 3_000);
		expect(device).not.toBeNull();
		const trusted = await signIn(
			db,
			{ username: 'ThanThan', password: PASSWORD },
			'x',
			3_000,
			device
		);
		expect(trusted.ok).toBe(true);
		expect(trusted.ok && trusted.deviceToken).toBe(made.deviceToken);
		expect(
			await signIn(db, { username: 'ThanThan', password: PASSWORD }, 'x', 4_000)
		).toMatchObject({ ok: false, error: 'locked', retryAfterMs: LOCK_MS - 2_000 });
	});

	it('is recognized only for its own account, and the same way for names with no account', async () => {
		const a = await signUp(
			db,
			{ username: 'ThanThan', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
			'x'
		);
		await signUp(
			db,
			{ username: 'AungAung', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
			'x'
		);
		if (!a.ok) throw new Error(a.error);
		expect(await recognizedDevice(db, [a.deviceToken!], usernameKey('AungAung'))).toBeNull();
		expect(await recognizedDevice(db, [a.deviceToken!], usernameKey('nobody-here'))).toBeNull();
		expect(await recognizedDevice(db, ['a'.repeat(32)], usernameKey('ThanThan'))).toBeNull();
	});

	it('loses its trust after 6 wrong passwords of its own, and then waits like any other', async () => {
		const made = await signUp(
			db,
			{ username: 'ThanThan', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
			'x'
		);
		if (!made.ok) throw new Error(made.error);
		await lockName('ThanThan', 1_000);
		for (let i = 0; i < 6; i++) {
			const device = await recognizedDevice(
				db,
				[made.deviceToken!],
				usernameKey('ThanThan'),
				2_000
			);
			expect(device, `attempt ${i}`).not.toBeNull();
			expect(
				await signIn(db, { username: 'ThanThan', password: `guess ${i}` }, 'x', 2_000, device)
			).toEqual({ ok: false, error: 'invalid_credentials' });
		}
		expect(
			await recognizedDevice(db, [made.deviceToken!], usernameKey('ThanThan'), 2_000)
		).toBeNull();
	});

	it('is trusted no more after signing out everywhere or a recovery', async () => {
		const made = await signUp(
			db,
			{ username: 'ThanThan', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
			'x'
		);
		if (!made.ok) throw new Error(made.error);
		const again = await signIn(db, { username: 'ThanThan', password: PASSWORD }, 'x');
		if (!again.ok) throw new Error(again.error);
		expect(await db.selectFrom('trusted_device').select('id').execute()).toHaveLength(2);
		expect(await signOutEverywhere(db, made.userId, 'none', PASSWORD)).toEqual({ ok: true });
		expect(await db.selectFrom('trusted_device').select('id').execute()).toHaveLength(0);
		const fresh = await signIn(db, { username: 'ThanThan', password: PASSWORD }, 'x');
		if (!fresh.ok) throw new Error(fresh.error);
		const reset = await resetWithRecoveryCode(
			db,
			{ username: 'ThanThan', code: made.recoveryCodes[0], password: 'a new river song' },
			'x'
		);
		if (!reset.ok) throw new Error(reset.error);
		expect(await recognizedDevice(db, [fresh.deviceToken!], usernameKey('ThanThan'))).toBeNull();
		expect(
			await recognizedDevice(db, [reset.deviceToken!], usernameKey('ThanThan'))
		).not.toBeNull();
	});
});
