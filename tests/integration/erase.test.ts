/**
 * Deleting an account for good (src/lib/server/accounts/erase.ts): afterwards no column of any
 * table holds the person's id, name or words, except what docs/data-register.md says stays; the
 * organization keeps a detached, withdrawn application; and unused accounts go the same way.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '$lib/server/accounts/sign-in';
import { deleteOwnAccount, eraseAccounts } from '$lib/server/accounts/erase';
import { deleteInactiveAccounts, inactiveCutoff } from '$lib/server/accounts/inactive';
import { getOrgApplication, listRoleApplications } from '$lib/server/applications/organization';
import { postMessage, readThread } from '$lib/server/applications/messages';
import { orgNews } from '$lib/server/applications/news';
import { dayOf, validateSessionToken } from '$lib/server/auth/session';
import { openDatabase, type Db } from '$lib/server/db';
import { pseudonym, rankCandidates } from '$lib/server/matching/candidates';
import { pruneChanges } from '$lib/server/matching/changes';
import { applyLearnerChanges } from '$lib/server/matching/learners';
import { freshDb, freshSqliteDb } from '../helpers/db';
import { tableNames } from '../helpers/engine';
import { account } from '../helpers/authors';
import { findEverywhere, makeWorld, PASSWORD, type World } from '../helpers/people';

let db: Db;
let file: string;
let cleanup: () => Promise<void>;
let world: World;
beforeEach(async () => {
	({ db, file, cleanup } = await freshDb());
	world = await makeWorld(db);
});
afterEach(() => cleanup());

/** Rows per table, except the failed-attempt counts a wrong password adds. */
async function counts(): Promise<Record<string, number>> {
	const skipped = ['sign_in_throttle', 'match_change', 'match_reader'];
	const tables = (await tableNames(db, { shadows: true })).filter((t) => !skipped.includes(t));
	const result: Record<string, number> = {};
	for (const name of tables)
		result[name] = Number(
			(await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0].n
		);
	return result;
}

const orgIdOf = async (memberId: string) =>
	(
		await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', memberId)
			.executeTakeFirstOrThrow()
	).org_id;

describe('deleting my account', () => {
	it('refuses a wrong password and deletes nothing', async () => {
		const before = await counts();
		expect(await deleteOwnAccount(db, world.learnerA.userId, 'not my password')).toEqual({
			ok: false,
			error: 'wrong_password'
		});
		expect(await counts()).toEqual(before);
	});

	it('leaves no trace of the learner in any column of any table', async () => {
		const orgId = await orgIdOf(world.owner.userId);
		// Matching holds the learner in memory (visible to vetted organizations) before the deletion.
		const ranked = await rankCandidates(db, world.owner.userId, world.roles.clinic, 'en');
		expect(ranked.ok && ranked.candidates.map((c) => c.pseudonym)).toContain(
			pseudonym(orgId, world.learnerA.userId)
		);
		expect(await findEverywhere(db, world.learnerA.userId)).not.toEqual([]);

		expect(await deleteOwnAccount(db, world.learnerA.userId, PASSWORD)).toEqual({ ok: true });

		for (const trace of [world.learnerA.userId, world.learnerA.username, ...world.textsOfA])
			expect({ trace, found: await findEverywhere(db, trace) }).toEqual({ trace, found: [] });
		const after = await rankCandidates(db, world.owner.userId, world.roles.clinic, 'en');
		expect(after.ok && after.candidates.map((c) => c.pseudonym)).not.toContain(
			pseudonym(orgId, world.learnerA.userId)
		);
		// The other learner keeps everything.
		for (const words of world.textsOfB) expect(await findEverywhere(db, words)).not.toEqual([]);
		expect(await readThread(db, world.learnerB.userId, world.applications.ofB)).toHaveLength(2);
	});

	// SQLite's file, with secure_delete; PostgreSQL has no such setting (docs/operations.md).
	it("leaves the learner's words nowhere in the database's files, free pages and log included", async () => {
		const { db, file, cleanup } = await freshSqliteDb();
		try {
			const world = await makeWorld(db);
			const bytes = () =>
				Buffer.concat([
					fs.readFileSync(file),
					fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)
				]);
			expect(bytes().includes('I was a medic for six years')).toBe(true);
			await deleteOwnAccount(db, world.learnerA.userId, PASSWORD);
			for (const trace of [world.learnerA.username, ...world.textsOfA])
				expect({ trace, found: bytes().includes(trace) }).toEqual({ trace, found: false });
		} finally {
			await cleanup();
		}
	});

	it('shows the organization a withdrawn application with no message, no thread and no notes', async () => {
		expect(await deleteOwnAccount(db, world.learnerA.userId, PASSWORD)).toEqual({ ok: true });
		for (const id of [world.applications.accepted, world.applications.undecided]) {
			const seen = await getOrgApplication(db, world.owner.userId, id, 'en');
			expect(seen).toMatchObject({ pseudonym: null, status: 'withdrawn', message: '' });
			expect(seen!.history.at(-1)).toMatchObject({ status: 'withdrawn', by: 'learner' });
			expect(seen!.history.every((h) => h.note === '')).toBe(true);
			expect(await readThread(db, world.owner.userId, id)).toEqual([]);
			expect(await postMessage(db, world.owner.userId, id, 'Are you still there?')).toEqual({
				ok: false,
				error: 'not_allowed'
			});
		}
		expect(
			await db
				.selectFrom('application_message')
				.select('id')
				.where('application_id', 'in', [world.applications.accepted, world.applications.undecided])
				.execute()
		).toEqual([]);
		// The withdrawal is news for the organization, like any the learner makes.
		expect((await orgNews(db, world.owner.userId)).map((n) => n.id)).toEqual(
			expect.arrayContaining([world.applications.accepted, world.applications.undecided])
		);
		const listed = await listRoleApplications(db, world.owner.userId, world.roles.clinic);
		expect(listed?.map((a) => [a.id, a.pseudonym === null, a.status])).toEqual([
			[world.applications.accepted, true, 'withdrawn'],
			[world.applications.ofB, false, 'applied']
		]);
	});

	it('ends every session of the account', async () => {
		const other = await signIn(
			db,
			{ username: world.learnerA.username, password: PASSWORD },
			'Chrome · Android'
		);
		if (!other.ok) throw new Error(other.error);
		expect(await validateSessionToken(db, other.token)).not.toBeNull();
		await deleteOwnAccount(db, world.learnerA.userId, PASSWORD);
		expect(await validateSessionToken(db, other.token)).toBeNull();
		expect(
			await signIn(db, { username: world.learnerA.username, password: PASSWORD }, 'x')
		).toEqual({ ok: false, error: 'invalid_credentials' });
	});

	it('keeps a change note naming the learner only until every server process has read it', async () => {
		// Another server process on the same file, with matching's memory loaded.
		const other = openDatabase(file);
		try {
			const rank = async () => {
				const ranked = await rankCandidates(other, world.owner.userId, world.roles.clinic, 'en');
				return ranked.ok && ranked.candidates.map((c) => c.pseudonym);
			};
			const orgId = await orgIdOf(world.owner.userId);
			expect(await rank()).toContain(pseudonym(orgId, world.learnerA.userId));
			await eraseAccounts(db, [world.learnerA.userId]);
			expect(await findEverywhere(db, world.learnerA.userId)).toEqual(['match_change.ref']);
			expect(await rank()).not.toContain(pseudonym(orgId, world.learnerA.userId));
			// Its place in the notes written, as every minute in the server.
			await applyLearnerChanges(other);
		} finally {
			await other.destroy();
		}
		// Read by every process, the note goes at the next pruning (every minute in the server).
		await pruneChanges(db);
		expect(await findEverywhere(db, world.learnerA.userId)).toEqual([]);
	});
});

describe("an organization member's account", () => {
	it('hands the organization to the member who joined first, then closes its roles when nobody is left', async () => {
		const orgId = await orgIdOf(world.owner.userId);
		expect(await deleteOwnAccount(db, world.owner.userId, PASSWORD)).toEqual({ ok: true });
		expect(
			await db
				.selectFrom('org_member')
				.select(['user_id', 'role'])
				.where('org_id', '=', orgId)
				.execute()
		).toEqual([{ user_id: world.member.userId, role: 'owner' }]);
		await rankCandidates(db, world.member.userId, world.roles.clinic, 'en');
		expect(await findEverywhere(db, world.owner.userId)).toEqual([]);
		// Its roles stay open: the new owner runs them.
		expect(
			(await db.selectFrom('role').select('status').where('org_id', '=', orgId).execute()).map(
				(r) => r.status
			)
		).toEqual(['open', 'open']);

		expect(await deleteOwnAccount(db, world.member.userId, PASSWORD)).toEqual({ ok: true });
		expect(
			await db.selectFrom('org_member').select('user_id').where('org_id', '=', orgId).execute()
		).toEqual([]);
		expect(
			(await db.selectFrom('role').select('status').where('org_id', '=', orgId).execute()).map(
				(r) => r.status
			)
		).toEqual(['closed', 'closed']);
		// Its name stays, as learners saw it on their applications and endorsements.
		expect(
			await db.selectFrom('organization').select('name').where('id', '=', orgId).executeTakeFirst()
		).toEqual({ name: 'hana-owner org' });
	});

	it("clears an administrator's id from the decisions and reviews they made", async () => {
		await eraseAccounts(db, [world.vetter.userId, world.reviewer.userId]);
		expect(await db.selectFrom('org_decision').select('decided_by').execute()).toEqual([
			{ decided_by: null }
		]);
		expect(
			(await db.selectFrom('role').select('reviewed_by').execute()).every(
				(r) => r.reviewed_by === null
			)
		).toBe(true);
		// The course review stays (the course was reviewed), without who marked it.
		expect(await db.selectFrom('course_review').select(['kind', 'marked_by']).execute()).toEqual([
			{ kind: 'language', marked_by: null }
		]);
	});
});

describe('accounts nobody uses', () => {
	const DAY = 24 * 60 * 60 * 1000;
	const now = Date.UTC(2030, 5, 15, 12);

	it('are deleted once unused for the configured months, and only those', async () => {
		const cutoff = inactiveCutoff(now, 24);
		expect(new Date(cutoff).toISOString()).toBe('2028-06-15T12:00:00.000Z');
		const make = async (name: string, lastActive: number, created = now - 1200 * DAY) => {
			const { userId } = await account(db, name, 'learner');
			await db
				.updateTable('user')
				.set({ last_active_at: lastActive, created_at: created })
				.where('id', '=', userId)
				.execute();
			await db
				.updateTable('session')
				.set({ last_seen_at: lastActive, created_at: lastActive })
				.where('user_id', '=', userId)
				.execute();
			return userId;
		};
		const unused = await make('gone-quiet', cutoff - DAY);
		const justInside = await make('just-inside', dayOf(cutoff) + DAY);
		// A session used since the cutoff keeps an account, whatever its day of last use says.
		const sessionUsed = await make('session-used', cutoff - DAY);
		await db
			.updateTable('session')
			.set({ last_seen_at: cutoff + DAY })
			.where('user_id', '=', sessionUsed)
			.execute();
		// The world's accounts were used "today", long before this test's now: bring them up to it.
		await db
			.updateTable('user')
			.set({ last_active_at: now - DAY, created_at: now - 400 * DAY })
			.where('id', 'not in', [unused, justInside, sessionUsed])
			.execute();

		expect(await deleteInactiveAccounts(db, now, 0)).toEqual({ deleted: 0, cutoff: null });
		expect(await deleteInactiveAccounts(db, now, 24)).toEqual({ deleted: 1, cutoff });
		const left = (await db.selectFrom('user').select('id').execute()).map((u) => u.id);
		expect(left).not.toContain(unused);
		expect(left).toEqual(expect.arrayContaining([justInside, sessionUsed, world.learnerA.userId]));
		expect(await findEverywhere(db, 'gone-quiet')).toEqual([]);
	});

	it('count as used on each day a session is used or someone signs in, written at most once a day', async () => {
		const dayOfUse = (userId: string) =>
			db
				.selectFrom('user')
				.select('last_active_at')
				.where('id', '=', userId)
				.executeTakeFirstOrThrow();
		// One hour into a day, so "three hours later" is the same day whatever the clock says now.
		const later = dayOf(Date.now()) + 40 * DAY + 60 * 60 * 1000;
		const signedIn = await signIn(
			db,
			{ username: world.learnerB.username, password: PASSWORD },
			'x',
			later
		);
		if (!signedIn.ok) throw new Error(signedIn.error);
		expect(await dayOfUse(world.learnerB.userId)).toEqual({ last_active_at: dayOf(later) });

		await validateSessionToken(db, signedIn.token, later + 2 * DAY);
		expect(await dayOfUse(world.learnerB.userId)).toEqual({
			last_active_at: dayOf(later + 2 * DAY)
		});
		await sql`delete from match_change`.execute(db);
		await validateSessionToken(db, signedIn.token, later + 2 * DAY + 3 * 60 * 60 * 1000);
		// Same day: the account is not written again (its change note would say so).
		expect(
			await db
				.selectFrom('match_change')
				.select('ref')
				.where('ref', '=', world.learnerB.userId)
				.execute()
		).toEqual([]);
	});
});
