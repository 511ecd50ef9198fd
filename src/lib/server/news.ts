/**
 * The count on the account's main link (in-app, never email or SMS): a learner's news on
 * applications and trainings, an organization's on applications to it and on its trainings'
 * threads, or what waits for an administrator (organizations, roles, trainings and courses).
 */
import type { Db } from './db';
import { adminWaiting, learnerNews, orgNews } from './applications/news';
import { learnerTrainingNews, orgTrainingNews } from './trainings/messages';
import { trainingsToReview } from './trainings/review';

/** The menu's count, and the part of it that is about trainings (the menu shows it on "Trainings"). */
export interface Badge {
	total: number;
	trainings: number;
}

export const NO_BADGE: Badge = { total: 0, trainings: 0 };

export async function badgeFor(
	db: Db,
	user: { id: string; kind: 'learner' | 'org_member' | 'admin' }
): Promise<Badge> {
	const [others, trainings] = await Promise.all(
		user.kind === 'learner'
			? [learnerNews(db, user.id), learnerTrainingNews(db, user.id)]
			: user.kind === 'org_member'
				? [orgNews(db, user.id), orgTrainingNews(db, user.id)]
				: [adminWaiting(db), trainingsToReview(db)]
	);
	const count = (n: number | unknown[]) => (typeof n === 'number' ? n : n.length);
	return { total: count(others) + count(trainings), trainings: count(trainings) };
}
