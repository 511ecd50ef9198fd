/**
 * The code (PIN) that opens the app behind a disguise: an argon2id hash on the account, a
 * session locked by it after idle time or at the cover, five wrong codes in a row end the
 * session, and the password removes a forgotten code (counted like other password checks).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, signUp } from '$lib/server/accounts/sign-in';
import {
	choosePin,
	enterPin,
	hasPin,
	lockWithPin,
	PIN_TRIES,
	removePin,
	waitsForPin
} from '$lib/server/auth/pin';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { MAX_FAILURES } from '$lib/server/auth/throttle';
import { sha256Hex } from '$lib/server/auth/tokens';
import type { Db } from '$lib/server/db';
import { choosePinSchema, pinSchema } from '$lib/schemas/pin';
import { freshDb } from '../helpers/db';

const PASSWORD = 'rice fields after rain';
const IDLE = 5 * 60_000;

let db: Db;
let cleanup: () => Promise<void>;
let userId: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	const created = await signUp(
		db,
		{ username: 'mya', password: PASSWORD, kind: 'learner', background: null, locale: 'my' },
		'x'
	);
	if (!created.ok) throw new Error();
	userId = created.userId;
});
afterEach(() => cleanup());

const at = (token: string, now: number) =>
	validateSessionToken(db, token, now, { pinIdleMs: IDLE });
const ref = (token: string) => ({ id: sha256Hex(token), userId });

describe('the code', () => {
	it('is kept as an argon2id hash only, once; a session of an account without one is not guarded', async () => {
		const { token } = await createSession(db, userId, 'x');
		expect((await at(token, Date.now()))?.session).toMatchObject({
			guarded: false,
			pinLocked: false
		});
		expect(await choosePin(db, ref(token), '482913')).toEqual({ ok: true });
		const { pin_hash } = await db
			.selectFrom('user')
			.select('pin_hash')
			.where('id', '=', userId)
			.executeTakeFirstOrThrow();
		expect(pin_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(pin_hash).not.toContain('482913');
		// A second code is not set over the first: that takes the password (removePin).
		expect(await choosePin(db, ref(token), '111111')).toEqual({ ok: false, error: 'pin_set' });
		expect(await hasPin(db, userId)).toBe(true);
	});

	it('locks a session after the idle time, or at once from the cover, and only the code opens it', async () => {
		const start = Date.now();
		const { token } = await createSession(db, userId, 'x', start);
		await choosePin(db, ref(token), '482913', start);
		expect((await at(token, start + IDLE - 1))?.session).toMatchObject({
			guarded: true,
			pinLocked: false
		});
		// Each request while open moves the time it counts from.
		expect((await at(token, start + 2 * IDLE - 2))?.session.pinLocked).toBe(false);
		expect((await at(token, start + 3 * IDLE))?.session.pinLocked).toBe(true);
		// Requests made while locked do not open it.
		expect((await at(token, start + 3 * IDLE + 1))?.session.pinLocked).toBe(true);
		expect(await enterPin(db, ref(token), '482913', start + 3 * IDLE + 2)).toEqual({ ok: true });
		expect((await at(token, start + 3 * IDLE + 3))?.session.pinLocked).toBe(false);
		await lockWithPin(db, sha256Hex(token));
		expect((await at(token, start + 3 * IDLE + 4))?.session.pinLocked).toBe(true);
	});

	it('is not asked right after signing in with the password', async () => {
		const { token: first } = await createSession(db, userId, 'x');
		await choosePin(db, ref(first), '482913');
		const signedIn = await signIn(db, { username: 'mya', password: PASSWORD }, 'x');
		if (!signedIn.ok) throw new Error();
		expect((await at(signedIn.token, Date.now()))?.session).toMatchObject({
			guarded: true,
			pinLocked: false
		});
	});

	it(`ends the session at the ${PIN_TRIES}th wrong code in a row; a right one starts the count again`, async () => {
		const { token } = await createSession(db, userId, 'x');
		await choosePin(db, ref(token), '482913');
		for (let i = 1; i < PIN_TRIES; i++)
			expect(await enterPin(db, ref(token), '000000')).toEqual({
				ok: false,
				error: 'pin_wrong',
				left: PIN_TRIES - i
			});
		expect(await enterPin(db, ref(token), '482913')).toEqual({ ok: true });
		for (let i = 1; i < PIN_TRIES; i++) await enterPin(db, ref(token), '000000');
		expect(await enterPin(db, ref(token), '000000')).toEqual({ ok: false, error: 'pin_ended' });
		expect(await at(token, Date.now())).toBeNull();
		// The account and its code stay: the password signs in again.
		expect(await hasPin(db, userId)).toBe(true);
	});

	it('counts wrong codes per session: another session of the account starts at none', async () => {
		const { token: one } = await createSession(db, userId, 'x');
		const { token: two } = await createSession(db, userId, 'y');
		await choosePin(db, ref(one), '482913');
		for (let i = 1; i < PIN_TRIES; i++) await enterPin(db, ref(one), '000000');
		expect(await enterPin(db, ref(two), '000000')).toEqual({
			ok: false,
			error: 'pin_wrong',
			left: PIN_TRIES - 1
		});
	});

	it('is removed with the password only, which opens the session; wrong passwords count toward the password lock', async () => {
		const { token } = await createSession(db, userId, 'x');
		await choosePin(db, ref(token), '482913');
		await lockWithPin(db, sha256Hex(token));
		expect(await removePin(db, ref(token), 'not the password')).toEqual({
			ok: false,
			error: 'wrong_password'
		});
		expect(await hasPin(db, userId)).toBe(true);
		expect(await removePin(db, ref(token), PASSWORD)).toEqual({ ok: true });
		expect(await hasPin(db, userId)).toBe(false);
		expect((await at(token, Date.now()))?.session).toMatchObject({
			guarded: false,
			pinLocked: false
		});
		// A new code can be chosen then.
		expect(await choosePin(db, ref(token), '550211')).toEqual({ ok: true });
		for (let i = 1; i < MAX_FAILURES; i++) await removePin(db, ref(token), 'not the password');
		expect(await removePin(db, ref(token), 'not the password')).toMatchObject({
			ok: false,
			error: 'locked'
		});
		expect(await removePin(db, ref(token), PASSWORD)).toMatchObject({ ok: false, error: 'locked' });
	});
});

describe('waiting for the code', () => {
	it('holds a locked session, and a disguised phone whose account has no code yet; never someone signed out', () => {
		expect(waitsForPin({ guarded: true, pinLocked: true }, 'lanpya')).toBe(true);
		expect(waitsForPin({ guarded: true, pinLocked: false }, 'notes')).toBe(false);
		expect(waitsForPin({ guarded: false, pinLocked: false }, 'calculator')).toBe(true);
		expect(waitsForPin({ guarded: false, pinLocked: false }, 'lanpya')).toBe(false);
		expect(waitsForPin(null, 'notes')).toBe(false);
	});
});

describe('the form', () => {
	it('takes six digits from any keypad, and the same code twice', () => {
		expect(pinSchema.safeParse({ pin: '၄၈၂၉၁၃' })).toMatchObject({
			success: true,
			data: { pin: '482913' }
		});
		expect(pinSchema.safeParse({ pin: '๔๘๒๙๑๓' })).toMatchObject({
			success: true,
			data: { pin: '482913' }
		});
		expect(pinSchema.safeParse({ pin: '482 913' })).toMatchObject({
			success: true,
			data: { pin: '482913' }
		});
		for (const bad of ['48291', '4829133', 'abcdef', '48291x', ''])
			expect(pinSchema.safeParse({ pin: bad }).success, bad).toBe(false);
		expect(choosePinSchema.safeParse({ pin: '482913', again: '၄၈၂၉၁၃' }).success).toBe(true);
		const mismatch = choosePinSchema.safeParse({ pin: '482913', again: '482914' });
		expect(mismatch.success).toBe(false);
		expect(mismatch.error?.issues[0]).toMatchObject({
			path: ['again'],
			message: 'error_pin_mismatch'
		});
	});
});
