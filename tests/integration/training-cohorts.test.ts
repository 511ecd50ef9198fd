/**
 * A training's cohort after the places: attendance marked by its organization only, for those
 * holding a place; completion with the share of sessions it sets, a certificate verifiable at
 * /verify and the training's skills as verified by it; threads and notices with a mute; "who saw
 * me" counting rosters; a deleted participant's part gone with them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import { eraseAccounts } from '$lib/server/accounts/erase';
import { askForPlace } from '$lib/server/trainings/places';
import { attendanceSheet, attendedShare, markAttendance } from '$lib/server/trainings/attendance';
import { completeTraining, previewCompletion } from '$lib/server/trainings/completion';
import {
	learnerThread,
	learnerTrainingNews,
	learnerWrites,
	learnerSawTraining,
	muteTraining,
	orgThread,
	orgTrainingNews,
	orgWrites,
	postNotice
} from '$lib/server/trainings/messages';
import { listCertificates, verifyCertificate } from '$lib/server/courses/certificates';
import { getProfile } from '$lib/server/skills/profile';
import { viewsOfLearner } from '$lib/server/audit/trail';
import { listOpportunities } from '$lib/server/matching/opportunities';
import { moveTraining } from '$lib/server/trainings/editing';
import { openRole } from '../helpers/roles';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openTraining } from '../helpers/trainings';

let db: Db;
eachTestDb((made) => (db = made));

let member: string;
let admin: string;
/** The day after the training's second session (2099-01-06). */
const after = Date.UTC(2099, 0, 7, 9);
beforeEach(async () => {
	member = (await vettedOrgMember(db, 'sewing')).userId;
	const made = await createAdministrator(db, 'checker');
	if (!made.ok) throw new Error(made.error);
	admin = made.userId;
	await db
		.insertInto('skill')
		.values({ id: 'sewing_machine_operation', name_my: 'စက်ချုပ်', name_en: 'Machine sewing' })
		.execute();
});

/** A two-session sewing training teaching machine sewing at level 2, with `seats` places, and learners asking in order. */
async function cohort(seats: number, asking: number) {
	const training = await openTraining(db, member, admin, seats, {
		skills: [{ id: 'sewing_machine_operation', level: 2 }]
	});
	const learners: string[] = [];
	for (let i = 0; i < asking; i++) {
		const id = (await account(db, `spouse${i}`, 'learner')).userId;
		const asked = await askForPlace(db, id, training, 1000 + i);
		if (!asked.ok) throw new Error(asked.error);
		learners.push(id);
	}
	const sheet = (await attendanceSheet(db, member, training, after))!;
	return { training, learners, sheet };
}

describe('attendance', () => {
	it('lists only those holding a place, by pseudonym, and is marked by the organization only', async () => {
		const { training, sheet } = await cohort(2, 3);
		expect(sheet.participants).toHaveLength(2);
		for (const p of sheet.participants) expect(p.pseudonym).not.toMatch(/spouse/);
		expect(sheet.sessions.map((s) => s.startsAt)).toEqual(['2099-01-05T09:00', '2099-01-06T09:00']);

		const other = (await vettedOrgMember(db, 'other-org')).userId;
		expect(await attendanceSheet(db, other, training, after)).toBeNull();
		const [first, second] = sheet.sessions;
		const marks = sheet.participants.map((p) => ({ placeId: p.placeId, mark: 'present' as const }));
		expect(await markAttendance(db, other, training, first.id, marks, after)).toEqual({
			ok: false,
			error: 'no_training'
		});
		const learner = (await account(db, 'not-member', 'learner')).userId;
		expect((await markAttendance(db, learner, training, first.id, marks, after)).ok).toBe(false);
		expect(await db.selectFrom('training_attendance').selectAll().execute()).toEqual([]);

		// A session not yet come cannot be marked; one of another training is no session here.
		expect(
			await markAttendance(db, member, training, second.id, marks, Date.UTC(2099, 0, 5, 12))
		).toEqual({ ok: false, error: 'not_yet' });
		const elsewhere = await openTraining(db, member, admin, 1);
		const elsewhereSession = (await attendanceSheet(db, member, elsewhere, after))!.sessions[0];
		expect(await markAttendance(db, member, training, elsewhereSession.id, marks, after)).toEqual({
			ok: false,
			error: 'no_session'
		});
	});

	it('refuses the whole sheet when one place is not a participant, and lands once when sent twice', async () => {
		const { training, learners, sheet } = await cohort(2, 3);
		const waiting = await db
			.selectFrom('training_place')
			.select('id')
			.where('user_id', '=', learners[2])
			.executeTakeFirstOrThrow();
		const session = sheet.sessions[0].id;
		const marks = [
			{ placeId: sheet.participants[0].placeId, mark: 'present' as const },
			{ placeId: waiting.id, mark: 'present' as const }
		];
		expect(await markAttendance(db, member, training, session, marks, after)).toEqual({
			ok: false,
			error: 'not_participant'
		});
		expect(await db.selectFrom('training_attendance').selectAll().execute()).toEqual([]);

		const good = sheet.participants.map((p, i) => ({
			placeId: p.placeId,
			mark: i === 0 ? ('present' as const) : ('absent' as const)
		}));
		expect(await markAttendance(db, member, training, session, good, after)).toEqual({
			ok: true,
			marked: 2
		});
		expect(await markAttendance(db, member, training, session, good, after + 1)).toEqual({
			ok: true,
			marked: 2
		});
		const again = (await attendanceSheet(db, member, training, after))!;
		expect(again.participants.map((p) => p.marks[session])).toEqual(['present', 'absent']);
		expect(await db.selectFrom('training_attendance').selectAll().execute()).toHaveLength(2);
	});

	it('counts an excused session in neither the attended nor the held', () => {
		expect(attendedShare(['present', 'present'], 2)).toBe(100);
		expect(attendedShare(['present', 'absent'], 2)).toBe(50);
		expect(attendedShare(['present', 'excused'], 2)).toBe(100);
		expect(attendedShare(['present'], 2)).toBe(50);
		expect(attendedShare(['excused', 'excused'], 2)).toBe(0);
		expect(attendedShare([], 0)).toBe(0);
	});

	it('is recorded as a view of each participant on the learner\'s "who saw me"', async () => {
		const { learners } = await cohort(2, 3);
		const seen = await viewsOfLearner(db, learners[0]);
		expect(seen[0]).toMatchObject({ seen: ['roster'] });
		expect(await viewsOfLearner(db, learners[2])).toEqual([]);
	});
});

describe('completion', () => {
	it('certifies those who attended the share, with the skill verified by the training, once', async () => {
		const { training, learners, sheet } = await cohort(2, 3);
		const [a, b] = sheet.participants;
		const [first, second] = sheet.sessions;
		await markAttendance(
			db,
			member,
			training,
			first.id,
			[
				{ placeId: a.placeId, mark: 'present' },
				{ placeId: b.placeId, mark: 'present' }
			],
			after
		);
		await markAttendance(
			db,
			member,
			training,
			second.id,
			[
				{ placeId: a.placeId, mark: 'excused' },
				{ placeId: b.placeId, mark: 'absent' }
			],
			after
		);
		expect(await previewCompletion(db, member, training, 75)).toEqual({
			share: 75,
			participants: [
				{ placeId: a.placeId, attended: 100, completes: true },
				{ placeId: b.placeId, attended: 50, completes: false }
			]
		});
		// Not before the last session's day.
		expect(await completeTraining(db, member, training, 75, Date.UTC(2099, 0, 5, 20))).toEqual({
			ok: false,
			error: 'not_yet'
		});
		const other = (await vettedOrgMember(db, 'other-org')).userId;
		expect(await completeTraining(db, other, training, 75, after)).toEqual({
			ok: false,
			error: 'no_training'
		});

		expect(await completeTraining(db, member, training, 75, after)).toEqual({
			ok: true,
			completed: 1,
			notCompleted: 1
		});
		expect(await completeTraining(db, member, training, 50, after)).toEqual({
			ok: false,
			error: 'already_completed'
		});

		const [certificate] = await listCertificates(db, learners[0], 'en');
		expect(certificate).toMatchObject({ kind: 'training', title: 'Sewing', revoked: false });
		expect(await verifyCertificate(db, certificate.code.toLowerCase())).toMatchObject({
			status: 'valid',
			kind: 'training',
			title: { en: 'Sewing' },
			org: expect.stringContaining('sewing')
		});
		expect(await listCertificates(db, learners[1], 'en')).toEqual([]);
		expect(await listCertificates(db, learners[2], 'en')).toEqual([]);

		const profile = await getProfile(db, learners[0], 'en');
		expect(profile.skills.find((s) => s.id === 'sewing_machine_operation')).toMatchObject({
			level: 2,
			sources: [{ kind: 'training', level: 2, from: 'Sewing' }]
		});
		const notCompleted = await getProfile(db, learners[1], 'en');
		expect(notCompleted.skills.find((s) => s.id === 'sewing_machine_operation')).toBeUndefined();
	});

	it('two members completing at once complete it once', async () => {
		const { training, sheet } = await cohort(2, 2);
		for (const session of sheet.sessions)
			await markAttendance(
				db,
				member,
				training,
				session.id,
				sheet.participants.map((p) => ({ placeId: p.placeId, mark: 'present' as const })),
				after
			);
		const results = await Promise.all([
			completeTraining(db, member, training, 75, after),
			completeTraining(db, member, training, 75, after)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(await db.selectFrom('training_certificate').selectAll().execute()).toHaveLength(2);
	});
});

describe('messages', () => {
	it('a thread per participant, notices to all, read by the organization on the record', async () => {
		const { training, learners, sheet } = await cohort(2, 3);
		const [a, b] = learners;
		expect(await learnerWrites(db, a, training, 'Can I bring my baby?', 2000)).toEqual({
			ok: true
		});
		expect(
			await orgWrites(db, member, training, sheet.participants[0].placeId, 'Yes', 3000)
		).toEqual({ ok: true });
		expect(await postNotice(db, member, training, 'We start at ten', 4000)).toEqual({ ok: true });

		expect((await learnerThread(db, a, training))!.messages).toEqual([
			{ by: 'learner', notice: false, body: 'Can I bring my baby?', at: 2000 },
			{ by: 'organization', notice: false, body: 'Yes', at: 3000 },
			{ by: 'organization', notice: true, body: 'We start at ten', at: 4000 }
		]);
		expect((await learnerThread(db, b, training))!.messages.map((m) => m.body)).toEqual([
			'We start at ten'
		]);
		// The one waiting reads notices but writes only once taking part.
		expect(await learnerWrites(db, learners[2], training, 'Me too?', 5000)).toEqual({
			ok: false,
			error: 'not_allowed'
		});
		const other = (await vettedOrgMember(db, 'other-org')).userId;
		expect(await orgThread(db, other, training, sheet.participants[0].placeId)).toBeNull();
		expect(await postNotice(db, other, training, 'Spam')).toEqual({
			ok: false,
			error: 'no_training'
		});

		expect(await orgTrainingNews(db, member)).toEqual([
			{ placeId: sheet.participants[0].placeId, trainingId: training }
		]);
		const read = (await orgThread(db, member, training, sheet.participants[0].placeId, 6000))!;
		expect(read.messages).toHaveLength(3);
		// Read on the day of `6000`; the roster was opened on the training's day.
		expect((await viewsOfLearner(db, a)).map((v) => v.seen)).toEqual([['roster'], ['messages']]);
	});

	it('news for the learner unless muted; a place offered is news even muted', async () => {
		const { training, learners } = await cohort(1, 2);
		const [a, b] = learners;
		await learnerSawTraining(db, a, training, 1500);
		expect(await learnerTrainingNews(db, a)).toEqual([]);
		await postNotice(db, member, training, 'Bring scissors', 2000);
		expect(await learnerTrainingNews(db, a)).toEqual([training]);
		expect(await muteTraining(db, a, training, true)).toEqual({ ok: true });
		expect(await learnerTrainingNews(db, a)).toEqual([]);

		await learnerSawTraining(db, b, training, 2500);
		await muteTraining(db, b, training, true);
		const { withdrawPlace } = await import('$lib/server/trainings/places');
		await withdrawPlace(db, a, training, 3000);
		expect(await learnerTrainingNews(db, b)).toEqual([training]);
		await learnerSawTraining(db, b, training, 3500);
		expect(await learnerTrainingNews(db, b)).toEqual([]);
	});
});

describe('a deleted participant', () => {
	it('takes their attendance, thread and certificate with them; notices stay', async () => {
		const { training, learners, sheet } = await cohort(2, 2);
		for (const session of sheet.sessions)
			await markAttendance(
				db,
				member,
				training,
				session.id,
				sheet.participants.map((p) => ({ placeId: p.placeId, mark: 'present' as const })),
				after
			);
		await learnerWrites(db, learners[0], training, 'Thank you');
		await postNotice(db, member, training, 'Well done, all');
		await completeTraining(db, member, training, 75, after);
		await eraseAccounts(db, [learners[0]]);
		for (const table of ['training_attendance', 'training_certificate'] as const)
			expect(
				await db.selectFrom(table).select('user_id').where('user_id', '=', learners[0]).execute()
			).toEqual([]);
		expect(
			(await db.selectFrom('training_message').select('body').execute()).map((m) => m.body)
		).toEqual(['Well done, all']);
		expect(await db.selectFrom('training_certificate').selectAll().execute()).toHaveLength(1);
	});
});

describe('a skill gap', () => {
	it('points to open trainings teaching it past what the learner has, and never to a closed one', async () => {
		const role = await openRole(db, member, admin, 'Tailor', [
			{ id: 'sewing_machine_operation', level: 2, required: true }
		]);
		const reaching = await openTraining(db, member, admin, 4, {
			titleEn: 'Sewing, working level',
			skills: [{ id: 'sewing_machine_operation', level: 2 }]
		});
		const step = await openTraining(db, member, admin, 4, {
			titleEn: 'Sewing, first steps',
			skills: [{ id: 'sewing_machine_operation', level: 1 }]
		});
		const closed = await openTraining(db, member, admin, 4, {
			skills: [{ id: 'sewing_machine_operation', level: 2 }]
		});
		expect((await moveTraining(db, member, closed, 'close')).ok).toBe(true);
		const learner = (await account(db, 'tailor-to-be', 'learner')).userId;
		const [opportunity] = await listOpportunities(db, learner, 'en');
		expect(opportunity.id).toBe(role);
		expect(opportunity.missing[0].trainings).toEqual([
			{ id: reaching, title: 'Sewing, working level', level: 2 },
			{ id: step, title: 'Sewing, first steps', level: 1 }
		]);
	});
});
