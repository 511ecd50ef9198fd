/**
 * "This is a shared phone": a session that ends with the browser (its cookie has no expiry),
 * lives 12 hours at most on the server, and locks its personal pages after a while without a
 * request until the password is given again, with wrong passwords counted like sign-ins.
 */
import type { Cookies } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, signUp, unlockSession } from '$lib/server/accounts/sign-in';
import { setSessionCookie } from '$lib/server/http/cookies';
import {
	SESSION_TTL_MS,
	SHARED_MAX_MS,
	createSession,
	listSessions,
	validateSessionToken
} from '$lib/server/auth/session';
import { MAX_FAILURES } from '$lib/server/auth/throttle';
import { sha256Hex } from '$lib/server/auth/tokens';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';

const PASSWORD = 'rice fields after rain';
const IDLE = 15 * 60_000;
const MINUTE = 60_000;

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

const row = (token: string) =>
	db.selectFrom('session').selectAll().where('id', '=', sha256Hex(token)).executeTakeFirst();
/** The session as the server sees it at `now`, with the default idle time of 15 minutes. */
const at = (token: string, now: number) => validateSessionToken(db, token, now, { idleMs: IDLE });

describe('a shared phone’s session', () => {
	it('is marked shared at sign-in, with its last request to the millisecond and 12 hours to live', async () => {
		const now = Date.now();
		const result = await signIn(
			db,
			{ username: 'mya', password: PASSWORD, shared: true },
			'Chrome · Android',
			now
		);
		if (!result.ok) throw new Error(result.error);
		expect(await row(result.token)).toMatchObject({
			shared: 1,
			active_at: now,
			created_at: now,
			expires_at: now + SHARED_MAX_MS
		});
		expect(SHARED_MAX_MS).toBe(12 * 3600_000);
		const listed = await listSessions(db, userId, sha256Hex(result.token), now);
		expect(listed.find((s) => s.current)?.shared).toBe(true);
	});

	it('is made by sign-up too, and an ordinary session keeps no activity time', async () => {
		const shared = await signUp(
			db,
			{
				username: 'thu',
				password: PASSWORD,
				kind: 'learner',
				background: null,
				locale: 'my',
				shared: true
			},
			'x'
		);
		if (!shared.ok) throw new Error();
		expect(await row(shared.token)).toMatchObject({ shared: 1 });
		const ordinary = await signIn(db, { username: 'mya', password: PASSWORD }, 'x');
		if (!ordinary.ok) throw new Error();
		expect(await row(ordinary.token)).toMatchObject({ shared: 0, active_at: null });
	});

	it('locks once no request came for the idle time, and stays locked whatever it opens', async () => {
		const start = Date.now();
		const { token } = await createSession(db, userId, 'x', start, { shared: true });
		// Each request within the idle time moves the last request.
		const first = await at(token, start + IDLE - 1);
		expect(first?.session).toMatchObject({ shared: true, locked: false });
		expect((await row(token))?.active_at).toBe(start + IDLE - 1);
		expect((await at(token, start + 2 * IDLE - 2))?.session.locked).toBe(false);
		// Idle exactly the limit: locked.
		const idleFrom = start + 2 * IDLE - 2;
		expect((await at(token, idleFrom + IDLE))?.session.locked).toBe(true);
		// Requests while locked (a lesson, say) are no activity: it stays locked.
		expect((await at(token, idleFrom + IDLE + MINUTE))?.session.locked).toBe(true);
		expect((await row(token))?.active_at).toBe(idleFrom);
	});

	it('unlocks with the password only; wrong passwords count toward the sign-in lock', async () => {
		const start = Date.now();
		const { token, session } = await createSession(db, userId, 'x', start, { shared: true });
		const later = start + IDLE + MINUTE;
		expect((await at(token, later))?.session.locked).toBe(true);

		expect(await unlockSession(db, session, 'not the password', later)).toEqual({
			ok: false,
			error: 'unlock_wrong'
		});
		expect((await at(token, later + 1))?.session.locked).toBe(true);
		expect(await db.selectFrom('sign_in_throttle').select('failures').execute()).toEqual([
			{ failures: 1 }
		]);

		expect(await unlockSession(db, session, PASSWORD, later + 2)).toEqual({ ok: true });
		expect((await at(token, later + 3))?.session.locked).toBe(false);
		// A success clears the count, as a sign-in does.
		expect(await db.selectFrom('sign_in_throttle').selectAll().execute()).toEqual([]);
	});

	it('shares the lock with sign-in: six wrong passwords lock the name for both', async () => {
		const start = Date.now();
		const { session } = await createSession(db, userId, 'x', start, { shared: true });
		const later = start + IDLE;
		for (let i = 1; i < MAX_FAILURES; i++)
			expect((await unlockSession(db, session, `wrong ${i}`, later)).ok).toBe(false);
		expect(await unlockSession(db, session, 'wrong again', later)).toMatchObject({
			ok: false,
			error: 'locked'
		});
		// Locked: even the right password waits, here and at sign-in.
		expect(await unlockSession(db, session, PASSWORD, later + 1)).toMatchObject({
			ok: false,
			error: 'locked'
		});
		expect(await signIn(db, { username: 'MYA', password: PASSWORD }, 'x', later + 1)).toMatchObject(
			{ ok: false, error: 'locked' }
		);
	});

	it('ends 12 hours after sign-in however much it is used, and never slides', async () => {
		const start = Date.now();
		const { token } = await createSession(db, userId, 'x', start, { shared: true });
		for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
			const result = await at(token, start + minutes * MINUTE);
			expect(result?.session).toMatchObject({ locked: false, expiresAt: start + SHARED_MAX_MS });
		}
		expect(await at(token, start + SHARED_MAX_MS)).toBeNull();
		expect(await row(token)).toBeUndefined();
	});

	it('leaves ordinary sessions alone: never locked, however long unused', async () => {
		const start = Date.now();
		const { token } = await createSession(db, userId, 'x', start);
		const result = await at(token, start + 20 * 24 * 3600_000);
		expect(result?.session).toMatchObject({ shared: false, locked: false });
		expect(result?.session.expiresAt).toBe(start + 20 * 24 * 3600_000 + SESSION_TTL_MS);
	});
});

describe('the session cookie', () => {
	function fakeCookies() {
		const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
		const cookies = {
			set: (name: string, value: string, options: Record<string, unknown>) =>
				set.push({ name, value, options })
		} as unknown as Cookies;
		return { cookies, set };
	}

	it('has no Expires or Max-Age on a shared phone, so it ends when the browser closes', () => {
		const { cookies, set } = fakeCookies();
		setSessionCookie(cookies, 'token', null);
		expect(set).toHaveLength(1);
		expect(set[0].options).not.toHaveProperty('expires');
		expect(set[0].options).not.toHaveProperty('maxAge');
		expect(set[0].options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
	});

	it('keeps its expiry otherwise', () => {
		const { cookies, set } = fakeCookies();
		const expires = Date.now() + SESSION_TTL_MS;
		setSessionCookie(cookies, 'token', expires);
		expect(set[0].options.expires).toEqual(new Date(expires));
	});
});
