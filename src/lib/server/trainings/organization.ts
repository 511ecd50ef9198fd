/**
 * Trainings as their organization reads them: its list with the places taken, one training with
 * what it may do next, and its cohort. Only members of the training's organization, while it is
 * vetted, read them; anyone else gets null (a 404, as for roles). Learners in the cohort appear
 * by the pseudonym the organization knows them by (matching/candidates.ts), never by name.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../db';
import type { RoleStatus, TrainingTable } from '../schema';
import { vettedOrgOf } from '../orgs/membership';
import { allowedMoves } from '../roles/reviewed';
import { pseudonym } from '../matching/candidates';
import { recordAudit } from '../audit/trail';
import { placesLeft } from './places';
import type { TrainingDetails } from './editing';
import type { RoleMove } from '$lib/vocab/roles';
import { TRAINING_PROVISIONS } from '$lib/vocab/trainings';

type Bilingual = { my: string; en: string };

export interface OrgTrainingSummary {
	id: string;
	title: Bilingual;
	status: RoleStatus;
	seats: number;
	/** Places held, or offered and not lapsed. */
	taken: number;
	/** The first session's start (YYYY-MM-DDTHH:MM), or null for none. */
	firstSession: string | null;
}

/** The trainings of the caller's vetted organization, newest change first; [] for anyone else. */
export async function listOrgTrainings(
	db: Db,
	userId: string,
	now = Date.now()
): Promise<OrgTrainingSummary[]> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return [];
	const rows = await db
		.selectFrom('training')
		.select(['id', 'title_my', 'title_en', 'status', 'seats'])
		.select((eb) =>
			eb
				.selectFrom('training_session')
				.select((s) => s.fn.min('starts_at').as('first'))
				.whereRef('training_session.training_id', '=', 'training.id')
				.as('first_session')
		)
		.where('org_id', '=', orgId)
		.orderBy('updated_at', 'desc')
		.orderBy('id')
		.execute();
	const list: OrgTrainingSummary[] = [];
	for (const r of rows) {
		const places = await placesLeft(db, r.id, now);
		list.push({
			id: r.id,
			title: { my: r.title_my, en: r.title_en },
			status: r.status,
			seats: r.seats,
			taken: places ? places.seats - places.left : 0,
			firstSession: r.first_session ?? null
		});
	}
	return list;
}

export interface OrgTraining extends TrainingDetails {
	id: string;
	status: RoleStatus;
	reviewNote: string;
	completionShare: number;
	moves: RoleMove[];
	places: { seats: number; left: number };
}

/** The training of the caller's vetted organization, or null (nobody's, or someone else's). */
export async function orgTraining(
	db: Db,
	userId: string,
	trainingId: string
): Promise<Selectable<TrainingTable> | null> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return null;
	return (
		(await db
			.selectFrom('training')
			.selectAll()
			.where('id', '=', trainingId)
			.where('org_id', '=', orgId)
			.executeTakeFirst()) ?? null
	);
}

/** A stored training with its sessions, provisions and skills, as the domain speaks of it. */
export async function trainingDetailsOf(
	db: Db,
	training: Selectable<TrainingTable>
): Promise<TrainingDetails & { completionShare: number }> {
	const sessions = await db
		.selectFrom('training_session')
		.select(['starts_at', 'ends_at'])
		.where('training_id', '=', training.id)
		.orderBy('starts_at')
		.orderBy('id')
		.execute();
	const provided = await db
		.selectFrom('training_provision')
		.select('item')
		.where('training_id', '=', training.id)
		.execute();
	const skills = await db
		.selectFrom('training_skill')
		.select(['skill_id', 'level'])
		.where('training_id', '=', training.id)
		.orderBy('skill_id')
		.execute();
	return {
		titleMy: training.title_my,
		titleEn: training.title_en,
		descriptionMy: training.description_my,
		descriptionEn: training.description_en,
		audience: training.audience,
		area: training.area,
		seats: training.seats,
		closesOn: training.closes_on,
		meetingPoint: training.meeting_point,
		completionShare: training.completion_share,
		// In the order of the list, whatever order they were stored in.
		provided: TRAINING_PROVISIONS.filter((item) => provided.some((p) => p.item === item)),
		sessions: sessions.map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })),
		skills: skills.map((s) => ({ id: s.skill_id, level: s.level }))
	};
}

/** One training of the caller's vetted organization, with the moves it allows; null otherwise. */
export async function getOrgTraining(
	db: Db,
	userId: string,
	trainingId: string,
	now = Date.now()
): Promise<OrgTraining | null> {
	const training = await orgTraining(db, userId, trainingId);
	if (!training) return null;
	return {
		id: training.id,
		status: training.status,
		reviewNote: training.review_note,
		moves: allowedMoves(training.status),
		places: (await placesLeft(db, training.id, now)) ?? { seats: training.seats, left: 0 },
		...(await trainingDetailsOf(db, training))
	};
}

export interface Cohort {
	/** Hold a place, in the order they asked. */
	holding: { pseudonym: string }[];
	/** A freed place is kept for them until `until`. */
	offered: { pseudonym: string; until: number }[];
	/** The waitlist, first in line first. */
	waiting: { pseudonym: string; position: number }[];
	/** Withdrew, declined, or let an offer lapse. */
	left: number;
}

/**
 * Who holds a place in the training, who is offered one and until when, and who waits in
 * order, each by the organization's pseudonym for them; null unless the training is the caller's
 * vetted organization's. An offer that ran out counts as declined, as places.ts counts it.
 */
export async function trainingCohort(
	db: Db,
	userId: string,
	trainingId: string,
	now = Date.now()
): Promise<Cohort | null> {
	const training = await orgTraining(db, userId, trainingId);
	if (!training) return null;
	const places = await db
		.selectFrom('training_place')
		.select(['user_id', 'state', 'offered_until'])
		.where('training_id', '=', trainingId)
		.orderBy('asked_at')
		.orderBy('id')
		.execute();
	const cohort: Cohort = { holding: [], offered: [], waiting: [], left: 0 };
	const listed: string[] = [];
	for (const place of places) {
		const name = pseudonym(training.org_id, place.user_id);
		if (place.state === 'holding') cohort.holding.push({ pseudonym: name });
		else if (place.state === 'waiting')
			cohort.waiting.push({ pseudonym: name, position: cohort.waiting.length + 1 });
		else if (place.state === 'offered' && (place.offered_until ?? 0) >= now)
			cohort.offered.push({ pseudonym: name, until: place.offered_until! });
		else {
			cohort.left++;
			continue;
		}
		listed.push(place.user_id);
	}
	// Each person shown is a view of them ("who saw me"), as on the attendance sheet.
	await recordAudit(
		db,
		listed.map((learner) => ({
			actor: userId,
			org: training.org_id,
			action: 'roster_view' as const,
			object: learner
		})),
		now
	);
	return cohort;
}
