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
import { newId } from '../auth/tokens';
import type { ApplicationStatus, Locale } from '../schema';
import { today } from '../matching/opportunities';
import { vettedOrgOf } from '../orgs/membership';
import { pickText as pick } from '../../format';
import { recordAudit } from '../audit/trail';
import { closedByDecline } from './thread';
import { grantEndorsement } from '../skills/grants';
import type { Result } from '$lib/result';

export type ApplicationError =
	| 'no_role'
	| 'already_applied'
	| 'not_allowed'
	| 'no_application'
	| 'not_vetted'
	| 'beyond_role'
	| 'quota';
/** `retryAfterMs` comes with `quota`: when the day's quota has room again. */
export type ApplicationResult<T extends object = object> = Result<
	T,
	ApplicationError,
	{ retryAfterMs?: number }
>;

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
export async function orgApplication(db: Db, memberId: string, applicationId: string) {
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

/** The status history of an application, oldest first. */
export async function history(db: Db, applicationId: string): Promise<HistoryEntry[]> {
	const rows = await db
		.selectFrom('application_event')
		.select(['status', 'by', 'note', 'at'])
		.where('application_id', '=', applicationId)
		.orderBy('at')
		.orderBy('id')
		.execute();
	return rows;
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
		await grantEndorsement(trx, orgId, { userId: learnerId, skillId, level, at: now });
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
