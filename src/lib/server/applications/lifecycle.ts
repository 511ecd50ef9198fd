/**
 * Applications to roles. A learner applies to an open role of a vetted organization, once,
 * with an optional message; the organization shortlists, accepts or declines with an optional
 * note; the learner may withdraw while it is undecided. Every move is kept as the status
 * history both sides see. The organization knows the applicant by its pseudonym only.
 *
 *   applied --shortlist--> shortlisted --accept/decline--> accepted | declined
 *   applied --accept/decline--> ...;  applied | shortlisted --withdraw (learner)--> withdrawn
 */
import type { Db } from '../db';
import { DAY_MS, QUOTAS, withinQuota } from '../quotas';
import { newId } from '../auth/tokens';
import type { ApplicationStatus, Locale } from '../schema';
import { today } from '../roles/opportunities';
import { pseudonym } from '../roles/candidates';
import { vettedOrgOf } from '../orgs/membership';
import { pickText as pick } from '../../format';
import { recordAudit } from '../audit/trail';
import { sharedProfile, type SharedProfile } from '../skills/profile';
import { closedByDecline, threadState, type ThreadState } from './thread';

export type ApplicationError =
	| 'no_role'
	| 'already_applied'
	| 'not_allowed'
	| 'no_application'
	| 'not_vetted'
	| 'beyond_role'
	| 'quota';
/** `retryAfterMs` comes with `quota`: when the day's quota has room again. */
export type ApplicationResult<T = object> =
	({ ok: true } & T) | { ok: false; error: ApplicationError; retryAfterMs?: number };

export type Decision = 'shortlist' | 'accept' | 'decline';
const DECISIONS: Record<Decision, { from: ApplicationStatus[]; to: ApplicationStatus }> = {
	shortlist: { from: ['applied'], to: 'shortlisted' },
	accept: { from: ['applied', 'shortlisted'], to: 'accepted' },
	decline: { from: ['applied', 'shortlisted'], to: 'declined' }
};
export const allowedDecisions = (status: ApplicationStatus): Decision[] =>
	(Object.keys(DECISIONS) as Decision[]).filter((d) => DECISIONS[d].from.includes(status));
export const canWithdraw = (status: ApplicationStatus) =>
	status === 'applied' || status === 'shortlisted';

/** Applications still under way for both sides (undecided, or accepted and being worked on). */
const UNDER_WAY: ApplicationStatus[] = ['applied', 'shortlisted', 'accepted'];

/**
 * Applies to a role open to learners now; one application per learner and role. `share`: the
 * learner also shares their profile with the role's organization for this application
 * (see shareProfile), recorded with it.
 */
export async function applyToRole(
	db: Db,
	userId: string,
	roleId: string,
	message: string,
	now = Date.now(),
	share = false
): Promise<ApplicationResult<{ id: string }>> {
	const user = await db
		.selectFrom('user')
		.select('kind')
		.where('id', '=', userId)
		.executeTakeFirst();
	if (user?.kind !== 'learner') return { ok: false, error: 'not_allowed' };
	const role = await db
		.selectFrom('role')
		.innerJoin('organization', 'organization.id', 'role.org_id')
		.select('role.id')
		.where('role.id', '=', roleId)
		.where('role.status', '=', 'open')
		.where('organization.status', '=', 'vetted')
		.where((eb) =>
			eb.or([eb('role.closes_on', 'is', null), eb('role.closes_on', '>=', today(now))])
		)
		.executeTakeFirst();
	if (!role) return { ok: false, error: 'no_role' };
	return db.transaction().execute(async (trx): Promise<ApplicationResult<{ id: string }>> => {
		const existing = await trx
			.selectFrom('application')
			.select('id')
			.where('role_id', '=', roleId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		if (existing) return { ok: false, error: 'already_applied' };
		const id = newId();
		await trx
			.insertInto('application')
			.values({
				id,
				role_id: roleId,
				user_id: userId,
				message,
				status: 'applied',
				created_at: now,
				updated_at: now,
				profile_shared_at: share ? now : null
			})
			.execute();
		await trx
			.insertInto('application_event')
			.values({
				id: newId(),
				application_id: id,
				status: 'applied',
				by: 'learner',
				note: '',
				at: now
			})
			.execute();
		if (share)
			await recordAudit(
				trx,
				[{ actor: userId, org: null, action: 'profile_share', object: id }],
				now
			);
		return { ok: true, id };
	});
}

/** Moves the application and keeps the move in its history (and, for an organization's decision, in the audit trail), together. */
async function move(
	db: Db,
	applicationId: string,
	status: ApplicationStatus,
	by: 'learner' | 'organization',
	note: string,
	now: number,
	audit: { actor: string; org: string | null; decision: Decision | 'withdraw' }
) {
	await db.transaction().execute(async (trx) => {
		// A decline closes the thread: the organization said no, so it no longer writes unless the learner opens it again.
		await trx
			.updateTable('application')
			.set({ status, updated_at: now, ...(status === 'declined' ? closedByDecline(now) : {}) })
			.where('id', '=', applicationId)
			.execute();
		await trx
			.insertInto('application_event')
			.values({ id: newId(), application_id: applicationId, status, by, note, at: now })
			.execute();
		await recordAudit(
			trx,
			[
				{
					actor: audit.actor,
					org: audit.org,
					action: `application_${audit.decision}`,
					object: applicationId
				}
			],
			now
		);
	});
}

/** The learner takes back an application that is not decided yet. */
export async function withdrawApplication(
	db: Db,
	userId: string,
	applicationId: string,
	now = Date.now()
): Promise<ApplicationResult> {
	const application = await db
		.selectFrom('application')
		.select('status')
		.where('id', '=', applicationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!application) return { ok: false, error: 'no_application' };
	if (!canWithdraw(application.status)) return { ok: false, error: 'not_allowed' };
	await move(db, applicationId, 'withdrawn', 'learner', '', now, {
		actor: userId,
		org: null,
		decision: 'withdraw'
	});
	return { ok: true };
}

/** The application if it is to a role of the caller's vetted organization. */
async function orgApplication(db: Db, memberId: string, applicationId: string) {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return { orgId: null, application: null };
	const application = await db
		.selectFrom('application')
		.innerJoin('role', 'role.id', 'application.role_id')
		.selectAll('application')
		.select(['role.title_my', 'role.title_en'])
		.where('application.id', '=', applicationId)
		.where('role.org_id', '=', orgId)
		.executeTakeFirst();
	return { orgId, application: application ?? null };
}

/** The organization shortlists, accepts or declines, with an optional note to the learner. */
export async function decideApplication(
	db: Db,
	memberId: string,
	applicationId: string,
	decision: Decision,
	note: string,
	now = Date.now()
): Promise<ApplicationResult> {
	const { orgId, application } = await orgApplication(db, memberId, applicationId);
	if (!orgId) return { ok: false, error: 'not_vetted' };
	if (!application) return { ok: false, error: 'no_application' };
	if (!DECISIONS[decision].from.includes(application.status))
		return { ok: false, error: 'not_allowed' };
	await move(db, applicationId, DECISIONS[decision].to, 'organization', note, now, {
		actor: memberId,
		org: orgId,
		decision
	});
	return { ok: true };
}

export interface HistoryEntry {
	status: ApplicationStatus;
	by: 'learner' | 'organization';
	note: string;
	at: number;
}

async function history(db: Db, applicationId: string): Promise<HistoryEntry[]> {
	const rows = await db
		.selectFrom('application_event')
		.select(['status', 'by', 'note', 'at'])
		.where('application_id', '=', applicationId)
		.orderBy('at')
		.orderBy('id')
		.execute();
	return rows;
}

export interface MyApplication {
	id: string;
	roleId: string;
	role: string;
	org: string;
	status: ApplicationStatus;
	message: string;
	updatedAt: number;
}

/** The learner's own applications, most recently changed first. */
export async function listMyApplications(
	db: Db,
	userId: string,
	locale: Locale
): Promise<MyApplication[]> {
	const rows = await db
		.selectFrom('application')
		.innerJoin('role', 'role.id', 'application.role_id')
		.innerJoin('organization', 'organization.id', 'role.org_id')
		.select([
			'application.id',
			'application.role_id',
			'application.status',
			'application.message',
			'application.updated_at',
			'role.title_my',
			'role.title_en',
			'organization.name'
		])
		.where('application.user_id', '=', userId)
		.orderBy('application.updated_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		roleId: r.role_id,
		role: pick(locale, r.title_my, r.title_en),
		org: r.name,
		status: r.status,
		message: r.message,
		updatedAt: r.updated_at
	}));
}

/** One of the learner's applications with its history and its thread's state; null for anyone else's. */
export async function getMyApplication(
	db: Db,
	userId: string,
	applicationId: string,
	locale: Locale
): Promise<
	(MyApplication & { history: HistoryEntry[]; canWithdraw: boolean; thread: ThreadState }) | null
> {
	const found = (await listMyApplications(db, userId, locale)).find((a) => a.id === applicationId);
	if (!found) return null;
	const row = await db
		.selectFrom('application')
		.select(['status', 'user_id', 'thread_closed_at', 'thread_closed_by', 'learner_muted'])
		.where('id', '=', applicationId)
		.executeTakeFirstOrThrow();
	return {
		...found,
		history: await history(db, applicationId),
		canWithdraw: canWithdraw(found.status),
		thread: threadState(row)
	};
}

/** The learner's application to a role, if any, with whether they shared their profile on it (for the role's page). */
export async function applicationFor(
	db: Db,
	userId: string,
	roleId: string
): Promise<{ id: string; status: ApplicationStatus; profileShared: boolean } | null> {
	const row = await db
		.selectFrom('application')
		.select(['id', 'status', 'profile_shared_at'])
		.where('user_id', '=', userId)
		.where('role_id', '=', roleId)
		.executeTakeFirst();
	return row
		? { id: row.id, status: row.status, profileShared: row.profile_shared_at !== null }
		: null;
}

/**
 * The learner shares their profile with the organization of one of their own applications, or
 * stops sharing it. Meant for a learner whose profile is hidden ("only me"): the organization
 * then sees it on this application, as it would with "only organizations I apply to", and no
 * other organization sees anything more. Not on a withdrawn application (withdrawing took
 * everything back). Recorded on the application (when) and in the audit trail, together.
 */
export async function shareProfile(
	db: Db,
	userId: string,
	applicationId: string,
	share: boolean,
	now = Date.now()
): Promise<ApplicationResult> {
	const application = await db
		.selectFrom('application')
		.select(['status', 'profile_shared_at'])
		.where('id', '=', applicationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!application) return { ok: false, error: 'no_application' };
	if (application.status === 'withdrawn') return { ok: false, error: 'not_allowed' };
	if ((application.profile_shared_at !== null) === share) return { ok: true };
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('application')
			.set({ profile_shared_at: share ? now : null })
			.where('id', '=', applicationId)
			.execute();
		await recordAudit(
			trx,
			[
				{
					actor: userId,
					org: null,
					action: share ? 'profile_share' : 'profile_unshare',
					object: applicationId
				}
			],
			now
		);
	});
	return { ok: true };
}

export interface Applicant {
	id: string;
	/** Null when the learner deleted their account. */
	pseudonym: string | null;
	status: ApplicationStatus;
	updatedAt: number;
}

/**
 * Applications to one of the caller's organization's roles; null when the role is not theirs or
 * they are not vetted. Only pseudonym, status and date: the messages and the profile are on each
 * application's page, where opening them is recorded.
 */
export async function listRoleApplications(
	db: Db,
	memberId: string,
	roleId: string
): Promise<Applicant[] | null> {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return null;
	const role = await db
		.selectFrom('role')
		.select('id')
		.where('id', '=', roleId)
		.where('org_id', '=', orgId)
		.executeTakeFirst();
	if (!role) return null;
	const rows = await db
		.selectFrom('application')
		.selectAll()
		.where('role_id', '=', roleId)
		.orderBy('created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		pseudonym: r.user_id && pseudonym(orgId, r.user_id),
		status: r.status,
		updatedAt: r.updated_at
	}));
}

/**
 * The applicant's profile as the organization sees it: shown when the learner lets vetted
 * organizations or the organizations they apply to see it, or shared it on this application,
 * and the application is not withdrawn (taking an application back takes back what it shared).
 * Otherwise why it is not shown.
 */
export type ApplicantProfile =
	{ shown: true; profile: SharedProfile } | { shown: false; why: 'hidden' | 'withdrawn' };

export interface OrgApplication extends Applicant {
	message: string;
	roleId: string;
	role: string;
	profile: ApplicantProfile;
	history: HistoryEntry[];
	decisions: Decision[];
	/** Whether the organization may write, and who closed the thread; never whether the learner muted it. */
	thread: Omit<ThreadState, 'muted'>;
}

/**
 * One application to the caller's organization, with the applicant's profile (as the learner
 * allows), its history and what it may decide. Opening it is recorded in the audit trail (the
 * application, and the profile when it is shown) before anything is returned.
 */
export async function getOrgApplication(
	db: Db,
	memberId: string,
	applicationId: string,
	locale: Locale,
	now = Date.now()
): Promise<OrgApplication | null> {
	const { orgId, application } = await orgApplication(db, memberId, applicationId);
	if (!orgId || !application) return null;
	// A deleted account's application is withdrawn and has no one behind it to show.
	const learner = application.status === 'withdrawn' ? null : application.user_id;
	const found = learner ? await sharedProfile(db, learner, locale) : null;
	const allowed =
		found && (found.visibility !== 'hidden' || application.profile_shared_at !== null);
	const shown: ApplicantProfile = !found
		? { shown: false, why: 'withdrawn' }
		: !allowed
			? { shown: false, why: 'hidden' }
			: { shown: true, profile: found.profile };
	await recordAudit(
		db,
		[
			{ actor: memberId, org: orgId, action: 'application_view', object: applicationId },
			...(shown.shown && learner
				? [{ actor: memberId, org: orgId, action: 'profile_view' as const, object: learner }]
				: [])
		],
		now
	);
	return {
		id: application.id,
		pseudonym: application.user_id && pseudonym(orgId, application.user_id),
		status: application.status,
		message: application.message,
		updatedAt: application.updated_at,
		roleId: application.role_id,
		role: pick(locale, application.title_my, application.title_en),
		profile: shown,
		history: await history(db, applicationId),
		decisions: allowedDecisions(application.status),
		thread: (({ open, closedBy, ended }) => ({ open, closedBy, ended }))(threadState(application))
	};
}

export interface ThreadMessage {
	by: 'learner' | 'organization';
	body: string;
	at: number;
}

/** Which side the caller is on for this application (with the organization's id), or null when it is not theirs to read. */
async function sideOf(
	db: Db,
	userId: string,
	applicationId: string
): Promise<{ side: 'learner' } | { side: 'organization'; orgId: string } | null> {
	const own = await db
		.selectFrom('application')
		.select('id')
		.where('id', '=', applicationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (own) return { side: 'learner' };
	const { orgId, application } = await orgApplication(db, userId, applicationId);
	return orgId && application ? { side: 'organization', orgId } : null;
}

/**
 * The application's messages, oldest first; null when the caller may not read them. An
 * organization's reading is recorded in the audit trail before the messages are returned.
 */
export async function readThread(
	db: Db,
	userId: string,
	applicationId: string,
	now = Date.now()
): Promise<ThreadMessage[] | null> {
	const reader = await sideOf(db, userId, applicationId);
	if (!reader) return null;
	if (reader.side === 'organization')
		await recordAudit(
			db,
			[{ actor: userId, org: reader.orgId, action: 'messages_view', object: applicationId }],
			now
		);
	return db
		.selectFrom('application_message')
		.select(['by', 'body', 'at'])
		.where('application_id', '=', applicationId)
		.orderBy('at')
		.orderBy('id')
		.execute();
}

/**
 * Adds a message from the caller's side while the thread is open (see thread.ts): not once
 * closed, withdrawn or the account deleted, nor past a learner's daily quota of messages
 * (QUOTAS.messages, all threads together).
 */
export async function postMessage(
	db: Db,
	userId: string,
	applicationId: string,
	body: string,
	now = Date.now()
): Promise<ApplicationResult> {
	const reader = await sideOf(db, userId, applicationId);
	if (!reader) return { ok: false, error: 'no_application' };
	const application = await db
		.selectFrom('application')
		.select(['status', 'user_id', 'thread_closed_at', 'thread_closed_by', 'learner_muted'])
		.where('id', '=', applicationId)
		.executeTakeFirstOrThrow();
	if (!threadState(application).open) return { ok: false, error: 'not_allowed' };
	if (reader.side === 'learner') {
		const used = await db
			.selectFrom('application_message')
			.innerJoin('application', 'application.id', 'application_message.application_id')
			.select((eb) => [
				eb.fn.countAll<number>().as('count'),
				eb.fn.min<number>('application_message.at').as('oldest')
			])
			.where('application.user_id', '=', userId)
			.where('application_message.by', '=', 'learner')
			.where('application_message.at', '>', now - DAY_MS)
			.executeTakeFirstOrThrow();
		const quota = withinQuota(
			QUOTAS.messages,
			{ count: Number(used.count), oldest: used.oldest === null ? null : Number(used.oldest) },
			1,
			now
		);
		if (!quota.ok) return { ok: false, error: 'quota', retryAfterMs: quota.retryAfterMs };
	}
	await db
		.insertInto('application_message')
		.values({ id: newId(), application_id: applicationId, by: reader.side, body, at: now })
		.execute();
	return { ok: true };
}

/**
 * After working with a learner (an accepted application), the organization may endorse a skill
 * the learner showed, at a level: a source of its own on the learner's profile. Only a skill the
 * role asked for, and at most at the level the role asked: the organization saw the learner do
 * that work, nothing else (so a careless or compromised organization cannot put any skill at
 * "can teach" on a profile). One endorsement per organization and skill; a new one replaces the
 * level.
 */
export async function endorseSkill(
	db: Db,
	memberId: string,
	applicationId: string,
	skillId: string,
	level: number,
	now = Date.now()
): Promise<ApplicationResult> {
	const { orgId, application } = await orgApplication(db, memberId, applicationId);
	if (!orgId) return { ok: false, error: 'not_vetted' };
	if (!application) return { ok: false, error: 'no_application' };
	if (application.status !== 'accepted' || application.user_id === null)
		return { ok: false, error: 'not_allowed' };
	const asked = (await endorsableSkills(db, applicationId, 'en')).find((s) => s.id === skillId);
	if (!asked || !Number.isInteger(level) || level < 1 || level > asked.maxLevel)
		return { ok: false, error: 'beyond_role' };
	const learnerId = application.user_id;
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('user_skill')
			.values({
				user_id: learnerId,
				skill_id: skillId,
				level,
				source: 'endorsement',
				source_ref: orgId,
				granted_at: now
			})
			.onConflict((oc) =>
				oc
					.columns(['user_id', 'skill_id', 'source', 'source_ref'])
					.doUpdateSet({ level, granted_at: now })
			)
			.execute();
		// Which skill and level stay on the profile, not in the trail.
		await recordAudit(
			trx,
			[{ actor: memberId, org: orgId, action: 'skill_endorse', object: learnerId }],
			now
		);
	});
	return { ok: true };
}

/** The skills an organization may endorse on an application: the role's skills, with names and the level the role asked (the most it may endorse). */
export async function endorsableSkills(
	db: Db,
	applicationId: string,
	locale: Locale
): Promise<{ id: string; name: string; maxLevel: number }[]> {
	const rows = await db
		.selectFrom('application')
		.innerJoin('role_skill', 'role_skill.role_id', 'application.role_id')
		.innerJoin('skill', 'skill.id', 'role_skill.skill_id')
		.select(['skill.id', 'skill.name_my', 'skill.name_en', 'role_skill.level'])
		.where('application.id', '=', applicationId)
		.orderBy('skill.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: pick(locale, r.name_my, r.name_en),
		maxLevel: r.level
	}));
}

/**
 * A learner deletes their account: each application stays with the organization, detached from
 * the person. One under way becomes withdrawn (a move by the learner, so the organization sees
 * it as news); the learner's message, the thread and the notes written to the learner go. Part of
 * the account's deletion (accounts/erase.ts), inside its transaction.
 */
export async function detachApplications(db: Db, userId: string, now: number): Promise<void> {
	const applications = await db
		.selectFrom('application')
		.select(['id', 'status'])
		.where('user_id', '=', userId)
		.execute();
	if (applications.length === 0) return;
	const ids = applications.map((a) => a.id);
	await db.deleteFrom('application_message').where('application_id', 'in', ids).execute();
	await db
		.updateTable('application_event')
		.set({ note: '' })
		.where('application_id', 'in', ids)
		.execute();
	const underWay = applications.filter((a) => UNDER_WAY.includes(a.status)).map((a) => a.id);
	if (underWay.length > 0) {
		await db
			.insertInto('application_event')
			.values(
				underWay.map((id) => ({
					id: newId(),
					application_id: id,
					status: 'withdrawn' as const,
					by: 'learner' as const,
					note: '',
					at: now
				}))
			)
			.execute();
		await db
			.updateTable('application')
			.set({ status: 'withdrawn', updated_at: now })
			.where('id', 'in', underWay)
			.execute();
	}
	await db
		.updateTable('application')
		.set({ user_id: null, message: '', learner_seen_at: 0, profile_shared_at: null })
		.where('id', 'in', ids)
		.execute();
}
