/**
 * What an organization posts and an administrator reviews before learners see it: roles,
 * trainings (trainings/) and support services (services/). One way for both: the organization moves its draft to review, takes it
 * back, opens it once approved, closes it (MOVES); an administrator approves it or returns it to
 * draft with a note, recorded in the audit trail.
 */
import { isAdmin } from '../accounts/admins';
import type { Db } from '../db';
import type { RoleTable, ServiceTable, TrainingTable } from '../schema';
import { recordAudit } from '../audit/trail';
import { vettedOrgOf } from '../orgs/membership';
import type { ReviewDecision, RoleMove, RoleStatus } from '$lib/vocab/roles';
import type { Result } from '$lib/result';

export type Reviewed = 'role' | 'training' | 'service';

/** The columns this module reads and writes, which both tables have, of the same types. */
type Shared =
	'id' | 'org_id' | 'status' | 'review_note' | 'reviewed_by' | 'reviewed_at' | 'updated_at';
const sameColumns: [
	Pick<RoleTable, Shared>,
	Pick<TrainingTable, Shared>,
	Pick<ServiceTable, Shared>
] extends [Pick<TrainingTable, Shared>, Pick<ServiceTable, Shared>, Pick<RoleTable, Shared>]
	? true
	: never = true;
void sameColumns;
/** Any of the tables, typed as `role` for the shared columns above (checked just before). */
const tableOf = (kind: Reviewed) => kind as 'role';

/** How an organization moves what it posts between states. */
export const MOVES: Record<RoleMove, { from: RoleStatus[]; to: RoleStatus }> = {
	submit: { from: ['draft'], to: 'submitted' },
	withdraw: { from: ['submitted'], to: 'draft' },
	open: { from: ['approved'], to: 'open' },
	close: { from: ['approved', 'open'], to: 'closed' }
};

/** What the organization may do with a role or training in `status`. */
export const allowedMoves = (status: RoleStatus): RoleMove[] =>
	(Object.keys(MOVES) as RoleMove[]).filter((m) => MOVES[m].from.includes(status));

/** `no_role` or `no_training`: none of the caller's organization, or none at all. */
type Missing<K extends Reviewed> = `no_${K}`;
export type MoveResult<K extends Reviewed> = Result<
	{ status: RoleStatus },
	'not_vetted' | 'not_allowed' | Missing<K>
>;

/** The status of one of the caller's vetted organization's roles, trainings or services. */
async function ownStatus<K extends Reviewed>(
	db: Db,
	kind: K,
	userId: string,
	id: string
): Promise<Result<{ status: RoleStatus }, 'not_vetted' | Missing<K>>> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return { ok: false, error: 'not_vetted' };
	const row = await db
		.selectFrom(tableOf(kind))
		.select('status')
		.where('id', '=', id)
		.where('org_id', '=', orgId)
		.executeTakeFirst();
	if (!row) return { ok: false, error: `no_${kind}` as Missing<K> };
	return { ok: true, status: row.status };
}

/** Moves a role or training of the caller's vetted organization (MOVES). */
export async function moveReviewed<K extends Reviewed>(
	db: Db,
	kind: K,
	userId: string,
	id: string,
	move: RoleMove,
	now = Date.now()
): Promise<MoveResult<K>> {
	const row = await ownStatus(db, kind, userId, id);
	if (!row.ok) return row;
	if (!MOVES[move].from.includes(row.status)) return { ok: false, error: 'not_allowed' };
	const status = MOVES[move].to;
	await db
		.updateTable(tableOf(kind))
		.set({ status, updated_at: now })
		.where('id', '=', id)
		.execute();
	return { ok: true, status };
}

/**
 * A draft (new, or returned by an administrator) of the caller's vetted organization, for
 * changing; or why not. Only a draft changes: once submitted, what an administrator approves is
 * what learners see.
 */
export async function editableDraft<K extends Reviewed>(
	db: Db,
	kind: K,
	userId: string,
	id: string
): Promise<Result<object, 'not_vetted' | 'not_draft' | Missing<K>>> {
	const row = await ownStatus(db, kind, userId, id);
	if (!row.ok) return row;
	if (row.status !== 'draft') return { ok: false, error: 'not_draft' };
	return { ok: true };
}

export type ReviewResult<K extends Reviewed> = Result<
	object,
	'not_admin' | 'not_submitted' | Missing<K>
>;

/** Approves a submitted role or training, or returns it as a draft; it and the audit trail change together. */
export async function reviewSubmitted<K extends Reviewed>(
	db: Db,
	kind: K,
	adminId: string,
	id: string,
	decision: ReviewDecision,
	note: string,
	now = Date.now()
): Promise<ReviewResult<K>> {
	return db.transaction().execute(async (trx): Promise<ReviewResult<K>> => {
		if (!(await isAdmin(trx, adminId))) return { ok: false, error: 'not_admin' };
		const row = await trx
			.selectFrom(tableOf(kind))
			.select('status')
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) return { ok: false, error: `no_${kind}` as Missing<K> };
		if (row.status !== 'submitted') return { ok: false, error: 'not_submitted' };
		await trx
			.updateTable(tableOf(kind))
			.set({
				status: decision === 'approve' ? 'approved' : 'draft',
				review_note: note,
				reviewed_by: adminId,
				reviewed_at: now,
				updated_at: now
			})
			.where('id', '=', id)
			.execute();
		await recordAudit(
			trx,
			[{ actor: adminId, org: null, action: `${kind}_${decision}`, object: id }],
			now
		);
		return { ok: true };
	});
}
