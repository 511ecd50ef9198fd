/**
 * Several server processes on one database file (WORKERS): each is a connection of its own here,
 * with its own matching memory, as each process has. What one process does, the others see:
 * matching through the change notes and each reader's place in them, the per-address limits,
 * and the daily sweep's lease. (Two connections of one process must not hold transactions at
 * once: SQLite's busy wait would block the one thread that could finish the other.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '$lib/server/db';
import { pseudonym, rankCandidates } from '$lib/server/matching/candidates';
import { ChangeReader, pruneChanges, READER_STALE_MS } from '$lib/server/matching/changes';
import { applyLearnerChanges } from '$lib/server/matching/learners';
import { declareSkills, saveProfileDetails } from '$lib/server/skills/profile';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { AddressLimiter, ADDRESS_WINDOW_MS, forgetOldAttempts } from '$lib/server/auth/throttle';
import { FloodGate } from '$lib/server/auth/floods';
import { sweepIfDue, takeLease } from '$lib/server/housekeeping';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { approvedRole, roleInput } from '../helpers/roles';

/** Process A's connection and process B's. */
let a: Db;
let b: Db;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db: a, file, cleanup } = await freshDb());
	await loadTaxonomy(a, readTaxonomy());
	b = openDatabase(file);
});
afterEach(async () => {
	await b.destroy();
	await cleanup();
});

const DAY = 24 * 60 * 60 * 1000;

async function notes(db: Db): Promise<number> {
	const row = await db
		.selectFrom('match_change')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** A vetted organization with a role requiring first aid, and a visible learner without it. */
async function world() {
	const member = await vettedOrgMember(a, 'clinicowner');
	const orgId = (
		await a
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', member.userId)
			.executeTakeFirstOrThrow()
	).org_id;
	const role = await approvedRole(
		a,
		member.userId,
		roleInput('Medic', [{ id: 'first_aid', level: 2, required: true }])
	);
	const learner = await account(a, 'learnerone', 'learner');
	await declareSkills(a, learner.userId, [{ id: 'english', level: 2 }]);
	await saveProfileDetails(a, learner.userId, {
		area: 'mae_sot',
		visibility: 'vetted',
		remote: false,
		availability: ['volunteer'],
		interests: []
	});
	/**
	 * Whether the organization's ranking through `db` lists the learner: only with first aid, and
	 * who is listed comes from that process's matching memory.
	 */
	const firstAidSeen = async (db: Db) => {
		const ranked = await rankCandidates(db, member.userId, role.id, 'en');
		if (!ranked.ok) throw new Error(ranked.error);
		const candidate = ranked.candidates.find(
			(c) => c.pseudonym === pseudonym(orgId, learner.userId)
		);
		return candidate !== undefined;
	};
	return { member, role, learner, firstAidSeen };
}

describe('matching with several processes', () => {
	it('ranks through one process a skill added through another, and prunes the notes once both have passed them', async () => {
		const { learner, firstAidSeen } = await world();
		// Both processes hold matching's memory, with the learner lacking first aid.
		expect(await firstAidSeen(a)).toBe(false);
		expect(await firstAidSeen(b)).toBe(false);

		await declareSkills(a, learner.userId, [
			{ id: 'english', level: 2 },
			{ id: 'first_aid', level: 3 }
		]);
		expect(await firstAidSeen(a)).toBe(true);
		// A read the note; B has not, so it stays.
		await pruneChanges(a);
		expect(await notes(a)).toBeGreaterThan(0);
		// B's next ranking applies it.
		expect(await firstAidSeen(b)).toBe(true);
		// Once both places are written (every minute in the server), the notes go.
		await applyLearnerChanges(a);
		await pruneChanges(a);
		expect(await notes(a)).toBeGreaterThan(0);
		await applyLearnerChanges(b);
		await pruneChanges(a);
		expect(await notes(a)).toBe(0);
	});

	it('misses no note when a later change commits before an earlier one', async () => {
		const { learner } = await world();
		const other = await account(a, 'learnertwo', 'learner');
		const reader = await ChangeReader.start(b);
		const seen = new Set<string>();
		const read = async () => {
			const changes = await reader.since(b, 'learner');
			if (!changes) throw new Error('the reader was dropped');
			for (const ref of changes.refs) seen.add(ref);
			await reader.moved(b, changes.seq);
		};
		const change = (db: Db, userId: string) =>
			db.updateTable('user').set({ locale: 'my' }).where('id', '=', userId).execute();
		// A transaction through A notes one learner's change and is still open...
		let release = () => {};
		let noted = () => {};
		const wasNoted = new Promise<void>((resolve) => (noted = resolve));
		const slow = a.transaction().execute(async (trx) => {
			await change(trx, learner.userId);
			noted();
			await new Promise<void>((resolve) => (release = resolve));
		});
		await wasNoted;
		// ...while another change through A, a statement of its own, is made meanwhile...
		const quick = change(a, other.userId);
		await Promise.race([quick, new Promise((resolve) => setTimeout(resolve, 300))]);
		// ...and B reads the notes before the first commits.
		await read();
		release();
		await Promise.all([slow, quick]);
		await read();
		expect([...seen].sort()).toEqual([learner.userId, other.userId].sort());
	});

	it('moves an idle process past the notes at its minute, so it does not hold them', async () => {
		const { learner, firstAidSeen } = await world();
		expect(await firstAidSeen(b)).toBe(false);
		await declareSkills(a, learner.userId, [{ id: 'first_aid', level: 3 }]);
		await pruneChanges(a);
		expect(await notes(a)).toBeGreaterThan(0);
		// What each server process does every minute (housekeeping.ts).
		await applyLearnerChanges(b);
		await pruneChanges(a);
		expect(await notes(a)).toBe(0);
	});

	it('drops a process silent for too long, and that process loads everything again when it returns', async () => {
		const { learner, firstAidSeen } = await world();
		expect(await firstAidSeen(b)).toBe(false);
		await declareSkills(a, learner.userId, [{ id: 'first_aid', level: 3 }]);
		// B stalls (or died): past READER_STALE_MS its place no longer holds the notes back.
		await pruneChanges(a, Date.now() + READER_STALE_MS + 1);
		expect(await notes(a)).toBe(0);
		expect(await a.selectFrom('match_reader').selectAll().execute()).toEqual([]);
		// The note is gone, yet B, finding itself dropped, reloads and sees the change.
		expect(await firstAidSeen(b)).toBe(true);
	});
});

describe('per-address limits with several processes', () => {
	it('holds an address to a limit counted through another process, with no address stored', async () => {
		const limitA = new AddressLimiter('sign_in', 3);
		const limitB = new AddressLimiter('sign_in', 3);
		const now = 100 * ADDRESS_WINDOW_MS + 1000;
		for (let i = 0; i < 3; i++) await limitA.record(a, '203.0.113.9', now + i);
		expect(await limitB.retryAfter(b, '203.0.113.9', now + 10)).toBe(ADDRESS_WINDOW_MS - 10);
		expect(await limitB.retryAfter(b, '203.0.113.10', now + 10)).toBe(0);
		// Another limit counts apart.
		expect(await new AddressLimiter('sign_up', 3).retryAfter(b, '203.0.113.9', now + 10)).toBe(0);
		const stored = JSON.stringify(await a.selectFrom('attempt').selectAll().execute());
		expect(stored).not.toContain('203.0.113');

		// Into the next window (a new salt), the window still slides over the earlier attempts.
		const later = 101 * ADDRESS_WINDOW_MS + 500;
		expect(await limitB.retryAfter(b, '203.0.113.9', later)).toBeGreaterThan(0);
		expect(await limitB.retryAfter(b, '203.0.113.9', now + ADDRESS_WINDOW_MS + 3)).toBe(0);

		// Past the window the attempts go, and two windows on the salts that could tie them to an address.
		expect(await forgetOldAttempts(a, now + ADDRESS_WINDOW_MS + 3)).toBe(3);
		await forgetOldAttempts(a, 103 * ADDRESS_WINDOW_MS);
		expect(await a.selectFrom('attempt').selectAll().execute()).toEqual([]);
		expect(await a.selectFrom('attempt_salt').select('epoch').execute()).toEqual([]);
	});

	it('refuses a flood counted through two processes and tells administrators once', async () => {
		const gateA = new FloodGate('sign_up_burst', 2, 100);
		const gateB = new FloodGate('sign_up_burst', 2, 100);
		const now = 200 * ADDRESS_WINDOW_MS;
		await gateA.record(a, '198.51.100.1', now);
		await gateB.record(b, '198.51.100.1', now + 1);
		expect(await gateA.wait(a, '198.51.100.1', now + 2)).toBeGreaterThan(0);
		expect(await gateB.wait(b, '198.51.100.1', now + 3)).toBeGreaterThan(0);
		const noted = await a.selectFrom('audit_event').select(['action', 'object_id']).execute();
		expect(noted).toEqual([{ action: 'sign_up_burst', object_id: 'per_address' }]);
	});
});

describe('the daily sweep with several processes', () => {
	it('runs once a day, in whichever process asks first', async () => {
		const now = Date.now();
		expect(await sweepIfDue(a, 'process-a', now)).not.toBeNull();
		expect(await sweepIfDue(b, 'process-b', now + 60_000)).toBeNull();
		expect(await sweepIfDue(a, 'process-a', now + DAY - 1)).toBeNull();
		expect(await sweepIfDue(b, 'process-b', now + DAY)).not.toBeNull();
		expect(await a.selectFrom('lease').selectAll().execute()).toEqual([
			{ name: 'daily_sweep', holder: 'process-b', until: now + 2 * DAY }
		]);
	});
});
