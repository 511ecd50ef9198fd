import type { Db } from '$lib/server/db';
import { createService, moveService, type ServiceDetails } from '$lib/server/services/editing';
import { reviewService } from '$lib/server/services/review';

/** A free counselling service reached from anywhere, in Burmese and English, `more` changed. */
export function serviceInput(more: Partial<ServiceDetails> = {}): ServiceDetails {
	return {
		kind: 'counselling',
		audience: 'everyone',
		area: 'remote',
		nameMy: 'စိတ်ပိုင်း ဆွေးနွေးမှု',
		nameEn: 'Someone to talk to',
		descriptionMy: '',
		descriptionEn: 'Private talks about stress, sleep and fear.',
		languages: ['my', 'en'],
		free: true,
		hours: 'Mon-Fri 9:00-17:00',
		walkIn: '',
		contact: '',
		...more
	};
}

/** A service of the member's vetted organization, approved by the administrator `adminId`: listed. */
export async function listedService(
	db: Db,
	memberId: string,
	adminId: string,
	more: Partial<ServiceDetails> = {}
): Promise<string> {
	const created = await createService(db, memberId, serviceInput(more));
	if (!created.ok) throw new Error(created.error);
	for (const step of [
		() => moveService(db, memberId, created.id, 'submit'),
		() => reviewService(db, adminId, created.id, 'approve', '')
	]) {
		const done = await step();
		if (!done.ok) throw new Error(done.error);
	}
	return created.id;
}
