/**
 * Partner organizations. An organization starts "pending" and stays so until an administrator
 * vets it. Members join with a one-time invitation code from the organization's owner.
 */
import type { Db } from '../db';
import type { OrgKind, OrgRole, OrgStatus, Organization } from '../schema';
import { newId, randomToken, sha256Hex } from '../auth/tokens';
import { normalizeCode } from '../auth/recovery';
import type { Result } from '$lib/result';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type OrgError = 'already_member' | 'not_org_account' | 'not_owner' | 'invalid_invitation';
export type OrgResult<T extends object> = Result<T, OrgError>;

export interface Membership {
	org: Pick<Organization, 'id' | 'name' | 'kind' | 'description' | 'status' | 'created_at'>;
	role: OrgRole;
	members: { username: string; role: OrgRole; joinedAt: number }[];
}

async function isOrgAccount(db: Db, userId: string): Promise<boolean> {
	const user = await db
		.selectFrom('user')
		.select('kind')
		.where('id', '=', userId)
		.executeTakeFirst();
	return user?.kind === 'org_member';
}

async function hasMembership(db: Db, userId: string): Promise<boolean> {
	return !!(await db
		.selectFrom('org_member')
		.select('org_id')
		.where('user_id', '=', userId)
		.executeTakeFirst());
}

/** The id of the caller's organization when it is vetted; null otherwise (none, pending, rejected, suspended). */
export async function vettedOrgOf(db: Db, userId: string): Promise<string | null> {
	const row = await db
		.selectFrom('org_member')
		.innerJoin('organization', 'organization.id', 'org_member.org_id')
		.select(['organization.id', 'organization.status'])
		.where('org_member.user_id', '=', userId)
		.executeTakeFirst();
	return row?.status === 'vetted' ? row.id : null;
}

/** The id of the account's organization, whatever its status; null when it belongs to none. */
export async function orgIdOf(db: Db, userId: string): Promise<string | null> {
	const row = await db
		.selectFrom('org_member')
		.select('org_id')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.org_id ?? null;
}

/** The caller's organization, their role and its members; null when they belong to none. */
export async function getMembership(db: Db, userId: string): Promise<Membership | null> {
	const row = await db
		.selectFrom('org_member')
		.innerJoin('organization', 'organization.id', 'org_member.org_id')
		.select([
			'organization.id',
			'organization.name',
			'organization.kind',
			'organization.description',
			'organization.status',
			'organization.created_at',
			'org_member.role'
		])
		.where('org_member.user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return null;
	const members = await db
		.selectFrom('org_member')
		.innerJoin('user', 'user.id', 'org_member.user_id')
		.select(['user.username', 'org_member.role', 'org_member.joined_at'])
		.where('org_member.org_id', '=', row.id)
		.orderBy('org_member.joined_at')
		.execute();
	const { role, ...org } = row;
	return {
		org,
		role,
		members: members.map((m) => ({ username: m.username, role: m.role, joinedAt: m.joined_at }))
	};
}

/** Files an organization application; its creator becomes the owner. */
export async function applyForOrganization(
	db: Db,
	userId: string,
	input: { name: string; kind: OrgKind; description: string; areas?: string[] },
	now = Date.now()
): Promise<OrgResult<{ orgId: string }>> {
	return db.transaction().execute(async (trx) => {
		if (!(await isOrgAccount(trx, userId))) return { ok: false, error: 'not_org_account' } as const;
		if (await hasMembership(trx, userId)) return { ok: false, error: 'already_member' } as const;
		const orgId = newId();
		await trx
			.insertInto('organization')
			.values({
				id: orgId,
				name: input.name,
				kind: input.kind,
				description: input.description,
				areas: JSON.stringify(input.areas ?? []),
				status: 'pending',
				created_by: userId,
				created_at: now,
				reviewed_at: null
			})
			.execute();
		await trx
			.insertInto('org_member')
			.values({ org_id: orgId, user_id: userId, role: 'owner', joined_at: now })
			.execute();
		return { ok: true, orgId } as const;
	});
}

/** Owners make one-time invitation codes, valid for 7 days; the code is returned once. */
export async function createInvitation(
	db: Db,
	userId: string,
	now = Date.now()
): Promise<OrgResult<{ code: string; expiresAt: number }>> {
	const membership = await db
		.selectFrom('org_member')
		.select(['org_id', 'role'])
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!membership || membership.role !== 'owner') return { ok: false, error: 'not_owner' };
	const raw = randomToken(10).slice(0, 16);
	const code = raw.match(/.{4}/g)!.join('-');
	const expiresAt = now + INVITATION_TTL_MS;
	await db
		.insertInto('org_invitation')
		.values({
			id: newId(),
			org_id: membership.org_id,
			code_hash: sha256Hex(`invitation:${normalizeCode(code)}`),
			created_by: userId,
			created_at: now,
			expires_at: expiresAt,
			used_by: null,
			used_at: null
		})
		.execute();
	return { ok: true, code, expiresAt };
}

/** Joins the organization an unused, unexpired invitation code belongs to. */
export async function joinWithInvitation(
	db: Db,
	userId: string,
	code: string,
	now = Date.now()
): Promise<OrgResult<{ orgId: string }>> {
	return db.transaction().execute(async (trx) => {
		if (!(await isOrgAccount(trx, userId))) return { ok: false, error: 'not_org_account' } as const;
		if (await hasMembership(trx, userId)) return { ok: false, error: 'already_member' } as const;
		const invitation = await trx
			.selectFrom('org_invitation')
			.select(['id', 'org_id'])
			.where('code_hash', '=', sha256Hex(`invitation:${normalizeCode(code)}`))
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.executeTakeFirst();
		if (!invitation) return { ok: false, error: 'invalid_invitation' } as const;
		await trx
			.updateTable('org_invitation')
			.set({ used_by: userId, used_at: now })
			.where('id', '=', invitation.id)
			.execute();
		await trx
			.insertInto('org_member')
			.values({ org_id: invitation.org_id, user_id: userId, role: 'member', joined_at: now })
			.execute();
		return { ok: true, orgId: invitation.org_id } as const;
	});
}

export interface OrgSummary {
	id: string;
	name: string;
	kind: OrgKind;
	status: OrgStatus;
	createdAt: number;
	members: number;
}

/** Organizations for administrators, optionally of one status, newest first. */
export async function listOrganizations(db: Db, status?: OrgStatus): Promise<OrgSummary[]> {
	let query = db
		.selectFrom('organization')
		.leftJoin('org_member', 'org_member.org_id', 'organization.id')
		.select([
			'organization.id',
			'organization.name',
			'organization.kind',
			'organization.status',
			'organization.created_at',
			(eb) => eb.fn.count<number>('org_member.user_id').as('members')
		])
		.groupBy([
			'organization.id',
			'organization.name',
			'organization.kind',
			'organization.status',
			'organization.created_at'
		])
		.orderBy('organization.created_at', 'desc');
	if (status) query = query.where('organization.status', '=', status);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		status: r.status,
		createdAt: r.created_at,
		members: Number(r.members)
	}));
}

/** What deleting a member's account does to their organization. */
export interface Leaving {
	orgId: string;
	organization: string;
	/** The member who becomes owner, when no owner would be left: the one who joined first. */
	newOwner: { userId: string; username: string } | null;
	/** Nobody is left in the organization. */
	empty: boolean;
}

/** What would happen to the member's organization if they left it; null when they belong to none. */
export async function leavingOrganization(db: Db, userId: string): Promise<Leaving | null> {
	const own = await db
		.selectFrom('org_member')
		.innerJoin('organization', 'organization.id', 'org_member.org_id')
		.select(['organization.id', 'organization.name'])
		.where('org_member.user_id', '=', userId)
		.executeTakeFirst();
	if (!own) return null;
	const others = await db
		.selectFrom('org_member')
		.innerJoin('user', 'user.id', 'org_member.user_id')
		.select(['org_member.user_id', 'org_member.role', 'user.username'])
		.where('org_member.org_id', '=', own.id)
		.where('org_member.user_id', '!=', userId)
		.orderBy('org_member.joined_at')
		.orderBy('org_member.user_id')
		.execute();
	const next = others.length > 0 && !others.some((o) => o.role === 'owner') ? others[0] : null;
	return {
		orgId: own.id,
		organization: own.name,
		newOwner: next && { userId: next.user_id, username: next.username },
		empty: others.length === 0
	};
}

/**
 * The member leaves their organization, as their account is deleted (accounts/erase.ts, inside
 * its transaction). An organization is never left without an owner while it has members.
 */
export async function leaveOrganization(db: Db, userId: string): Promise<Leaving | null> {
	const leaving = await leavingOrganization(db, userId);
	if (!leaving) return null;
	await db.deleteFrom('org_member').where('user_id', '=', userId).execute();
	if (leaving.newOwner) {
		await db
			.updateTable('org_member')
			.set({ role: 'owner' })
			.where('org_id', '=', leaving.orgId)
			.where('user_id', '=', leaving.newOwner.userId)
			.execute();
	}
	return leaving;
}
