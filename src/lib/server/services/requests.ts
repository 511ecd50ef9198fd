/**
 * Private requests for help. A learner asks a listed service: what help, how urgent, a message.
 * Only the service's organization sees the request, and knows the learner by its own pseudonym
 * for them (matching/candidates.ts), never by name or profile. A text-only thread follows; the
 * learner may close it at any time, the organization marks it open, in progress or closed.
 * Passing a person on is ./referrals.ts. Administrators see counts only (./counts.ts). Closed
 * requests and their threads are deleted HELP_REQUEST_DAYS after closing (the daily sweep).
 */
import type { Db } from '../db';
import { newId } from '../auth/tokens';
import { vettedOrgOf } from '../orgs/membership';
import { pseudonym } from '../matching/candidates';
import { learnerMessageQuota } from '../quotas';
import { recordAudit } from '../audit/trail';
import type { Side } from '$lib/vocab/applications';
import type { RequestStatus, RequestUrgency, ServiceKind } from '$lib/vocab/services';
import type { Result } from '$lib/result';

const DAY_MS = 24 * 60 * 60 * 1000;

export type RequestError = 'not_learner' | 'no_service' | 'no_request' | 'closed' | 'quota';
export type RequestResult<T extends object = object> = Result<T, RequestError> & {
	retryAfterMs?: number;
};

export interface HelpAsk {
	kind: ServiceKind;
	urgency: RequestUrgency;
	message: string;
}

/** Whether the learner may write one more message today (every thread together, QUOTAS.messages). */
async function quota(db: Db, userId: string, now: number) {
	const used = await learnerMessageQuota(db, userId, now);
	if (used.ok) return null;
	return { ok: false as const, error: 'quota' as const, retryAfterMs: used.retryAfterMs };
}

/** A learner asks a listed service for help; an example service cannot be asked. */
export async function askForHelp(
	db: Db,
	userId: string,
	serviceId: string,
	ask: HelpAsk,
	now = Date.now()
): Promise<RequestResult<{ id: string }>> {
	const user = await db
		.selectFrom('user')
		.select('kind')
		.where('id', '=', userId)
		.executeTakeFirst();
	if (user?.kind !== 'learner') return { ok: false, error: 'not_learner' };
	const service = await db
		.selectFrom('service')
		.innerJoin('organization', 'organization.id', 'service.org_id')
		.select(['service.org_id'])
		.where('service.id', '=', serviceId)
		.where('service.status', '=', 'approved')
		.where('service.example', '=', 0)
		.where('organization.status', '=', 'vetted')
		.executeTakeFirst();
	if (!service) return { ok: false, error: 'no_service' };
	const over = await quota(db, userId, now);
	if (over) return over;
	const id = newId();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('help_request')
			.values({
				id,
				service_id: serviceId,
				org_id: service.org_id,
				user_id: userId,
				kind: ask.kind,
				urgency: ask.urgency,
				status: 'open',
				closed_by: null,
				closed_at: null,
				created_at: now,
				updated_at: now,
				learner_seen_at: now
			})
			.execute();
		await trx
			.insertInto('help_message')
			.values({ id: newId(), request_id: id, by: 'learner', body: ask.message, at: now })
			.execute();
	});
	return { ok: true, id };
}

export interface HelpMessage {
	id: string;
	by: Side;
	body: string;
	at: number;
}

async function threadOf(db: Db, requestId: string): Promise<HelpMessage[]> {
	return db
		.selectFrom('help_message')
		.select(['id', 'by', 'body', 'at'])
		.where('request_id', '=', requestId)
		.orderBy('at')
		.orderBy('id')
		.execute();
}

export interface LearnerRequestLine {
	id: string;
	service: { my: string; en: string };
	org: string;
	status: RequestStatus;
	createdAt: number;
	/** The organization wrote, moved it or proposed a referral since the learner last looked. */
	news: boolean;
}

/** What changed for `side` since it last looked: the other side's messages, or the request itself. */
function newsSince(side: Side) {
	const other: Side = side === 'learner' ? 'organization' : 'learner';
	const seen = side === 'learner' ? 'help_request.learner_seen_at' : 'help_request.org_seen_at';
	return (eb: import('kysely').ExpressionBuilder<import('../schema').Database, 'help_request'>) =>
		eb.or([
			eb.exists(
				eb
					.selectFrom('help_message')
					.select('help_message.id')
					.whereRef('help_message.request_id', '=', 'help_request.id')
					.where('help_message.by', '=', other)
					.whereRef('help_message.at', '>', seen)
			),
			eb('help_request.updated_at', '>', eb.ref(seen))
		]);
}

/** The learner's requests, newest first. */
export async function learnerRequests(db: Db, userId: string): Promise<LearnerRequestLine[]> {
	const rows = await db
		.selectFrom('help_request')
		.innerJoin('service', 'service.id', 'help_request.service_id')
		.innerJoin('organization', 'organization.id', 'help_request.org_id')
		.select((eb) => [
			'help_request.id',
			'service.name_my',
			'service.name_en',
			'organization.name',
			'help_request.status',
			'help_request.created_at',
			newsSince('learner')(eb).as('news')
		])
		.where('help_request.user_id', '=', userId)
		.orderBy('help_request.created_at', 'desc')
		.orderBy('help_request.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		service: { my: r.name_my, en: r.name_en },
		org: r.name,
		status: r.status,
		createdAt: r.created_at,
		news: Boolean(r.news)
	}));
}

/** How many of the learner's requests have news for them (the home badge). */
export async function learnerHelpNews(db: Db, userId: string): Promise<number> {
	const row = await db
		.selectFrom('help_request')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where(newsSince('learner'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** How many requests to the member's vetted organization have news for it. */
export async function orgHelpNews(db: Db, memberId: string): Promise<number> {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return 0;
	const row = await db
		.selectFrom('help_request')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('org_id', '=', orgId)
		.where(newsSince('organization'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export interface LearnerRequest {
	id: string;
	service: { id: string; my: string; en: string };
	org: string;
	kind: ServiceKind;
	urgency: RequestUrgency;
	status: RequestStatus;
	closedBy: Side | null;
	referred: boolean;
	/** The learner shows the organization their profile (services/profile-sharing.ts). */
	profileShared: boolean;
	messages: HelpMessage[];
}

/** One of the learner's requests with its thread, marked seen; null when it is not theirs. */
export async function learnerRequest(
	db: Db,
	userId: string,
	requestId: string,
	now = Date.now()
): Promise<LearnerRequest | null> {
	const row = await db
		.selectFrom('help_request')
		.innerJoin('service', 'service.id', 'help_request.service_id')
		.innerJoin('organization', 'organization.id', 'help_request.org_id')
		.select([
			'help_request.id',
			'service.id as serviceId',
			'service.name_my',
			'service.name_en',
			'organization.name',
			'help_request.kind',
			'help_request.urgency',
			'help_request.status',
			'help_request.closed_by',
			'help_request.referred',
			'help_request.profile_shared_at'
		])
		.where('help_request.id', '=', requestId)
		.where('help_request.user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return null;
	await db
		.updateTable('help_request')
		.set({ learner_seen_at: now })
		.where('id', '=', requestId)
		.execute();
	return {
		id: row.id,
		service: { id: row.serviceId, my: row.name_my, en: row.name_en },
		org: row.name,
		kind: row.kind,
		urgency: row.urgency,
		status: row.status,
		closedBy: row.closed_by,
		referred: row.referred === 1,
		profileShared: row.profile_shared_at !== null,
		messages: await threadOf(db, requestId)
	};
}

/** The learner writes in their request's thread, while it is not closed. */
export async function learnerWritesHelp(
	db: Db,
	userId: string,
	requestId: string,
	body: string,
	now = Date.now()
): Promise<RequestResult> {
	const row = await db
		.selectFrom('help_request')
		.select('status')
		.where('id', '=', requestId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return { ok: false, error: 'no_request' };
	if (row.status === 'closed') return { ok: false, error: 'closed' };
	const over = await quota(db, userId, now);
	if (over) return over;
	await addMessage(db, requestId, 'learner', body, now);
	return { ok: true };
}

/** The side that acts on a request has seen it now. */
const seenBy = (by: Side, now: number) =>
	by === 'learner' ? { learner_seen_at: now } : { org_seen_at: now };

/** Closes a request for good, by either side; a referral waiting for the learner lapses with it. */
async function closeRequest(trx: Db, requestId: string, by: Side, now: number) {
	await trx
		.updateTable('help_request')
		.set({ status: 'closed', closed_by: by, closed_at: now, updated_at: now, ...seenBy(by, now) })
		.where('id', '=', requestId)
		.execute();
	await trx
		.updateTable('help_referral')
		.set({ state: 'declined', decided_at: now })
		.where('request_id', '=', requestId)
		.where('state', '=', 'proposed')
		.execute();
}

/** A message in a request's thread; the side that wrote it has seen the request now. */
async function addMessage(db: Db, requestId: string, by: Side, body: string, now: number) {
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('help_message')
			.values({ id: newId(), request_id: requestId, by, body, at: now })
			.execute();
		await trx
			.updateTable('help_request')
			.set(seenBy(by, now))
			.where('id', '=', requestId)
			.execute();
	});
}

/** The learner closes their request, at any time; a proposal waiting for them lapses with it. */
export async function learnerClosesHelp(
	db: Db,
	userId: string,
	requestId: string,
	now = Date.now()
): Promise<RequestResult> {
	return db.transaction().execute(async (trx): Promise<RequestResult> => {
		const row = await trx
			.selectFrom('help_request')
			.select('status')
			.where('id', '=', requestId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		if (!row) return { ok: false, error: 'no_request' };
		if (row.status === 'closed') return { ok: false, error: 'closed' };
		await closeRequest(trx, requestId, 'learner', now);
		return { ok: true };
	});
}

export interface OrgRequestLine {
	id: string;
	pseudonym: string;
	service: { my: string; en: string };
	kind: ServiceKind;
	urgency: RequestUrgency;
	status: RequestStatus;
	referred: boolean;
	createdAt: number;
	news: boolean;
}

/** Requests to the member's vetted organization, open ones first, each by the organization's pseudonym. */
export async function orgRequests(db: Db, memberId: string): Promise<OrgRequestLine[]> {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return [];
	const rows = await db
		.selectFrom('help_request')
		.innerJoin('service', 'service.id', 'help_request.service_id')
		.select((eb) => [
			'help_request.id',
			'help_request.user_id',
			'service.name_my',
			'service.name_en',
			'help_request.kind',
			'help_request.urgency',
			'help_request.status',
			'help_request.referred',
			'help_request.created_at',
			newsSince('organization')(eb).as('news')
		])
		.where('help_request.org_id', '=', orgId)
		.orderBy((eb) => eb.case().when('help_request.status', '=', 'closed').then(1).else(0).end())
		.orderBy('help_request.created_at', 'desc')
		.orderBy('help_request.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		pseudonym: pseudonym(orgId, r.user_id),
		service: { my: r.name_my, en: r.name_en },
		kind: r.kind,
		urgency: r.urgency,
		status: r.status,
		referred: r.referred === 1,
		createdAt: r.created_at,
		news: Boolean(r.news)
	}));
}

export interface OrgRequest extends Omit<OrgRequestLine, 'news' | 'createdAt'> {
	serviceId: string;
	messages: HelpMessage[];
}

/**
 * One request to the member's vetted organization, with its thread, marked seen and recorded
 * in the learner's "who saw me" (`help_request_view`); null when it is not the organization's.
 */
export async function orgRequest(
	db: Db,
	memberId: string,
	requestId: string,
	now = Date.now()
): Promise<OrgRequest | null> {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return null;
	const row = await db
		.selectFrom('help_request')
		.innerJoin('service', 'service.id', 'help_request.service_id')
		.select([
			'help_request.id',
			'help_request.user_id',
			'service.id as serviceId',
			'service.name_my',
			'service.name_en',
			'help_request.kind',
			'help_request.urgency',
			'help_request.status',
			'help_request.referred'
		])
		.where('help_request.id', '=', requestId)
		.where('help_request.org_id', '=', orgId)
		.executeTakeFirst();
	if (!row) return null;
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('help_request')
			.set({ org_seen_at: now })
			.where('id', '=', requestId)
			.execute();
		await recordAudit(
			trx,
			[{ actor: memberId, org: orgId, action: 'help_request_view', object: row.user_id }],
			now
		);
	});
	return {
		id: row.id,
		pseudonym: pseudonym(orgId, row.user_id),
		serviceId: row.serviceId,
		service: { my: row.name_my, en: row.name_en },
		kind: row.kind,
		urgency: row.urgency,
		status: row.status,
		referred: row.referred === 1,
		messages: await threadOf(db, requestId)
	};
}

/** The organization's own request, still open or in progress; or why not. */
async function orgsOpenRequest(db: Db, memberId: string, requestId: string) {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return { ok: false as const, error: 'no_request' as const };
	const row = await db
		.selectFrom('help_request')
		.select(['status', 'user_id', 'urgency'])
		.where('id', '=', requestId)
		.where('org_id', '=', orgId)
		.executeTakeFirst();
	if (!row) return { ok: false as const, error: 'no_request' as const };
	if (row.status === 'closed') return { ok: false as const, error: 'closed' as const };
	return { ok: true as const, orgId, ...row };
}

/** The organization writes in a request's thread, while it is not closed. */
export async function orgWritesHelp(
	db: Db,
	memberId: string,
	requestId: string,
	body: string,
	now = Date.now()
): Promise<RequestResult> {
	const open = await orgsOpenRequest(db, memberId, requestId);
	if (!open.ok) return open;
	await addMessage(db, requestId, 'organization', body, now);
	return { ok: true };
}

/** The organization marks its request open, in progress or closed (closed is final). */
export async function setRequestStatus(
	db: Db,
	memberId: string,
	requestId: string,
	status: RequestStatus,
	now = Date.now()
): Promise<RequestResult> {
	const open = await orgsOpenRequest(db, memberId, requestId);
	if (!open.ok) return open;
	if (status === 'closed')
		await db.transaction().execute((trx) => closeRequest(trx, requestId, 'organization', now));
	else
		await db
			.updateTable('help_request')
			.set({ status, updated_at: now, ...seenBy('organization', now) })
			.where('id', '=', requestId)
			.execute();
	return { ok: true };
}

/**
 * Requests closed more than `days` days ago are deleted with their threads and referrals (the
 * daily sweep). Returns how many.
 */
export async function forgetClosedRequests(db: Db, now: number, days: number): Promise<number> {
	const result = await db
		.deleteFrom('help_request')
		.where('status', '=', 'closed')
		.where('closed_at', '<=', now - days * DAY_MS)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export { orgsOpenRequest };
