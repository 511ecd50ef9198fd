import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUp } from '$lib/server/accounts/sign-in';
import {
	ABSOLUTE_MAX_MS,
	SESSION_TTL_MS,
	createSession,
	endOwnSession,
	invalidateSession,
	listSessions,
	validateSessionToken
} from '$lib/server/auth/session';
import { sha256Hex } from '$lib/server/auth/tokens';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';

let db: Db;
let cleanup: () => Promise<void>;
let userId: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	const created = await signUp(
		db,
		{
			username: 'naing',
			password: 'slow boat to the border',
			kind: 'learner',
			background: null,
			locale: 'en'
		},
		'x'
	);
	if (!created.ok) throw new Error();
	userId = created.userId;
});
afterEach(() => cleanup());

describe('sessions', () => {
	it('use a token of at least 128 random bits and store only its SHA-256', async () => {
		const { token, session } = await createSession(db, userId, 'Chrome · Android');
		expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
		expect(session.id).toBe(sha256Hex(token));
		const rows = await db.selectFrom('session').select('id').execute();
		expect(rows.map((r) => r.id)).not.toContain(token);
	});

	it('slide to 30 days from the last use', async () => {
		const start = Date.now();
		const { token } = await createSession(db, userId, 'x', start);
		const later = start + 20 * 24 * 3600_000;
		const result = await validateSessionToken(db, token, later);
		expect(result?.session.expiresAt).toBe(later + SESSION_TTL_MS);
		expect(await validateSessionToken(db, token, later + SESSION_TTL_MS + 1)).toBeNull();
	});

	it('never outlive the absolute maximum, however often used', async () => {
		const start = Date.now();
		const { token } = await createSession(db, userId, 'x', start);
		for (let day = 10; day < 90; day += 10) {
			expect(await validateSessionToken(db, token, start + day * 24 * 3600_000)).not.toBeNull();
		}
		expect(await validateSessionToken(db, token, start + ABSOLUTE_MAX_MS)).toBeNull();
		expect(
			await db.selectFrom('session').selectAll().where('id', '=', sha256Hex(token)).execute()
		).toHaveLength(0);
	});

	it('are deleted at sign-out', async () => {
		const { token, session } = await createSession(db, userId, 'x');
		await invalidateSession(db, session.id);
		expect(await validateSessionToken(db, token)).toBeNull();
	});

	it('can be listed and ended by their owner only', async () => {
		const mine = await createSession(db, userId, 'Firefox · Linux');
		const other = await signUp(
			db,
			{
				username: 'someone-else',
				password: 'mountain tea garden',
				kind: 'learner',
				background: null,
				locale: 'my'
			},
			'x'
		);
		if (!other.ok) throw new Error();
		const theirs = (await validateSessionToken(db, other.token))!;
		expect(await endOwnSession(db, userId, theirs.session.id)).toBe(false);
		expect(await validateSessionToken(db, other.token)).not.toBeNull();

		const list = await listSessions(db, userId, mine.session.id);
		expect(list.map((s) => s.browser).sort()).toEqual(['Firefox · Linux', 'x']);
		expect(list.find((s) => s.current)?.id).toBe(mine.session.id);
		expect(list.every((s) => s.lastSeenAt % 3_600_000 === 0)).toBe(true);
		const notCurrent = list.find((s) => !s.current)!;
		expect(await endOwnSession(db, userId, notCurrent.id)).toBe(true);
		expect(await listSessions(db, userId, mine.session.id)).toHaveLength(1);
	});

	it('refuse malformed tokens without touching the database', async () => {
		expect(await validateSessionToken(db, "' OR 1=1 --")).toBeNull();
		expect(await validateSessionToken(db, '')).toBeNull();
	});
});
