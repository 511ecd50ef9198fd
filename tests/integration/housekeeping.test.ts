/**
 * What the server deletes on its own each day (and `npm run prune`): sessions that can no longer
 * be used, old counts of failed sign-ins, audit rows past AUDIT_MONTHS, and unused accounts;
 * everything still in use stays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '$lib/server/accounts/sign-in';
import { forgetOldAudit, recordAudit } from '$lib/server/audit/trail';
import {
	ABSOLUTE_MAX_MS,
	createSession,
	deleteExpiredSessions,
	SESSION_TTL_MS,
	validateSessionToken
} from '$lib/server/auth/session';
import {
	FAILURES_KEPT_MS,
	forgetOldFailures,
	lockedFor,
	LOCK_MS,
	MAX_FAILURES,
	recordFailure
} from '$lib/server/auth/throttle';
import type { Db } from '$lib/server/db';
import { sweep } from '$lib/server/housekeeping';
import { eachTestDb } from '../helpers/db';
import { account } from '../helpers/authors';

let db: Db;
eachTestDb((made) => (db = made));

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const count = async (table: 'session' | 'sign_in_throttle' | 'audit_event' | 'user') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

afterEach(() => {
	delete process.env.AUDIT_MONTHS;
	delete process.env.INACTIVE_ACCOUNT_MONTHS;
});

describe('expired sessions', () => {
	it('are deleted, shared ones after their 12 hours, and those past 90 days whatever their expiry; sessions still usable stay and still work', async () => {
		const { userId } = await account(db, 'sessions', 'learner');
		await db.deleteFrom('session').execute();
		const now = 400 * DAY;
		const expired = await createSession(db, userId, 'x', now - SESSION_TTL_MS - HOUR);
		const shared = await createSession(db, userId, 'x', now - 13 * HOUR, { shared: true });
		const live = await createSession(db, userId, 'x', now - DAY);
		const sharedLive = await createSession(db, userId, 'x', now - HOUR, { shared: true });
		const tooOld = await createSession(db, userId, 'x', now - ABSOLUTE_MAX_MS - HOUR);
		// Kept alive by use, so its expiry is ahead, but signed in over 90 days ago.
		await db
			.updateTable('session')
			.set({ expires_at: now + DAY })
			.where('id', '=', tooOld.session.id)
			.execute();

		expect(await deleteExpiredSessions(db, now)).toBe(3);
		const left = (await db.selectFrom('session').select('id').execute()).map((r) => r.id).sort();
		expect(left).toEqual([live.session.id, sharedLive.session.id].sort());
		expect(await validateSessionToken(db, live.token, now)).not.toBeNull();
		expect(await validateSessionToken(db, sharedLive.token, now)).not.toBeNull();
		for (const gone of [expired, shared, tooOld])
			expect(await validateSessionToken(db, gone.token, now)).toBeNull();
	});
});

describe('failed sign-in counts', () => {
	it('over a day old are forgotten; recent ones and running locks stay and still count', async () => {
		await account(db, 'typist', 'learner');
		const now = 10 * DAY;
		await recordFailure(db, 'sign-in', 'old', now - FAILURES_KEPT_MS - HOUR);
		await recordFailure(db, 'sign-in', 'recent', now - HOUR);
		for (let i = 0; i < MAX_FAILURES; i++)
			await recordFailure(db, 'sign-in', 'locked', now - 10 * 60 * 1000);
		// A lock that ran out long ago.
		for (let i = 0; i < MAX_FAILURES; i++)
			await recordFailure(db, 'sign-in', 'oldlock', now - 3 * DAY);

		expect(await forgetOldFailures(db, now)).toBe(2);
		expect(await count('sign_in_throttle')).toBe(2);
		expect(await lockedFor(db, 'sign-in', 'locked', now)).toBe(LOCK_MS - 10 * 60 * 1000);
		// The recent failure still counts toward the lock: five more lock the name.
		for (let i = 0; i < MAX_FAILURES - 2; i++) await recordFailure(db, 'sign-in', 'recent', now);
		expect(await recordFailure(db, 'sign-in', 'recent', now)).toBe(LOCK_MS);
	});

	it('through a real sign-in: a name that failed two days ago starts again from nothing', async () => {
		await account(db, 'forgetful', 'learner');
		const then = Date.now() - 2 * DAY;
		for (let i = 0; i < MAX_FAILURES - 1; i++)
			await signIn(db, { username: 'forgetful', password: 'wrong' }, 'x', then);
		await forgetOldFailures(db);
		expect(await signIn(db, { username: 'forgetful', password: 'wrong' }, 'x')).toMatchObject({
			ok: false,
			error: 'invalid_credentials'
		});
		expect(await lockedFor(db, 'sign-in', 'forgetful')).toBe(0);
	});
});

describe('audit rows', () => {
	it('older than AUDIT_MONTHS (24 by default) are deleted; newer ones stay; 0 keeps them all', async () => {
		const now = Date.UTC(2027, 5, 15);
		const entry = { actor: 'a', org: null, action: 'sign_in' as const, object: null };
		await recordAudit(db, [entry], Date.UTC(2025, 5, 14));
		await recordAudit(db, [entry], Date.UTC(2025, 5, 16));
		await recordAudit(db, [entry], Date.UTC(2027, 5, 1));
		expect(await forgetOldAudit(db, now, 0)).toBe(0);
		expect(await count('audit_event')).toBe(3);
		expect(await forgetOldAudit(db, now)).toBe(1);
		expect(
			(await db.selectFrom('audit_event').select('at').orderBy('at').execute()).map((r) => r.at)
		).toEqual([Date.UTC(2025, 5, 16), Date.UTC(2027, 5, 1)]);
		process.env.AUDIT_MONTHS = '1';
		expect(await forgetOldAudit(db, now)).toBe(1);
		expect(await count('audit_event')).toBe(1);
	});
});

describe('the daily sweep', () => {
	it('does every deletion in one run and says how many of each, never whose', async () => {
		const { userId } = await account(db, 'sweeper', 'learner');
		const now = Date.now();
		await createSession(db, userId, 'x', now - SESSION_TTL_MS - DAY);
		await recordFailure(db, 'sign-in', 'someone', now - 2 * DAY);
		await recordAudit(
			db,
			[{ actor: userId, org: null, action: 'sign_in', object: null }],
			now - 800 * DAY
		);
		const swept = await sweep(db, now);
		expect(swept).toMatchObject({ accounts: 0, sessions: 1, failures: 1, audit: 1 });
		expect(await count('user')).toBe(1);
		// An account unused for the configured months goes too.
		process.env.INACTIVE_ACCOUNT_MONTHS = '1';
		await db
			.updateTable('user')
			.set({ last_active_at: now - 60 * DAY, created_at: now - 60 * DAY })
			.execute();
		await db.deleteFrom('session').execute();
		expect(await sweep(db, now)).toMatchObject({ accounts: 1 });
		expect(await count('user')).toBe(0);
	});
});
