/**
 * Trainings as a learner reads them: the open ones they may ask a place in, theirs first (a
 * spouse's trainings for families, a former soldier's for former soldiers, then their area),
 * the ones they asked for, and one training in full. Where a training meets is given only to
 * those holding a place in it: it is never in anyone else's answer, so never in their page.
 */
import type { Db } from '../db';
import type { Background, Locale } from '../schema';
import type { OrgArea } from '$lib/vocab/areas';
import {
	STANDING_STATES,
	TRAINING_PROVISIONS,
	type PlaceState,
	type TrainingAudience,
	type TrainingProvision
} from '$lib/vocab/trainings';
import { isOneOf } from '$lib/vocab/one-of';
import { pickText } from '$lib/format';
import { today } from '../matching/opportunities';
import { learnerArea, skillNames } from '../skills/profile';
import { learnerPlace, learnerPlaces, placesTaken, type LearnerPlace } from './places';

/** The learner a list is ordered for: who they said they are (SessionUser carries it). */
export interface Learner {
	id: string;
	background: Background | null;
}

/** An open training in a list. */
export interface TrainingCard {
	id: string;
	title: string;
	org: string;
	area: OrgArea;
	audience: TrainingAudience;
	/** The first session's start, local time YYYY-MM-DDTHH:MM; null when it has none. */
	firstSession: string | null;
	provided: TrainingProvision[];
	seats: number;
	left: number;
	/** The starter data's example (trainings/example.ts): shown last, marked, no places to ask. */
	example: boolean;
}

/** A training the learner asked a place in, and where they stand. */
export interface MyTraining {
	id: string;
	title: string;
	org: string;
	place: LearnerPlace;
}

/** One training for a learner: everything, and where it meets only for those holding a place. */
export interface TrainingForLearner {
	full: true;
	id: string;
	title: string;
	description: string;
	org: string;
	area: OrgArea;
	audience: TrainingAudience;
	/** YYYY-MM-DD: no new request after it. */
	closesOn: string;
	seats: number;
	left: number;
	sessions: { startsAt: string; endsAt: string }[];
	provided: TrainingProvision[];
	skills: { name: string; level: number }[];
	place: LearnerPlace | null;
	/** The learner may ask for a place now (open, not an example, and not already in it or in line). */
	canAsk: boolean;
	/** The starter data's example: nobody can ask for a place in it. */
	example: boolean;
	/** Present only while the learner holds a place. */
	meetingPoint?: string;
}

/** A training the learner may no longer see but once asked a place in: its title and their state. */
export interface PastTraining {
	full: false;
	id: string;
	title: string;
	org: string;
	place: LearnerPlace;
}

/** The audiences a learner's trainings are for: spouses come for families', the others for former soldiers'. */
export function audiencesFor(background: Background | null): TrainingAudience[] {
	return background === 'family' ? ['families', 'everyone'] : ['former_soldiers', 'everyone'];
}

const isStanding = (state: PlaceState) => isOneOf(STANDING_STATES, state);

/** Provisions of several trainings, by training, in one query. */
export async function provisionsOf(
	db: Db,
	ids: string[]
): Promise<Map<string, TrainingProvision[]>> {
	const map = new Map<string, TrainingProvision[]>();
	if (ids.length === 0) return map;
	const rows = await db
		.selectFrom('training_provision')
		.select(['training_id', 'item'])
		.where('training_id', 'in', ids)
		.execute();
	// In the vocabulary's order, the same on every training.
	rows.sort((a, b) => TRAINING_PROVISIONS.indexOf(a.item) - TRAINING_PROVISIONS.indexOf(b.item));
	for (const row of rows) {
		const list = map.get(row.training_id) ?? [];
		list.push(row.item);
		map.set(row.training_id, list);
	}
	return map;
}

/**
 * The open trainings a learner may see (open, their organization vetted, still taking requests),
 * theirs first: for their audience, then in their area, then the soonest to start. The ones
 * they asked for are in `mine` (standing first, then by title), not again in `open`.
 */
export async function trainingsForLearner(
	db: Db,
	learner: Learner,
	locale: Locale,
	now = Date.now()
): Promise<{ mine: MyTraining[]; open: TrainingCard[] }> {
	const places = await learnerPlaces(db, learner.id, now);
	const rows = await db
		.selectFrom('training')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select((eb) => [
			'training.id',
			'training.title_my',
			'training.title_en',
			'training.area',
			'training.audience',
			'training.seats',
			'training.example',
			'organization.name as org',
			eb
				.selectFrom('training_session')
				.select((s) => s.fn.min<string>('training_session.starts_at').as('first'))
				.whereRef('training_session.training_id', '=', 'training.id')
				.as('first_session')
		])
		.where('training.status', '=', 'open')
		.where('organization.status', '=', 'vetted')
		.where('training.closes_on', '>=', today(now))
		.$if(places.size > 0, (qb) => qb.where('training.id', 'not in', [...places.keys()]))
		.execute();
	const ids = rows.map((r) => r.id);
	const [taken, provided] = await Promise.all([placesTaken(db, ids, now), provisionsOf(db, ids)]);
	const audiences = audiencesFor(learner.background);
	const area = await learnerArea(db, learner.id);
	const rank = (card: TrainingCard) => [
		audiences.includes(card.audience) ? 0 : 1,
		card.area === area ? 0 : 1
	];
	const open = rows
		.map((r): TrainingCard => ({
			id: r.id,
			title: pickText(locale, r.title_my, r.title_en),
			org: r.org,
			area: r.area,
			audience: r.audience,
			firstSession: r.first_session ?? null,
			provided: provided.get(r.id) ?? [],
			seats: r.seats,
			left: Math.max(0, r.seats - (taken.get(r.id) ?? 0)),
			example: r.example === 1
		}))
		.sort((a, b) => {
			const [ra, rb] = [rank(a), rank(b)];
			return (
				Number(a.example) - Number(b.example) ||
				ra[0] - rb[0] ||
				ra[1] - rb[1] ||
				(a.firstSession ?? '9999').localeCompare(b.firstSession ?? '9999') ||
				a.title.localeCompare(b.title)
			);
		});

	const mine =
		places.size === 0
			? []
			: (
					await db
						.selectFrom('training')
						.innerJoin('organization', 'organization.id', 'training.org_id')
						.select([
							'training.id',
							'training.title_my',
							'training.title_en',
							'organization.name as org'
						])
						.where('training.id', 'in', [...places.keys()])
						.execute()
				)
					.map((r) => ({
						id: r.id,
						title: pickText(locale, r.title_my, r.title_en),
						org: r.org,
						place: places.get(r.id)!
					}))
					.sort(
						(a, b) =>
							Number(isStanding(b.place.state)) - Number(isStanding(a.place.state)) ||
							a.title.localeCompare(b.title)
					);
	return { mine, open };
}

/**
 * One training for a learner. In full while it is open (organization vetted, still taking
 * requests), or while the learner still holds a place or stands in line for it (its sessions
 * go on after requests close); where it meets only while they hold a place. A training they
 * once left and may no longer see: its title and their state. Otherwise null (nothing to show).
 */
export async function trainingForLearner(
	db: Db,
	userId: string,
	trainingId: string,
	locale: Locale,
	now = Date.now()
): Promise<TrainingForLearner | PastTraining | null> {
	const row = await db
		.selectFrom('training')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select([
			'training.id',
			'training.title_my',
			'training.title_en',
			'training.description_my',
			'training.description_en',
			'training.area',
			'training.audience',
			'training.seats',
			'training.closes_on',
			'training.status',
			'training.example',
			'training.meeting_point',
			'organization.name as org',
			'organization.status as org_status'
		])
		.where('training.id', '=', trainingId)
		.executeTakeFirst();
	if (!row) return null;
	const place = await learnerPlace(db, userId, trainingId, now);
	const vetted = row.org_status === 'vetted';
	const open = vetted && row.status === 'open' && row.closes_on >= today(now);
	const standing = place !== null && isStanding(place.state);
	const title = pickText(locale, row.title_my, row.title_en);
	if (!open && !(standing && vetted && (row.status === 'open' || row.status === 'closed')))
		return place ? { full: false, id: row.id, title, org: row.org, place } : null;

	const [sessions, provided, skillRows, taken] = await Promise.all([
		db
			.selectFrom('training_session')
			.select(['starts_at', 'ends_at'])
			.where('training_id', '=', trainingId)
			.orderBy('starts_at')
			.execute(),
		provisionsOf(db, [trainingId]),
		db
			.selectFrom('training_skill')
			.select(['skill_id', 'level'])
			.where('training_id', '=', trainingId)
			.orderBy('skill_id')
			.execute(),
		placesTaken(db, [trainingId], now)
	]);
	const names = await skillNames(
		db,
		skillRows.map((s) => s.skill_id),
		locale
	);
	return {
		full: true,
		id: row.id,
		title,
		description: pickText(locale, row.description_my, row.description_en),
		org: row.org,
		area: row.area,
		audience: row.audience,
		closesOn: row.closes_on,
		seats: row.seats,
		left: Math.max(0, row.seats - (taken.get(trainingId) ?? 0)),
		sessions: sessions.map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })),
		provided: provided.get(trainingId) ?? [],
		skills: skillRows.map((s) => ({ name: names[s.skill_id] ?? s.skill_id, level: s.level })),
		place,
		canAsk: open && !standing && row.example === 0,
		example: row.example === 1,
		...(place?.state === 'holding' && row.meeting_point ? { meetingPoint: row.meeting_point } : {})
	};
}
