/**
 * Deleting an account for good: the one place where it happens, whether its holder asks
 * (`/account`) or the account went unused for too long (./inactive.ts).
 *
 * One transaction per account:
 * - its applications stay with the organizations, detached from the person and withdrawn,
 *   without the learner's message, the thread or notes to the learner (applications/);
 * - an organization member leaves their organization, which keeps an owner while it has
 *   members; an organization left with nobody has its roles closed (orgs/, roles/);
 * - its places in trainings end, and each place it held is offered to the next who waits
 *   (trainings/places.ts);
 * - the audit trail keeps its rows, the account's ids in them replaced by opaque ones (audit/);
 * - failed sign-in counts kept for its name go;
 * - the `user` row goes, and the database deletes with it everything that belongs to it
 *   (foreign keys `on delete cascade`: sessions, recovery codes, profile, skills, enrolments,
 *   progress, quiz attempts, certificates, sync events, membership, invitations it made) and
 *   clears the ids other tables keep of who did something (`on delete set null`).
 * Then matching's memory forgets the person and SQLite's write-ahead log is emptied. What
 * remains is listed in docs/data-register.md.
 */
import { flushDeletions, type Db } from '../db';
import { detachApplications } from '../applications/learner';
import { forgetInAudit } from '../audit/trail';
import { confirmPassword, type Confirmation } from '../auth/confirm';
import { clearFailures } from '../auth/throttle';
import { pruneChanges } from '../matching/changes';
import { applyLearnerChanges } from '../matching/learners';
import { leaveOrganization } from '../orgs/membership';
import { closeRolesOf } from '../roles/editing';
import { leaveAllTrainings } from '../trainings/places';

/** The scopes in which failures are counted by account name (see ./index.ts). */
const THROTTLE_SCOPES = ['sign-in', 'password', 'recover'];

/** Deletes each account of `userIds` for good; returns how many there were. */
export async function eraseAccounts(
	db: Db,
	userIds: readonly string[],
	now = Date.now()
): Promise<number> {
	let erased = 0;
	for (const userId of userIds) {
		const found = await db.transaction().execute(async (trx) => {
			const user = await trx
				.selectFrom('user')
				.select('username_key')
				.where('id', '=', userId)
				.executeTakeFirst();
			if (!user) return false;
			// The audit trail keeps its rows, under ids nobody can tie to the account again.
			await forgetInAudit(trx, userId);
			await detachApplications(trx, userId, now);
			// Places in trainings end, each offered to the next who waits.
			await leaveAllTrainings(trx, userId, now);
			const left = await leaveOrganization(trx, userId);
			if (left?.empty) await closeRolesOf(trx, left.orgId, now);
			for (const scope of THROTTLE_SCOPES) await clearFailures(trx, scope, user.username_key);
			await trx.deleteFrom('user').where('id', '=', userId).execute();
			return true;
		});
		if (found) erased++;
	}
	if (erased > 0) {
		// The notes naming the accounts go as soon as every server process has read them.
		await applyLearnerChanges(db);
		await pruneChanges(db);
		await flushDeletions(db);
	}
	return erased;
}

export type DeleteResult = Confirmation;

/**
 * The holder deletes their own account, confirming with their password (auth/confirm.ts: wrong
 * ones count toward the password lock); nothing is deleted then.
 */
export async function deleteOwnAccount(
	db: Db,
	userId: string,
	password: string,
	now = Date.now()
): Promise<DeleteResult> {
	const confirmed = await confirmPassword(db, userId, password, now);
	if (!confirmed.ok) return confirmed;
	await eraseAccounts(db, [userId], now);
	return { ok: true };
}
