/**
 * A learner's profile and the organizations they asked for help. An organization never sees
 * the profile of someone who asked it for help (whatever the profile's visibility for jobs),
 * unless that person chooses, on the request, to show it; they can stop at any time. What is
 * shown is the profile as it is now, as for applications (skills/profile.ts `sharedProfile`),
 * under the organization's pseudonym, and each time it is shown it is in "who saw me".
 */
import type { Db } from '../db';
import type { Locale } from '../schema';
import { recordAudit } from '../audit/trail';
import { vettedOrgOf } from '../orgs/membership';
import { sharedProfile } from '../skills/profile';
import type { ApplicantProfile } from '../applications/organization';
import type { Result } from '$lib/result';

/** The learner shows (`share`) or stops showing their profile on their request; not on a closed one. */
export async function shareProfileForRequest(
	db: Db,
	userId: string,
	requestId: string,
	share: boolean,
	now = Date.now()
): Promise<Result<object, 'no_request' | 'closed'>> {
	const row = await db
		.selectFrom('help_request')
		.select(['status', 'profile_shared_at'])
		.where('id', '=', requestId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return { ok: false, error: 'no_request' };
	if (share && row.status === 'closed') return { ok: false, error: 'closed' };
	if ((row.profile_shared_at !== null) === share) return { ok: true };
	await db
		.updateTable('help_request')
		.set({ profile_shared_at: share ? now : null })
		.where('id', '=', requestId)
		.execute();
	return { ok: true };
}

/**
 * The profile of the person behind a request to the member's organization: shown only while
 * they choose to show it (recorded as a view of them), else why not. Null when the request is
 * not the organization's.
 */
export async function requestProfile(
	db: Db,
	memberId: string,
	requestId: string,
	locale: Locale,
	now = Date.now()
): Promise<ApplicantProfile | null> {
	const orgId = await vettedOrgOf(db, memberId);
	if (!orgId) return null;
	const row = await db
		.selectFrom('help_request')
		.select(['user_id', 'profile_shared_at'])
		.where('id', '=', requestId)
		.where('org_id', '=', orgId)
		.executeTakeFirst();
	if (!row) return null;
	if (row.profile_shared_at === null) return { shown: false, why: 'hidden' };
	const { profile } = await sharedProfile(db, row.user_id, locale);
	await recordAudit(
		db,
		[{ actor: memberId, org: orgId, action: 'profile_view', object: row.user_id }],
		now
	);
	return { shown: true, profile };
}
