/**
 * What administrators see of requests for help: counts only, never who asked, which
 * organization, or any word of a thread.
 */
import type { Db } from '../db';
import { REQUEST_STATUSES, type RequestStatus } from '$lib/vocab/services';

export interface HelpCounts {
	byStatus: Record<RequestStatus, number>;
	/** Referrals proposed, agreed and declined, all together. */
	referrals: { proposed: number; agreed: number; declined: number };
}

export async function helpCounts(db: Db): Promise<HelpCounts> {
	const statuses = await db
		.selectFrom('help_request')
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute();
	const referrals = await db
		.selectFrom('help_referral')
		.select(['state', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('state')
		.execute();
	const byStatus = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<
		RequestStatus,
		number
	>;
	for (const row of statuses) byStatus[row.status] = Number(row.n);
	const count = (state: string) => Number(referrals.find((r) => r.state === state)?.n ?? 0);
	return {
		byStatus,
		referrals: { proposed: count('proposed'), agreed: count('agreed'), declined: count('declined') }
	};
}
