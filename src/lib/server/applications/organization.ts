/**
 * Applications as their organization sees them: the list for a role (pseudonyms only) and one
 * application with the applicant's profile as the learner allows, each opening recorded.
 */
import type { Db } from '../db';
import type { ApplicationStatus, Locale } from '../schema';
import { pseudonym } from '../matching/candidates';
import { vettedOrgOf } from '../orgs/membership';
import { pickText as pick } from '../../format';
import { recordAudit } from '../audit/trail';
import { sharedProfile, type SharedProfile } from '../skills/profile';
import { threadState, type ThreadState } from './thread';
import {
	allowedDecisions,
	history,
	orgApplication,
	type Decision,
	type HistoryEntry
} from './lifecycle';

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
