/**
 * What a learner's phone may keep of their trainings, to read with no network: the trainings
 * they hold a place in that have not ended, with their sessions, what is provided and where
 * they meet. Asked for by the phone only when the learner chose to keep a training on it
 * (src/lib/offline/trainings.ts); a place given up, a training ended or an organization no
 * longer vetted drops out of the answer, and so off the phone at its next refresh.
 */
import type { Db } from '../db';
import type { KeptTraining } from '$lib/offline/trainings';
import { today } from '../matching/opportunities';
import { provisionsOf } from './listing';

export async function keptTrainings(
	db: Db,
	userId: string,
	now = Date.now()
): Promise<KeptTraining[]> {
	const rows = await db
		.selectFrom('training_place')
		.innerJoin('training', 'training.id', 'training_place.training_id')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select([
			'training.id',
			'training.title_my',
			'training.title_en',
			'training.meeting_point',
			'organization.name as org'
		])
		.where('training_place.user_id', '=', userId)
		.where('training_place.state', '=', 'holding')
		.where('training.status', 'in', ['open', 'closed'])
		.where('organization.status', '=', 'vetted')
		// Not ended: a session on or after today (local times against a day, as the daily sweep).
		.where('training.id', 'in', (eb) =>
			eb
				.selectFrom('training_session')
				.select('training_id')
				.groupBy('training_id')
				.having((h) => h.fn.max('ends_at'), '>=', today(now))
		)
		.orderBy('training.id')
		.execute();
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const [sessions, provided] = await Promise.all([
		db
			.selectFrom('training_session')
			.select(['training_id', 'starts_at', 'ends_at'])
			.where('training_id', 'in', ids)
			.orderBy('starts_at')
			.execute(),
		provisionsOf(db, ids)
	]);
	return rows.map((r) => ({
		id: r.id,
		title: { my: r.title_my, en: r.title_en },
		org: r.org,
		sessions: sessions
			.filter((s) => s.training_id === r.id)
			.map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })),
		provided: provided.get(r.id) ?? [],
		meetingPoint: r.meeting_point
	}));
}
