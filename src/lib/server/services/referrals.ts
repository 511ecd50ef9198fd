/**
 * Passing a person on, only with consent. The organization a request was sent to may propose
 * another listed service, choosing which of the learner's own messages would go with it. The
 * learner sees exactly which organization and which words, and agrees or declines. Nothing
 * moves before that: only on agreement does a new request appear at the other service, holding
 * exactly the agreed words, under that organization's own pseudonym for the learner.
 */
import type { Db } from '../db';
import { newId } from '../auth/tokens';
import { listedServices } from './directory';
import { orgsOpenRequest } from './requests';
import type { ReferralState } from '$lib/vocab/services';
import type { Result } from '$lib/result';

export type ReferralError =
	'no_request' | 'closed' | 'no_service' | 'no_messages' | 'pending' | 'no_referral';

export interface ReferralTarget {
	id: string;
	name: { my: string; en: string };
	org: string;
}

/** The listed services a request may be passed on to: any but its own service and the examples. */
export async function referralTargets(db: Db, requestServiceId: string): Promise<ReferralTarget[]> {
	const rows = await listedServices(db)
		.select(['service.id', 'service.name_my', 'service.name_en', 'organization.name'])
		.where('service.example', '=', 0)
		.where('service.id', '!=', requestServiceId)
		.orderBy('organization.name')
		.orderBy('service.name_en')
		.execute();
	return rows.map((r) => ({ id: r.id, name: { my: r.name_my, en: r.name_en }, org: r.name }));
}

/** The organization proposes passing its request on to `toServiceId` with the learner's messages `messageIds`. */
export async function proposeReferral(
	db: Db,
	memberId: string,
	requestId: string,
	toServiceId: string,
	messageIds: string[],
	now = Date.now()
): Promise<Result<{ id: string }, ReferralError>> {
	const open = await orgsOpenRequest(db, memberId, requestId);
	if (!open.ok) return open;
	const request = await db
		.selectFrom('help_request')
		.select('service_id')
		.where('id', '=', requestId)
		.executeTakeFirstOrThrow();
	const target = (await referralTargets(db, request.service_id)).find((t) => t.id === toServiceId);
	if (!target) return { ok: false, error: 'no_service' };
	const ids = [...new Set(messageIds)];
	const own =
		ids.length === 0
			? []
			: await db
					.selectFrom('help_message')
					.select('id')
					.where('request_id', '=', requestId)
					.where('by', '=', 'learner')
					.where('id', 'in', ids)
					.execute();
	if (ids.length === 0 || own.length !== ids.length) return { ok: false, error: 'no_messages' };
	const id = newId();
	return db.transaction().execute(async (trx): Promise<Result<{ id: string }, ReferralError>> => {
		const pending = await trx
			.selectFrom('help_referral')
			.select('id')
			.where('request_id', '=', requestId)
			.where('state', '=', 'proposed')
			.executeTakeFirst();
		if (pending) return { ok: false, error: 'pending' };
		await trx
			.insertInto('help_referral')
			.values({
				id,
				request_id: requestId,
				to_service_id: toServiceId,
				state: 'proposed',
				proposed_at: now,
				decided_at: null
			})
			.execute();
		await trx
			.insertInto('help_referral_message')
			.values(ids.map((message_id) => ({ referral_id: id, message_id })))
			.execute();
		// News for the learner.
		await trx
			.updateTable('help_request')
			.set({ updated_at: now, org_seen_at: now })
			.where('id', '=', requestId)
			.execute();
		return { ok: true, id };
	});
}

export interface Referral {
	id: string;
	state: ReferralState;
	to: ReferralTarget;
	/** Exactly the words that would be passed on (or were). */
	words: string[];
	proposedAt: number;
}

/** A request's referrals, newest first, with the words each passes on. */
export async function referralsOf(db: Db, requestId: string): Promise<Referral[]> {
	const rows = await db
		.selectFrom('help_referral')
		.innerJoin('service', 'service.id', 'help_referral.to_service_id')
		.innerJoin('organization', 'organization.id', 'service.org_id')
		.select([
			'help_referral.id',
			'help_referral.state',
			'help_referral.proposed_at',
			'service.id as serviceId',
			'service.name_my',
			'service.name_en',
			'organization.name'
		])
		.where('help_referral.request_id', '=', requestId)
		.orderBy('help_referral.proposed_at', 'desc')
		.orderBy('help_referral.id')
		.execute();
	const words = rows.length
		? await db
				.selectFrom('help_referral_message')
				.innerJoin('help_message', 'help_message.id', 'help_referral_message.message_id')
				.select(['help_referral_message.referral_id', 'help_message.body'])
				.where(
					'help_referral_message.referral_id',
					'in',
					rows.map((r) => r.id)
				)
				.orderBy('help_message.at')
				.orderBy('help_message.id')
				.execute()
		: [];
	return rows.map((r) => ({
		id: r.id,
		state: r.state,
		to: { id: r.serviceId, name: { my: r.name_my, en: r.name_en }, org: r.name },
		words: words.filter((w) => w.referral_id === r.id).map((w) => w.body),
		proposedAt: r.proposed_at
	}));
}

/**
 * The learner agrees to a proposed referral or declines it. On agreement, and only then, a new
 * request reaches the other service, holding exactly the agreed words.
 */
export async function decideReferral(
	db: Db,
	userId: string,
	referralId: string,
	agree: boolean,
	now = Date.now()
): Promise<Result<{ requestId: string | null }, ReferralError>> {
	return db
		.transaction()
		.execute(async (trx): Promise<Result<{ requestId: string | null }, ReferralError>> => {
			const referral = await trx
				.selectFrom('help_referral')
				.innerJoin('help_request', 'help_request.id', 'help_referral.request_id')
				.select([
					'help_referral.to_service_id',
					'help_referral.request_id',
					'help_referral.state',
					'help_request.urgency',
					'help_request.status'
				])
				.where('help_referral.id', '=', referralId)
				.where('help_request.user_id', '=', userId)
				.executeTakeFirst();
			if (!referral || referral.state !== 'proposed') return { ok: false, error: 'no_referral' };
			if (referral.status === 'closed') return { ok: false, error: 'closed' };
			// Checked before anything is written: a refusal changes nothing.
			const target = await listedServices(trx)
				.select(['service.id', 'service.org_id', 'service.kind'])
				.where('service.id', '=', referral.to_service_id)
				.where('service.example', '=', 0)
				.executeTakeFirst();
			if (agree && !target) return { ok: false, error: 'no_service' };
			await trx
				.updateTable('help_referral')
				.set({ state: agree ? 'agreed' : 'declined', decided_at: now })
				.where('id', '=', referralId)
				.execute();
			await trx
				.updateTable('help_request')
				.set({ updated_at: now, learner_seen_at: now })
				.where('id', '=', referral.request_id)
				.execute();
			if (!agree || !target) return { ok: true, requestId: null };
			const words = await trx
				.selectFrom('help_referral_message')
				.innerJoin('help_message', 'help_message.id', 'help_referral_message.message_id')
				.select('help_message.body')
				.where('help_referral_message.referral_id', '=', referralId)
				.orderBy('help_message.at')
				.orderBy('help_message.id')
				.execute();
			const requestId = newId();
			await trx
				.insertInto('help_request')
				.values({
					id: requestId,
					service_id: target.id,
					org_id: target.org_id,
					user_id: userId,
					kind: target.kind,
					urgency: referral.urgency,
					status: 'open',
					closed_by: null,
					closed_at: null,
					referred: 1,
					created_at: now,
					updated_at: now,
					learner_seen_at: now
				})
				.execute();
			// The agreed words, in their order, as the learner's: nothing else of the first thread.
			for (const [i, word] of words.entries())
				await trx
					.insertInto('help_message')
					.values({
						id: newId(),
						request_id: requestId,
						by: 'learner',
						body: word.body,
						at: now + i
					})
					.execute();
			return { ok: true, requestId };
		});
}
