/**
 * The count on the account's main link (in-app, never email or SMS): a learner's news on
 * applications, trainings and requests for help, an organization's on applications to it, its
 * trainings' threads and the requests for help it holds, or what waits for an administrator
 * (organizations, roles, trainings and courses).
 */
import type { Db } from './db';
import { adminWaiting, learnerNews, orgNews } from './applications/news';
import { learnerTrainingNews, orgTrainingNews } from './trainings/messages';
import { trainingsToReview } from './trainings/review';
import { learnerHelpNews, orgHelpNews } from './services/requests';

/**
 * The menu's count, and the parts of it about trainings and about requests for help (the menu
 * shows them on "Trainings" and "Get help"; the rest is on "Applications").
 */
export interface Badge {
	total: number;
	trainings: number;
	help: number;
}

export const NO_BADGE: Badge = { total: 0, trainings: 0, help: 0 };

export async function badgeFor(
	db: Db,
	user: { id: string; kind: 'learner' | 'org_member' | 'admin' }
): Promise<Badge> {
	const [others, trainings, help] = await Promise.all(
		user.kind === 'learner'
			? [learnerNews(db, user.id), learnerTrainingNews(db, user.id), learnerHelpNews(db, user.id)]
			: user.kind === 'org_member'
				? [orgNews(db, user.id), orgTrainingNews(db, user.id), orgHelpNews(db, user.id)]
				: [adminWaiting(db), trainingsToReview(db), 0]
	);
	const count = (n: number | unknown[]) => (typeof n === 'number' ? n : n.length);
	return {
		total: count(others) + count(trainings) + help,
		trainings: count(trainings),
		help
	};
}
