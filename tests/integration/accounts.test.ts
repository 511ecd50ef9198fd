import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changePassword, resetWithRecoveryCode } from '$lib/server/accounts/credentials';
import {
	createAdministrator,
	signIn,
	signUp,
	type SignUpInput
} from '$lib/server/accounts/sign-in';
import { remainingRecoveryCodes, unusedRecoveryCodesAmong } from '$lib/server/auth/recovery';
import { validateSessionToken } from '$lib/server/auth/session';
import { LOCK_MS } from '$lib/server/auth/throttle';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await freshDb()));
afterEach(() => cleanup());

const learner: SignUpInput = {
	username: 'ThanThan',
	password: 'river crossing at night',
	kind: 'learner',
	background: null,
	locale: 'my'
};

describe('sign-up', () => {
	it('needs only a username and password, and stores no personal data', async () => {
		const result = await signUp(db, learner, 'Chrome · Android');
		expect(result.ok).toBe(true);
		const user = await db.selectFrom('user').selectAll().executeTakeFirstOrThrow();
		expect(Object.keys(user).sort()).toEqual(
			[
				'background',
				'created_at',
				'id',
				'kind',
				'last_active_at',
				'locale',
				'must_change_password',
				'password_changed_at',
				'password_hash',
				'pin_hash',
				'username',
				'username_key'
			].sort()
		);
		expect(user.password_hash).not.toContain(learner.password);
		// No code until the learner chooses a disguise and one with it.
		expect(user.pin_hash).toBeNull();
		expect(user.password_hash).toMatch(/^\$argon2id\$/);
	});

	it('gives 10 distinct recovery codes and stores only their hashes', async () => {
		const result = await signUp(db, learner, 'x');
		if (!result.ok) throw new Error(result.error);
		expect(new Set(result.recoveryCodes).size).toBe(10);
		const stored = await db.selectFrom('recovery_code').select('code_hash').execute();
		expect(stored).toHaveLength(10);
		for (const code of result.recoveryCodes) {
			expect(stored.some((s) => s.code_hash.includes(code.replace(/-/g, '')))).toBe(false);
		}
	});

	it('refuses a username that differs only in letter case', async () => {
		await signUp(db, learner, 'x');
		const again = await signUp(db, { ...learner, username: 'thanthan' }, 'x');
		expect(again).toEqual({ ok: false, error: 'username_taken' });
		expect(await db.selectFrom('user').selectAll().execute()).toHaveLength(1);
	});

	it('refuses a common password and writes nothing', async () => {
		const result = await signUp(db, { ...learner, password: 'password123' }, 'x');
		expect(result).toEqual({ ok: false, error: 'password_common' });
		expect(await db.selectFrom('user').selectAll().execute()).toHaveLength(0);
		expect(await db.selectFrom('recovery_code').selectAll().execute()).toHaveLength(0);
	});

	it("refuses a password with the username, the app's name or one repeated character, and writes nothing", async () => {
		for (const [password, error] of [
			['ThanThan is me', 'password_has_username'],
			['lanpya lanpya 1', 'password_has_app_name'],
			['aaaaaaaa', 'password_repeated']
		] as const) {
			expect(await signUp(db, { ...learner, password }, 'x')).toEqual({ ok: false, error });
		}
		expect(await db.selectFrom('user').selectAll().execute()).toHaveLength(0);
		const made = await signUp(db, learner, 'x');
		if (!made.ok) throw new Error(made.error);
		const session = (await db.selectFrom('session').select('id').executeTakeFirstOrThrow()).id;
		const hash = (await db.selectFrom('user').select('password_hash').executeTakeFirstOrThrow())
			.password_hash;
		expect(
			await changePassword(db, made.userId, session, {
				current: learner.password,
				next: 'thanthan-2026'
			})
		).toEqual({ ok: false, error: 'password_has_username' });
		expect(
			await resetWithRecoveryCode(
				db,
				{ username: 'ThanThan', code: made.recoveryCodes[0], password: 'zzzzzzzzzz' },
				'x'
			)
		).toEqual({ ok: false, error: 'password_repeated' });
		// Nothing changed, and the code still works.
		expect(
			(await db.selectFrom('user').select('password_hash').executeTakeFirstOrThrow()).password_hash
		).toBe(hash);
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

	it('keeps a background only for learners', async () => {
		await signUp(db, { ...learner, background: 'former_soldier' }, 'x');
		await signUp(
			db,
			{ ...learner, username: 'clinic-mae-sot', kind: 'org_member', background: 'former_police' },
			'x'
		);
		const rows = await db
			.selectFrom('user')
			.select(['username', 'background'])
			.orderBy('username_key')
			.execute();
		expect(rows).toEqual([
			{ username: 'clinic-mae-sot', background: null },
			{ username: 'ThanThan', background: 'former_soldier' }
		]);
	});
});

describe('sign-in and lockout', () => {
	beforeEach(async () => {
		await signUp(db, learner, 'x');
	});

	it('signs in with the right password, whatever the letter case of the name', async () => {
		const result = await signIn(db, { username: 'thanthan', password: learner.password }, 'x');
		expect(result.ok).toBe(true);
	});

	it('gives the same answer for a wrong password and an unknown name', async () => {
		const wrong = await signIn(db, { username: 'ThanThan', password: 'not the password' }, 'x');
		const unknown = await signIn(
			db,
			{ username: 'nobody-here', password: 'not the password' },
			'x'
		);
		expect(wrong).toEqual({ ok: false, error: 'invalid_credentials' });
		expect(unknown).toEqual(wrong);
	});

	it('locks an account for 30 minutes after 6 failures, even with the right password', async () => {
		const now = Date.now();
		for (let i = 0; i < 5; i++) {
			expect(await signIn(db, { username: 'ThanThan', password: 'wrong' }, 'x', now)).toMatchObject(
				{ error: 'invalid_credentials' }
			);
		}
		expect(await signIn(db, { username: 'ThanThan', password: 'wrong' }, 'x', now)).toMatchObject({
			error: 'locked',
			retryAfterMs: LOCK_MS
		});
		const locked = await signIn(
			db,
			{ username: 'ThanThan', password: learner.password },
			'x',
			now + 60_000
		);
		expect(locked).toMatchObject({ ok: false, error: 'locked' });
		const later = await signIn(
			db,
			{ username: 'ThanThan', password: learner.password },
			'x',
			now + LOCK_MS + 1
		);
		expect(later.ok).toBe(true);
	});

	it('locks unknown names the same way, so a lock reveals nothing', async () => {
		const now = Date.now();
		let last;
		for (let i = 0; i < 6; i++)
			last = await signIn(db, { username: 'ghost', password: 'wrong' }, 'x', now);
		expect(last).toMatchObject({ ok: false, error: 'locked', retryAfterMs: LOCK_MS });
	});

	it('a success clears earlier failures', async () => {
		for (let i = 0; i < 5; i++) await signIn(db, { username: 'ThanThan', password: 'wrong' }, 'x');
		expect((await signIn(db, { username: 'ThanThan', password: learner.password }, 'x')).ok).toBe(
			true
		);
		expect(await signIn(db, { username: 'ThanThan', password: 'wrong' }, 'x')).toMatchObject({
			error: 'invalid_credentials'
		});
	});
});

describe('recovery codes', () => {
	it('reset the password once per code and end every other session', async () => {
		const created = await signUp(db, learner, 'old phone');
		if (!created.ok) throw new Error();
		const [code] = created.recoveryCodes;
		const reset = await resetWithRecoveryCode(
			db,
			{ username: 'ThanThan', code: code.toUpperCase(), password: 'a brand new passphrase' },
			'new phone'
		);
		expect(reset.ok).toBe(true);
		expect(await validateSessionToken(db, created.token)).toBeNull();
		expect(
			(await signIn(db, { username: 'ThanThan', password: 'a brand new passphrase' }, 'x')).ok
		).toBe(true);
		expect((await signIn(db, { username: 'ThanThan', password: learner.password }, 'x')).ok).toBe(
			false
		);
		const again = await resetWithRecoveryCode(
			db,
			{ username: 'ThanThan', code, password: 'yet another passphrase' },
			'x'
		);
		expect(again).toEqual({ ok: false, error: 'invalid_recovery' });
	});

	it('do not work for another account', async () => {
		const a = await signUp(db, learner, 'x');
		await signUp(db, { ...learner, username: 'other-user' }, 'x');
		if (!a.ok) throw new Error();
		const result = await resetWithRecoveryCode(
			db,
			{ username: 'other-user', code: a.recoveryCodes[0], password: 'stolen passphrase' },
			'x'
		);
		expect(result).toEqual({ ok: false, error: 'invalid_recovery' });
	});

	it('are checked without being used up: only the account’s own unused codes match, typed as on paper', async () => {
		const a = await signUp(db, learner, 'x');
		const b = await signUp(db, { ...learner, username: 'other-user' }, 'x');
		if (!a.ok || !b.ok) throw new Error();
		const [first, second] = a.recoveryCodes;
		expect(await unusedRecoveryCodesAmong(db, a.userId, [first])).toEqual([first]);
		// Capitals, spaces instead of dashes: the same code, as recovery reads it.
		const typed = ` ${second.toUpperCase().replaceAll('-', ' ')} `;
		expect(await unusedRecoveryCodesAmong(db, a.userId, [typed])).toEqual([typed]);
		expect(await remainingRecoveryCodes(db, a.userId)).toBe(10);
		expect(
			await unusedRecoveryCodesAmong(db, a.userId, [b.recoveryCodes[0], 'aaaa-bbbb-cccc'])
		).toEqual([]);
		expect(await unusedRecoveryCodesAmong(db, a.userId, a.recoveryCodes)).toEqual(a.recoveryCodes);
		expect(await unusedRecoveryCodesAmong(db, a.userId, [])).toEqual([]);
		// Still good for recovery after every check; once used, it no longer matches.
		expect(
			(
				await resetWithRecoveryCode(
					db,
					{ username: 'ThanThan', code: first, password: 'a brand new passphrase' },
					'x'
				)
			).ok
		).toBe(true);
		expect(await unusedRecoveryCodesAmong(db, a.userId, [first, second])).toEqual([second]);
	});
});

describe('changing the password', () => {
	it('needs the current password and ends the other sessions only', async () => {
		const created = await signUp(db, learner, 'phone');
		if (!created.ok) throw new Error();
		const other = await signIn(db, { username: 'ThanThan', password: learner.password }, 'laptop');
		if (!other.ok) throw new Error();
		const current = (await validateSessionToken(db, created.token))!;
		expect(
			await changePassword(db, created.userId, current.session.id, {
				current: 'wrong',
				next: 'new passphrase here'
			})
		).toEqual({
			ok: false,
			error: 'wrong_password'
		});
		expect(
			(
				await changePassword(db, created.userId, current.session.id, {
					current: learner.password,
					next: 'new passphrase here'
				})
			).ok
		).toBe(true);
		expect(await validateSessionToken(db, created.token)).not.toBeNull();
		expect(await validateSessionToken(db, other.token)).toBeNull();
	});
});

describe('the first administrator', () => {
	it('gets a random one-time password that must be changed', async () => {
		const a = await createAdministrator(db, 'admin-one');
		const b = await createAdministrator(db, 'admin-two');
		if (!a.ok || !b.ok) throw new Error();
		expect(a.password).not.toBe(b.password);
		expect(a.password.length).toBeGreaterThanOrEqual(20);
		const signedIn = await signIn(db, { username: 'admin-one', password: a.password }, 'x');
		expect(signedIn).toMatchObject({ ok: true, user: { kind: 'admin', must_change_password: 1 } });
		expect(await createAdministrator(db, 'ADMIN-ONE')).toEqual({
			ok: false,
			error: 'username_taken'
		});
	});
});
