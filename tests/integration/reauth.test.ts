/**
 * What someone holding an open session must not do alone: new recovery codes, signing out
 * everywhere, showing the profile to more organizations, deleting the account. Each asks for the
 * current password, and wrong ones count toward one lock.
 */
import { describe, expect, it } from 'vitest';
import {
	codesReplacedAt,
	newRecoveryCodes,
	resetWithRecoveryCode,
	signOutEverywhere
} from '$lib/server/accounts/credentials';
import { signUp } from '$lib/server/accounts/sign-in';
import { deleteOwnAccount } from '$lib/server/accounts/erase';
import { createSession } from '$lib/server/auth/session';
import { LOCK_MS } from '$lib/server/auth/throttle';
import { changeProfileDetails } from '$lib/server/skills/profile';
import type { Db } from '$lib/server/db';
import { eachTestDb } from '../helpers/db';

let db: Db;
eachTestDb((made) => (db = made));

const PASSWORD = 'river crossing at night';

async function learner(name = 'ThanThan') {
	const made = await signUp(
		db,
		{ username: name, password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
		'x',
		1_000
	);
	if (!made.ok) throw new Error(made.error);
	return made;
}

describe('new recovery codes', () => {
	it("are refused without the right password, and the holder's codes keep working", async () => {
		const made = await learner();
		expect(await newRecoveryCodes(db, made.userId, 'a guess', 2_000)).toEqual({
			ok: false,
			error: 'wrong_password'
		});
		expect(await newRecoveryCodes(db, made.userId, '', 2_000)).toEqual({
			ok: false,
			error: 'wrong_password'
		});
		expect(await codesReplacedAt(db, made.userId)).toBeNull();
		expect(
			(
				await resetWithRecoveryCode(
					db,
					{ username: 'ThanThan', code: made.recoveryCodes[0], password: 'a new river song' },
					'x'
				)
			).ok
		).toBe(true);
	});

	it('with the password: 10 new codes, the old ones void, recorded with the date', async () => {
		const made = await learner();
		const result = await newRecoveryCodes(db, made.userId, PASSWORD, 5_000);
		if (!result.ok) throw new Error(result.error);
		expect(new Set(result.codes).size).toBe(10);
		expect(await codesReplacedAt(db, made.userId)).toBe(5_000);
		const audit = await db
			.selectFrom('audit_event')
			.select(['actor_id', 'action', 'object_id', 'at'])
			.where('action', '=', 'recovery_codes_replaced')
			.execute();
		expect(audit).toEqual([
			{ actor_id: made.userId, action: 'recovery_codes_replaced', object_id: null, at: 5_000 }
		]);
		expect(
			(
				await resetWithRecoveryCode(
					db,
					{ username: 'ThanThan', code: made.recoveryCodes[0], password: 'a new river song' },
					'x'
				)
			).ok
		).toBe(false);
		expect(
			(
				await resetWithRecoveryCode(
					db,
					{ username: 'ThanThan', code: result.codes[0], password: 'a new river song' },
					'x'
				)
			).ok
		).toBe(true);
	});

	it('share one lock with deleting the account: 6 wrong passwords lock both, even the right one', async () => {
		const made = await learner();
		for (let i = 0; i < 3; i++)
			expect((await newRecoveryCodes(db, made.userId, `guess ${i}`, 10_000)).ok).toBe(false);
		for (let i = 0; i < 2; i++)
			expect(await deleteOwnAccount(db, made.userId, `guess ${i}`, 10_000)).toEqual({
				ok: false,
				error: 'wrong_password'
			});
		const sixth = await signOutEverywhere(db, made.userId, 'none', 'guess 6', 10_000);
		expect(sixth).toEqual({ ok: false, error: 'locked', retryAfterMs: LOCK_MS });
		expect(await newRecoveryCodes(db, made.userId, PASSWORD, 20_000)).toEqual({
			ok: false,
			error: 'locked',
			retryAfterMs: LOCK_MS - 10_000
		});
		expect((await deleteOwnAccount(db, made.userId, PASSWORD, 20_000)).ok).toBe(false);
		expect(await db.selectFrom('user').select('id').execute()).toHaveLength(1);
		expect((await newRecoveryCodes(db, made.userId, PASSWORD, 10_000 + LOCK_MS + 1)).ok).toBe(true);
	});
});

describe('signing out everywhere', () => {
	it('needs the password, and then ends every other session', async () => {
		const made = await learner();
		const current = await createSession(db, made.userId, 'x');
		await createSession(db, made.userId, 'y');
		expect(await signOutEverywhere(db, made.userId, current.session.id, 'a guess')).toEqual({
			ok: false,
			error: 'wrong_password'
		});
		expect(await db.selectFrom('session').select('id').execute()).toHaveLength(3);
		expect(await signOutEverywhere(db, made.userId, current.session.id, PASSWORD)).toEqual({
			ok: true
		});
		expect((await db.selectFrom('session').select('id').execute()).map((s) => s.id)).toEqual([
			current.session.id
		]);
	});
});

describe('who may see the profile', () => {
	const details = {
		area: 'mae_sot' as const,
		remote: false,
		availability: ['volunteer' as const],
		interests: []
	};
	const visibility = async (userId: string) =>
		(
			await db
				.selectFrom('learner_profile')
				.select('visibility')
				.where('user_id', '=', userId)
				.executeTakeFirst()
		)?.visibility ?? 'hidden';

	it('is widened only with the password; kept or narrowed without', async () => {
		const made = await learner();
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'vetted' }, null)
		).toEqual({ ok: false, error: 'password_needed' });
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'applied' }, 'a guess')
		).toEqual({ ok: false, error: 'wrong_password' });
		expect(await visibility(made.userId)).toBe('hidden');
		// Hidden stays hidden without the password (other details change).
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'hidden' }, null)
		).toEqual({ ok: true });
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'applied' }, PASSWORD)
		).toEqual({ ok: true });
		expect(await visibility(made.userId)).toBe('applied');
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'vetted' }, null)
		).toEqual({ ok: false, error: 'password_needed' });
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'vetted' }, PASSWORD)
		).toEqual({ ok: true });
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'applied' }, null)
		).toEqual({ ok: true });
		expect(
			await changeProfileDetails(db, made.userId, { ...details, visibility: 'hidden' }, null)
		).toEqual({ ok: true });
		expect(await visibility(made.userId)).toBe('hidden');
	});
});
