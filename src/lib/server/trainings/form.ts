/** A training's stored details as its form's values (the names trainingDetailsSchema reads). */
import type { TrainingDetails } from './editing';
import { SESSION_ROWS, SESSIONS_MAX } from '$lib/training-rows';

export function trainingFormValues(
	training: Omit<TrainingDetails, 'skills'> & { completionShare: number }
): Record<string, string> {
	const values: Record<string, string> = {
		title_my: training.titleMy,
		title_en: training.titleEn,
		description_my: training.descriptionMy,
		description_en: training.descriptionEn,
		audience: training.audience,
		area: training.area,
		seats: String(training.seats),
		closes_on: training.closesOn,
		meeting_point: training.meetingPoint,
		completion_share: String(training.completionShare),
		// The sessions it has and blank rows for more, as the form shows them.
		session_rows: String(
			Math.min(SESSIONS_MAX, Math.max(SESSION_ROWS, training.sessions.length + 1))
		)
	};
	for (const item of training.provided) values[`provided_${item}`] = 'on';
	training.sessions.forEach((session, i) => {
		values[`session_${i + 1}_day`] = session.startsAt.slice(0, 10);
		values[`session_${i + 1}_start`] = session.startsAt.slice(11, 16);
		values[`session_${i + 1}_end`] = session.endsAt.slice(11, 16);
	});
	return values;
}
