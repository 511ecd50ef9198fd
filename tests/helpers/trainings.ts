import type { Db } from '$lib/server/db';
import { createTraining, moveTraining, type TrainingDetails } from '$lib/server/trainings/editing';
import { reviewTraining } from '$lib/server/trainings/review';

/** A sewing training in Mae Sot for families, with `seats` places and two sessions, `more` changed. */
export function trainingInput(seats: number, more: Partial<TrainingDetails> = {}): TrainingDetails {
	return {
		titleMy: 'အပ်ချုပ် သင်တန်း',
		titleEn: 'Sewing',
		descriptionMy: '',
		descriptionEn: 'Two days of sewing by machine.',
		audience: 'families',
		area: 'mae_sot',
		seats,
		closesOn: '2099-01-01',
		meetingPoint: 'The community hall behind the market',
		provided: ['materials', 'childcare'],
		sessions: [
			{ startsAt: '2099-01-05T09:00', endsAt: '2099-01-05T12:00' },
			{ startsAt: '2099-01-06T09:00', endsAt: '2099-01-06T12:00' }
		],
		skills: [],
		...more
	};
}

/** A training of the member's vetted organization, approved by the administrator `adminId` and open. */
export async function openTraining(
	db: Db,
	memberId: string,
	adminId: string,
	seats: number,
	more: Partial<TrainingDetails> = {}
): Promise<string> {
	const created = await createTraining(db, memberId, trainingInput(seats, more));
	if (!created.ok) throw new Error(created.error);
	for (const step of [
		() => moveTraining(db, memberId, created.id, 'submit'),
		() => reviewTraining(db, adminId, created.id, 'approve', ''),
		() => moveTraining(db, memberId, created.id, 'open')
	]) {
		const done = await step();
		if (!done.ok) throw new Error(done.error);
	}
	return created.id;
}
