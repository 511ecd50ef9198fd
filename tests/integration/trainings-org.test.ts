/**
 * Trainings as their organization writes and reads them (trainings/editing.ts, organization.ts)
 * and as an administrator checks them (trainings/review.ts); the form's rules (schemas/training.ts).
 */
import { removePostedSkill, setPostedSkill } from '$lib/server/roles/posted-skills';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import {
	createTraining,
	moveTraining,
	TRAINING_SKILLS_MAX,
	updateTraining
} from '$lib/server/trainings/editing';
import {
	getOrgTraining,
	listOrgTrainings,
	trainingCohort
} from '$lib/server/trainings/organization';
import { reviewTraining, trainingForReview, trainingsToReview } from '$lib/server/trainings/review';
import { askForPlace, OFFER_MS, withdrawPlace } from '$lib/server/trainings/places';
import { trainingFormValues } from '$lib/server/trainings/form';
import { pseudonym } from '$lib/server/matching/candidates';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { trainingDetailsSchema } from '$lib/schemas/training';
import { sessionRowsOf } from '$lib/training-rows';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openTraining, trainingInput } from '../helpers/trainings';

let db: Db;
eachTestDb((made) => (db = made), { taxonomy: true });

let member: string;
let other: string;
let admin: string;
beforeEach(async () => {
	member = (await vettedOrgMember(db, 'sewing')).userId;
	other = (await vettedOrgMember(db, 'cooking')).userId;
	const made = await createAdministrator(db, 'checker');
	if (!made.ok) throw new Error(made.error);
	admin = made.userId;
});

const orgOf = async (userId: string) =>
	(
		await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', userId)
			.executeTakeFirstOrThrow()
	).org_id;

const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** The form as a phone sends it: two sessions today, one blank row, Burmese digits in places. */
const form = (more: Record<string, string> = {}): Record<string, string> => ({
	title_my: 'အပ်ချုပ် သင်တန်း',
	title_en: '',
	description_my: 'စက်ချုပ် နှစ်ကြိမ်',
	description_en: '',
	audience: 'families',
	area: 'mae_sot',
	seats: '၂',
	closes_on: today,
	meeting_point: 'Community hall behind the market',
	provided_materials: 'on',
	provided_childcare: 'on',
	completion_share: '',
	session_rows: '4',
	session_1_day: today,
	session_1_start: '13:00',
	session_1_end: '16:00',
	session_2_day: today,
	session_2_start: '၀၉:၀၀',
	session_2_end: '12:00',
	session_3_day: '',
	session_3_start: '',
	session_3_end: '',
	...more
});
const issues = (values: Record<string, string>) => {
	const parsed = trainingDetailsSchema.safeParse(values);
	return parsed.success
		? {}
		: Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message]));
};

describe('the training form', () => {
	it('reads the sessions in order, digits of both kinds, the default completion share', () => {
		const parsed = trainingDetailsSchema.parse(form());
		expect(parsed).toEqual({
			titleMy: 'အပ်ချုပ် သင်တန်း',
			titleEn: '',
			descriptionMy: 'စက်ချုပ် နှစ်ကြိမ်',
			descriptionEn: '',
			audience: 'families',
			area: 'mae_sot',
			seats: 2,
			closesOn: today,
			meetingPoint: 'Community hall behind the market',
			provided: ['materials', 'childcare'],
			completionShare: 75,
			sessions: [
				{ startsAt: `${today}T09:00`, endsAt: `${today}T12:00` },
				{ startsAt: `${today}T13:00`, endsAt: `${today}T16:00` }
			]
		});
		expect(trainingDetailsSchema.parse(form({ completion_share: '၉၀' })).completionShare).toBe(90);
	});

	it('refuses what would make a training nobody can attend, each beside its field', () => {
		expect(issues(form({ session_1_end: '12:30', session_1_start: '13:00' }))).toEqual({
			session_1_end: 'error_training_end'
		});
		expect(issues(form({ session_1_day: yesterday }))).toEqual({
			session_1_day: 'error_training_past'
		});
		expect(issues(form({ session_3_start: '10:00' }))).toMatchObject({
			session_3_day: 'error_date',
			session_3_end: 'error_training_time'
		});
		expect(
			issues(
				form({
					session_1_day: '',
					session_1_start: '',
					session_1_end: '',
					session_2_day: '',
					session_2_start: '',
					session_2_end: ''
				})
			)
		).toEqual({ session_1_day: 'error_training_sessions' });
		expect(issues(form({ closes_on: '2099-01-01' }))).toEqual({
			closes_on: 'error_training_closes'
		});
		expect(issues(form({ closes_on: yesterday }))).toMatchObject({
			closes_on: 'error_training_past'
		});
		expect(issues(form({ seats: '501' }))).toEqual({ seats: 'error_training_seats' });
		expect(issues(form({ seats: '0' }))).toEqual({ seats: 'error_training_seats' });
		expect(issues(form({ completion_share: '40' }))).toEqual({
			completion_share: 'error_training_share'
		});
		expect(issues(form({ meeting_point: ' ' }))).toEqual({ meeting_point: 'error_required' });
		expect(issues(form({ title_my: '' }))).toEqual({ title_my: 'error_one_language' });
		expect(issues(form({ area: '' }))).toEqual({ area: 'error_choice' });
		expect(issues(form({ audience: 'soldiers' }))).toEqual({ audience: 'error_choice' });
	});

	it('shows four rows, four more when asked, never more than twenty', () => {
		expect(sessionRowsOf({})).toBe(4);
		expect(sessionRowsOf({ session_rows: '4' }, true)).toBe(8);
		expect(sessionRowsOf({ session_rows: '8', session_11_day: today })).toBe(11);
		expect(sessionRowsOf({ session_rows: '20' }, true)).toBe(20);
		expect(sessionRowsOf({ session_rows: '999' })).toBe(4);
	});
});

describe('writing a training', () => {
	it('stores the completion share and everything the form gives; the form shows it again', async () => {
		const details = trainingDetailsSchema.parse(form({ completion_share: '80' }));
		const created = await createTraining(db, member, { ...details, skills: [] });
		if (!created.ok) throw new Error(created.error);
		const training = await getOrgTraining(db, member, created.id);
		expect(training).toMatchObject({
			status: 'draft',
			completionShare: 80,
			meetingPoint: 'Community hall behind the market',
			provided: expect.arrayContaining(['materials', 'childcare']),
			sessions: details.sessions,
			moves: ['submit'],
			places: { seats: 2, left: 2 }
		});
		const values = trainingFormValues(training!);
		expect(values).toMatchObject({
			seats: '2',
			completion_share: '80',
			session_1_day: today,
			session_1_start: '09:00',
			session_2_start: '13:00',
			provided_childcare: 'on',
			session_rows: '4'
		});
		// What the page shows, sent back unchanged, is the same training.
		expect(trainingDetailsSchema.parse(values)).toEqual(details);
	});

	it('lets a draft change, and only a draft of the caller’s own vetted organization', async () => {
		const created = await createTraining(db, member, trainingInput(2));
		if (!created.ok) throw new Error(created.error);
		const changed = trainingInput(5, {
			titleEn: 'Sewing, longer',
			completionShare: 100,
			provided: ['meals'],
			sessions: [{ startsAt: '2099-01-07T08:00', endsAt: '2099-01-07T10:00' }]
		});
		expect(await updateTraining(db, other, created.id, changed)).toEqual({
			ok: false,
			error: 'no_training'
		});
		const learner = (await account(db, 'spouse', 'learner')).userId;
		expect(await updateTraining(db, learner, created.id, changed)).toEqual({
			ok: false,
			error: 'not_vetted'
		});
		expect(await updateTraining(db, member, created.id, changed)).toEqual({ ok: true });
		expect(await getOrgTraining(db, member, created.id)).toMatchObject({
			titleEn: 'Sewing, longer',
			seats: 5,
			completionShare: 100,
			provided: ['meals'],
			sessions: changed.sessions
		});
		await moveTraining(db, member, created.id, 'submit');
		expect(await updateTraining(db, member, created.id, trainingInput(2))).toEqual({
			ok: false,
			error: 'not_draft'
		});
		// Returned by an administrator: a draft again, with the note, and it changes.
		expect(await reviewTraining(db, admin, created.id, 'return', 'Say what to bring')).toEqual({
			ok: true
		});
		expect(await getOrgTraining(db, member, created.id)).toMatchObject({
			status: 'draft',
			reviewNote: 'Say what to bring'
		});
		expect(await updateTraining(db, member, created.id, trainingInput(3))).toEqual({ ok: true });
	});

	it('takes skills of the shared list one by one, at most twelve, on a draft only', async () => {
		const created = await createTraining(db, member, trainingInput(2));
		if (!created.ok) throw new Error(created.error);
		expect(
			await setPostedSkill(db, 'training', member, created.id, { id: 'first_aid', level: 1 })
		).toEqual({
			ok: true
		});
		expect(
			await setPostedSkill(db, 'training', member, created.id, { id: 'first_aid', level: 2 })
		).toEqual({
			ok: true
		});
		expect(
			await setPostedSkill(db, 'training', member, created.id, { id: 'no_such', level: 2 })
		).toEqual({
			ok: false,
			error: 'no_skill'
		});
		expect(
			await setPostedSkill(db, 'training', other, created.id, { id: 'thai', level: 2 })
		).toEqual({
			ok: false,
			error: 'no_training'
		});
		expect((await getOrgTraining(db, member, created.id))!.skills).toEqual([
			{ id: 'first_aid', level: 2 }
		]);
		const ids = (
			await db.selectFrom('skill').select('id').where('proposed_by_org', 'is', null).execute()
		).map((s) => s.id);
		for (const id of ids.filter((id) => id !== 'first_aid').slice(0, TRAINING_SKILLS_MAX - 1))
			expect((await setPostedSkill(db, 'training', member, created.id, { id, level: 1 })).ok).toBe(
				true
			);
		const extra = ids.filter((id) => id !== 'first_aid')[TRAINING_SKILLS_MAX - 1];
		expect(
			await setPostedSkill(db, 'training', member, created.id, { id: extra, level: 1 })
		).toEqual({
			ok: false,
			error: 'too_many_skills'
		});
		expect(await removePostedSkill(db, 'training', member, created.id, 'first_aid')).toEqual({
			ok: true
		});
		await moveTraining(db, member, created.id, 'submit');
		expect(await removePostedSkill(db, 'training', member, created.id, ids[1])).toEqual({
			ok: false,
			error: 'not_draft'
		});
	});
});

describe('what the organization reads', () => {
	it('lists its own trainings with the places taken; nobody else reads them', async () => {
		const training = await openTraining(db, member, admin, 2);
		await createTraining(db, other, trainingInput(3, { titleEn: 'Cooking' }));
		const [a, b, c] = await Promise.all(
			['spouse1', 'spouse2', 'spouse3'].map(async (n) => (await account(db, n, 'learner')).userId)
		);
		await askForPlace(db, a, training, 1000);
		await askForPlace(db, b, training, 2000);
		await askForPlace(db, c, training, 3000);
		expect(await listOrgTrainings(db, member)).toEqual([
			{
				id: training,
				title: { my: 'အပ်ချုပ် သင်တန်း', en: 'Sewing' },
				status: 'open',
				seats: 2,
				taken: 2,
				firstSession: '2099-01-05T09:00'
			}
		]);
		expect((await listOrgTrainings(db, other)).map((t) => t.title.en)).toEqual(['Cooking']);
		expect(await listOrgTrainings(db, a)).toEqual([]);
		for (const stranger of [other, a, admin]) {
			expect(await getOrgTraining(db, stranger, training)).toBeNull();
			expect(await trainingCohort(db, stranger, training)).toBeNull();
		}
		// A suspended organization reads none of its trainings' people any more.
		await decideOrganization(db, admin, await orgOf(member), 'suspend', '');
		expect(await getOrgTraining(db, member, training)).toBeNull();
		expect(await trainingCohort(db, member, training)).toBeNull();
		expect(await listOrgTrainings(db, member)).toEqual([]);
	});

	it('shows its cohort by pseudonym: who holds, who is offered until when, who waits in order', async () => {
		const training = await openTraining(db, member, admin, 2);
		const orgId = await orgOf(member);
		const ids: string[] = [];
		for (const n of [1, 2, 3, 4, 5]) ids.push((await account(db, `spouse${n}`, 'learner')).userId);
		const [a, b, c, d, e] = ids;
		for (const [i, id] of ids.entries()) await askForPlace(db, id, training, 1000 * (i + 1));
		const name = (id: string) => pseudonym(orgId, id);
		expect(await trainingCohort(db, member, training, 6000)).toEqual({
			holding: [{ pseudonym: name(a) }, { pseudonym: name(b) }],
			offered: [],
			waiting: [
				{ pseudonym: name(c), position: 1 },
				{ pseudonym: name(d), position: 2 },
				{ pseudonym: name(e), position: 3 }
			],
			left: 0
		});
		await withdrawPlace(db, a, training, 7000);
		expect(await trainingCohort(db, member, training, 8000)).toEqual({
			holding: [{ pseudonym: name(b) }],
			offered: [{ pseudonym: name(c), until: 7000 + OFFER_MS }],
			waiting: [
				{ pseudonym: name(d), position: 1 },
				{ pseudonym: name(e), position: 2 }
			],
			left: 1
		});
		// An offer that ran out is no longer an offer, even before the hourly sweep.
		const later = await trainingCohort(db, member, training, 7001 + OFFER_MS);
		expect(later?.offered).toEqual([]);
		expect(later?.left).toBe(2);
		const page = JSON.stringify(await trainingCohort(db, member, training, 8000));
		for (const username of ['spouse1', 'spouse2', 'spouse3']) expect(page).not.toContain(username);
		for (const id of ids) expect(page).not.toContain(id);
	});
});

describe('what an administrator checks', () => {
	it('lists submitted trainings oldest first, and shows the whole training with its meeting point', async () => {
		const first = await createTraining(db, member, trainingInput(2), 1000);
		const second = await createTraining(db, other, trainingInput(3, { titleEn: 'Cooking' }), 1000);
		if (!first.ok || !second.ok) throw new Error('not created');
		await setPostedSkill(db, 'training', member, first.id, { id: 'first_aid', level: 2 });
		await moveTraining(db, other, second.id, 'submit', 2000);
		await moveTraining(db, member, first.id, 'submit', 3000);
		expect((await trainingsToReview(db)).map((t) => [t.title.en, t.org])).toEqual([
			['Cooking', 'cooking org'],
			['Sewing', 'sewing org']
		]);
		expect(await trainingForReview(db, first.id, 'en')).toMatchObject({
			org: 'sewing org',
			status: 'submitted',
			meetingPoint: 'The community hall behind the market',
			completionShare: 75,
			skills: [{ name: 'First aid', level: 2 }]
		});
		expect(await reviewTraining(db, admin, first.id, 'approve', '')).toEqual({ ok: true });
		expect((await trainingsToReview(db)).map((t) => t.title.en)).toEqual(['Cooking']);
		expect(await trainingForReview(db, 'nosuchtraining', 'en')).toBeNull();
		const audit = await db
			.selectFrom('audit_event')
			.select(['action', 'object_id'])
			.where('object_id', '=', first.id)
			.execute();
		expect(audit).toEqual([{ action: 'training_approve', object_id: first.id }]);
	});
});
