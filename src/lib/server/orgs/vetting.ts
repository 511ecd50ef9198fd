/**
 * Vetting partner organizations. An administrator vets or rejects an application, suspends a
 * vetted organization (its members lose what vetting gave them at once, and so will its roles)
 * and reinstates it. Every decision is kept with its note, who took it and when, and in the
 * audit trail, in the same transaction as the status.
 *
 *   pending --vet--> vetted --suspend--> suspended --reinstate--> vetted
 *   pending --reject--> rejected --vet--> vetted (an application reconsidered)
 */
import { isAdmin } from '../accounts/admins';
import type { Db } from '../db';
import { newId } from '../auth/tokens';
import { recordAudit } from '../audit/trail';
import { skeleton } from '../text/confusables';
import type { OrgDecisionKind, OrgKind, OrgStatus } from '../schema';
import type { Result } from '$lib/result';

const DECISIONS: Record<OrgDecisionKind, { from: OrgStatus[]; to: OrgStatus }> = {
	vet: { from: ['pending', 'rejected'], to: 'vetted' },
	reject: { from: ['pending'], to: 'rejected' },
	suspend: { from: ['vetted'], to: 'suspended' },
	reinstate: { from: ['suspended'], to: 'vetted' }
};

/** The decisions an administrator may take on an organization in `status`. */
export const allowedDecisions = (status: OrgStatus): OrgDecisionKind[] =>
	(Object.keys(DECISIONS) as OrgDecisionKind[]).filter((d) => DECISIONS[d].from.includes(status));

export type VettingResult = Result<{ status: OrgStatus }, 'no_org' | 'not_allowed' | 'not_admin'>;

/** Takes a decision; the organization's status and the history change together, or not at all. */
export async function decideOrganization(
	db: Db,
	adminId: string,
	orgId: string,
	decision: OrgDecisionKind,
	note: string,
	now = Date.now()
): Promise<VettingResult> {
	return db.transaction().execute(async (trx): Promise<VettingResult> => {
		if (!(await isAdmin(trx, adminId))) return { ok: false, error: 'not_admin' };
		const org = await trx
			.selectFrom('organization')
			.select('status')
			.where('id', '=', orgId)
			.executeTakeFirst();
		if (!org) return { ok: false, error: 'no_org' };
		if (!DECISIONS[decision].from.includes(org.status)) return { ok: false, error: 'not_allowed' };
		const status = DECISIONS[decision].to;
		await trx
			.updateTable('organization')
			.set({ status, reviewed_at: now })
			.where('id', '=', orgId)
			.execute();
		await trx
			.insertInto('org_decision')
			.values({ id: newId(), org_id: orgId, decision, note, decided_by: adminId, decided_at: now })
			.execute();
		await recordAudit(
			trx,
			[{ actor: adminId, org: null, action: `org_${decision}`, object: orgId }],
			now
		);
		return { ok: true, status };
	});
}

export interface OrgReview {
	id: string;
	name: string;
	kind: OrgKind;
	description: string;
	areas: string[];
	status: OrgStatus;
	createdAt: number;
	/** The owner's pseudonym: the contact inside the app. */
	contact: string | null;
	members: number;
	history: { decision: OrgDecisionKind; note: string; by: string | null; at: number }[];
	allowed: OrgDecisionKind[];
	/** Other organizations whose name a reader could take for this one's. */
	lookalikes: { id: string; name: string; status: OrgStatus }[];
}

/**
 * For each organization, the others whose names look the same to a reader (a Cyrillic letter, a
 * zero-width space, 0 for O: text/confusables.ts), so administrators see a copy before vetting it.
 */
export function lookalikesAmong<T extends { id: string; name: string }>(
	orgs: readonly T[]
): Map<string, T[]> {
	const bySkeleton = new Map<string, T[]>();
	for (const org of orgs) {
		const key = skeleton(org.name);
		bySkeleton.set(key, [...(bySkeleton.get(key) ?? []), org]);
	}
	const result = new Map<string, T[]>();
	for (const org of orgs)
		result.set(
			org.id,
			bySkeleton.get(skeleton(org.name))!.filter((other) => other.id !== org.id)
		);
	return result;
}

/** Everything an administrator needs to decide on an organization; null when there is none. */
export async function organizationForReview(db: Db, orgId: string): Promise<OrgReview | null> {
	const org = await db
		.selectFrom('organization')
		.selectAll()
		.where('id', '=', orgId)
		.executeTakeFirst();
	if (!org) return null;
	const owner = await db
		.selectFrom('org_member')
		.innerJoin('user', 'user.id', 'org_member.user_id')
		.select('user.username')
		.where('org_member.org_id', '=', orgId)
		.where('org_member.role', '=', 'owner')
		.executeTakeFirst();
	const members = await db
		.selectFrom('org_member')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('org_id', '=', orgId)
		.executeTakeFirstOrThrow();
	const history = await db
		.selectFrom('org_decision')
		.leftJoin('user', 'user.id', 'org_decision.decided_by')
		.select([
			'org_decision.decision',
			'org_decision.note',
			'org_decision.decided_at',
			'user.username'
		])
		.where('org_decision.org_id', '=', orgId)
		.orderBy('org_decision.decided_at', 'desc')
		.orderBy('org_decision.id')
		.execute();
	return {
		id: org.id,
		name: org.name,
		kind: org.kind,
		description: org.description,
		areas: JSON.parse(org.areas) as string[],
		status: org.status,
		createdAt: org.created_at,
		contact: owner?.username ?? null,
		members: Number(members.n),
		history: history.map((h) => ({
			decision: h.decision,
			note: h.note,
			by: h.username,
			at: h.decided_at
		})),
		allowed: allowedDecisions(org.status),
		lookalikes:
			lookalikesAmong(
				await db.selectFrom('organization').select(['id', 'name', 'status']).execute()
			).get(org.id) ?? []
	};
}
