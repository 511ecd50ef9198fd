/**
 * Who stays in an organization: its owner, or an administrator, removes a member and revokes an
 * invitation nobody has used yet, so an infiltrator loses access at once without suspending the
 * whole organization. A removed member's sessions end in the same transaction (their next
 * request is a visitor's); the account itself stays, in no organization. An owner removes
 * members, never an owner; an administrator removes anyone, and an organization whose only
 * owner goes gets the member who joined first as owner (as when an owner's account is deleted),
 * or, left empty, has its roles closed. Each removal and revocation is in the audit trail.
 */
import { inTransaction, type Db } from '../db';
import { recordAudit } from '../audit/trail';
import { invalidateUserSessions } from '../auth/session';
import { closeRolesOf } from '../roles/editing';
import { leaveOrganization } from './membership';
import type { Result } from '$lib/result';

export type MemberError = 'not_owner' | 'no_member' | 'not_allowed' | 'no_invitation';
export type MemberResult = Result<object, MemberError>;

/** Who acts: an organization's owner on their own organization, or an administrator on `orgId`. */
async function actingOn(
	db: Db,
	actorId: string,
	orgId: string | null
): Promise<{ orgId: string; admin: boolean } | null> {
	const actor = await db
		.selectFrom('user')
		.select('kind')
		.where('id', '=', actorId)
		.executeTakeFirst();
	if (actor?.kind === 'admin' && orgId)
		return (await db
			.selectFrom('organization')
			.select('id')
			.where('id', '=', orgId)
			.executeTakeFirst())
			? { orgId, admin: true }
			: null;
	if (orgId !== null) return null;
	const own = await db
		.selectFrom('org_member')
		.select(['org_id', 'role'])
		.where('user_id', '=', actorId)
		.executeTakeFirst();
	return own?.role === 'owner' ? { orgId: own.org_id, admin: false } : null;
}

/**
 * Removes the member named `username` from the organization (the owner's own, or `orgId` for
 * an administrator) and ends their sessions.
 */
export async function removeMember(
	db: Db,
	actorId: string,
	orgId: string | null,
	username: string,
	now = Date.now()
): Promise<MemberResult> {
	return inTransaction(db, async (trx) => {
		const acting = await actingOn(trx, actorId, orgId);
		if (!acting) return { ok: false, error: 'not_owner' };
		const member = await trx
			.selectFrom('org_member')
			.innerJoin('user', 'user.id', 'org_member.user_id')
			.select(['org_member.user_id', 'org_member.role'])
			.where('org_member.org_id', '=', acting.orgId)
			.where('user.username', '=', username)
			.executeTakeFirst();
		if (!member) return { ok: false, error: 'no_member' };
		if (!acting.admin && (member.role === 'owner' || member.user_id === actorId))
			return { ok: false, error: 'not_allowed' };
		const left = await leaveOrganization(trx, member.user_id);
		if (left?.empty) await closeRolesOf(trx, acting.orgId, now);
		await invalidateUserSessions(trx, member.user_id);
		await recordAudit(
			trx,
			[
				{
					actor: actorId,
					org: acting.admin ? null : acting.orgId,
					action: 'org_member_remove',
					object: member.user_id
				}
			],
			now
		);
		return { ok: true };
	});
}

export interface OpenInvitation {
	id: string;
	createdAt: number;
	expiresAt: number;
}

/** The organization's invitations nobody has used and that still work; never their codes (only hashes are kept). */
export async function openInvitations(
	db: Db,
	orgId: string,
	now = Date.now()
): Promise<OpenInvitation[]> {
	const rows = await db
		.selectFrom('org_invitation')
		.select(['id', 'created_at', 'expires_at'])
		.where('org_id', '=', orgId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.orderBy('created_at')
		.execute();
	return rows.map((r) => ({ id: r.id, createdAt: r.created_at, expiresAt: r.expires_at }));
}

/** Revokes an unused invitation of the organization (the owner's own, or `orgId` for an administrator). */
export async function revokeInvitation(
	db: Db,
	actorId: string,
	orgId: string | null,
	invitationId: string,
	now = Date.now()
): Promise<MemberResult> {
	return inTransaction(db, async (trx) => {
		const acting = await actingOn(trx, actorId, orgId);
		if (!acting) return { ok: false, error: 'not_owner' };
		const result = await trx
			.deleteFrom('org_invitation')
			.where('id', '=', invitationId)
			.where('org_id', '=', acting.orgId)
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (result.numDeletedRows === 0n) return { ok: false, error: 'no_invitation' };
		await recordAudit(
			trx,
			[
				{
					actor: actorId,
					org: acting.admin ? null : acting.orgId,
					action: 'org_invitation_revoke',
					object: acting.orgId
				}
			],
			now
		);
		return { ok: true };
	});
}

/** The members of an organization for its administrators' page: usernames and roles. */
export async function membersOf(
	db: Db,
	orgId: string
): Promise<{ username: string; role: 'owner' | 'member'; joinedAt: number }[]> {
	const rows = await db
		.selectFrom('org_member')
		.innerJoin('user', 'user.id', 'org_member.user_id')
		.select(['user.username', 'org_member.role', 'org_member.joined_at'])
		.where('org_member.org_id', '=', orgId)
		.orderBy('org_member.joined_at')
		.execute();
	return rows.map((r) => ({ username: r.username, role: r.role, joinedAt: r.joined_at }));
}
