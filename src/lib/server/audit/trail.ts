/**
 * The audit trail ("who saw me"): who did what to which object, and when. A row keeps an
 * account id, that account's organization id if any, the action's name, an object id and the
 * time, and nothing else: no name, no free text, no area, no skill, no network address, so the
 * trail itself cannot tell anyone more about a learner than that they were looked at.
 *
 * What is recorded:
 * - views of a learner by an organization member (or an administrator): `profile_view` (object:
 *   the learner's account id), for each candidate a candidates list shows and for the applicant's
 *   profile on an application page; `application_view` and `messages_view` (object: the
 *   application's id) when an application page, or its messages, are opened;
 * - a training's organization opening its cohort, attendance sheet or a participant's messages:
 *   `roster_view` for each participant listed, `messages_view` (object: the learner's account id);
 * - an organization opening a request for help sent to it: `help_request_view` (object: the
 *   learner's account id);
 * - sign-ins: `sign_in`, and `sign_in_failed` (the account tried, or no actor at all when no
 *   account has that name; the name is never kept);
 * - sign-ups (`sign_up`), password changes (`password_change`), resets with a recovery code
 *   (`password_reset`, and `password_reset_failed` as for sign-ins), new recovery codes made on
 *   the account page (`recovery_codes_replaced`, which the account page shows with its date);
 * - an owner or administrator removing a member (`org_member_remove`, object: the member's
 *   account) or revoking an unused invitation (`org_invitation_revoke`, object: the organization);
 * - bursts of sign-ups or organization applications refused by their limits (`sign_up_burst`,
 *   `org_application_burst`; no actor, object: which limit, `per_address` or `overall`);
 * - administrators' decisions on organizations (`org_vet` ...), roles (`role_approve`,
 *   `role_return`) and trainings (`training_approve`, `training_return`), organizations' decisions on applications (`application_shortlist` ...) and
 *   endorsements (`skill_endorse`, object: the learner; which skill stays on the profile), and
 *   learners' withdrawals (`application_withdraw`);
 * - a learner sharing a hidden profile with the organization of one application, or no longer
 *   (`profile_share`, `profile_unshare`, object: the application).
 *
 * Rows older than `AUDIT_MONTHS` go in the daily sweep (../housekeeping.ts).
 * The ids are plain text with no foreign key: deleting an account neither deletes nor blocks
 * its rows. `forgetInAudit` replaces an account's ids with opaque ones when it is deleted.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { config } from '../config';
import type { Db } from '../db';
import type { AuditAction } from '../schema';
import { SEEN_KINDS, type Seen } from '../../vocab/profile';

export interface AuditEntry {
	/** The account that acted; null only for a failed sign-in with a name no account has. */
	actor: string | null;
	/** The actor's organization, when it has one. */
	org: string | null;
	action: AuditAction;
	/** A learner's account id, an application, organization or role id; null for sign-ins. */
	object: string | null;
}

/**
 * Writes entries in one statement (all or none). Pass the transaction of the action it records
 * when there is one, so the action and its record are kept together or not at all.
 */
export async function recordAudit(db: Db, entries: AuditEntry[], now = Date.now()): Promise<void> {
	if (entries.length === 0) return;
	await db
		.insertInto('audit_event')
		.values(
			entries.map((e) => ({
				actor_id: e.actor,
				actor_org_id: e.org,
				action: e.action,
				object_id: e.object,
				at: now
			}))
		)
		.execute();
}

/** The time of the account's latest `action`, or null when it never took it (or the row was swept). */
export async function lastActionOf(
	db: Db,
	actorId: string,
	action: AuditAction
): Promise<number | null> {
	const row = await db
		.selectFrom('audit_event')
		.select((eb) => eb.fn.max('at').as('at'))
		.where('actor_id', '=', actorId)
		.where('action', '=', action)
		.executeTakeFirst();
	return row?.at == null ? null : Number(row.at);
}

/** Rows of these actions since `since`, newest first, at most `limit`: what was done to what, and when. */
export async function actionsSince(
	db: Db,
	actions: AuditAction[],
	since: number,
	limit = 50
): Promise<{ action: AuditAction; object: string | null; at: number }[]> {
	const rows = await db
		.selectFrom('audit_event')
		.select(['action', 'object_id', 'at'])
		.where('action', 'in', actions)
		.where('at', '>=', since)
		.orderBy('at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ action: r.action, object: r.object_id, at: Number(r.at) }));
}

/**
 * Replaces a deleted account's ids in the trail with opaque ones: its own id wherever it acted
 * or was looked at, and the ids of its applications. Each id becomes a keyed hash under a key
 * made for this call and never kept, so the rows still count (one unknown person viewed, acted,
 * signed in) but nobody can tie them to the account again, not even with an old backup that
 * still has the account. Call it before the account's applications are deleted, in the
 * deletion's transaction.
 */
export async function forgetInAudit(db: Db, userId: string): Promise<void> {
	const key = randomBytes(32);
	const opaque = (id: string) =>
		`gone-${createHmac('sha256', key).update(id).digest('base64url').slice(0, 22)}`;
	const rewrite = async (trx: Db) => {
		const applications = await trx
			.selectFrom('application')
			.select('id')
			.where('user_id', '=', userId)
			.execute();
		for (const id of [userId, ...applications.map((a) => a.id)]) {
			await trx
				.updateTable('audit_event')
				.set({ actor_id: opaque(id) })
				.where('actor_id', '=', id)
				.execute();
			await trx
				.updateTable('audit_event')
				.set({ object_id: opaque(id) })
				.where('object_id', '=', id)
				.execute();
		}
	};
	if (db.isTransaction) await rewrite(db);
	else await db.transaction().execute(rewrite);
}

/**
 * Deletes the rows older than `months` calendar months before `now` (`AUDIT_MONTHS`, 24 by
 * default; 0 keeps them): "who viewed my profile" then covers the last two years. Returns how
 * many went.
 */
export async function forgetOldAudit(
	db: Db,
	now = Date.now(),
	months = config.auditMonths
): Promise<number> {
	if (months <= 0) return 0;
	const cutoff = new Date(now);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
	const result = await db
		.deleteFrom('audit_event')
		.where('at', '<', cutoff.getTime())
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** What a viewer saw of the learner. */
export type { Seen };

const SEEN: Partial<Record<AuditAction, Seen>> = {
	profile_view: 'profile',
	application_view: 'application',
	messages_view: 'messages',
	roster_view: 'roster',
	help_request_view: 'help_request'
};
const VIEW_ACTIONS = Object.keys(SEEN) as AuditAction[];
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ProfileView {
	/** The organization's name; null for a Lanpya administrator. */
	org: string | null;
	/** The latest view of that day. */
	at: number;
	seen: Seen[];
}

/**
 * Who viewed the learner: organizations by name (administrators without one), one line per
 * viewer and day with what they saw, newest first, at most `limit` lines. Never which member.
 */
export async function viewsOfLearner(db: Db, userId: string, limit = 100): Promise<ProfileView[]> {
	const rows = await db
		.selectFrom('audit_event')
		.leftJoin('organization', 'organization.id', 'audit_event.actor_org_id')
		.select([
			'audit_event.actor_org_id',
			'audit_event.action',
			'audit_event.at',
			'organization.name'
		])
		.where('audit_event.action', 'in', VIEW_ACTIONS)
		.where((eb) =>
			eb.or([
				eb('audit_event.object_id', '=', userId),
				eb(
					'audit_event.object_id',
					'in',
					eb.selectFrom('application').select('id').where('user_id', '=', userId)
				)
			])
		)
		.orderBy('audit_event.at', 'desc')
		.limit(limit * 50)
		.execute();
	const lines = new Map<string, ProfileView>();
	for (const row of rows) {
		const key = `${row.actor_org_id ?? 'admin'}:${Math.floor(row.at / DAY_MS)}`;
		if (!lines.has(key) && lines.size >= limit) continue;
		const line = lines.get(key) ?? {
			org: row.actor_org_id ? (row.name ?? '') : null,
			at: row.at,
			seen: []
		};
		const seen = SEEN[row.action]!;
		if (!line.seen.includes(seen)) line.seen.push(seen);
		lines.set(key, line);
	}
	return [...lines.values()].map((line) => ({
		...line,
		seen: SEEN_KINDS.filter((s) => line.seen.includes(s))
	}));
}
