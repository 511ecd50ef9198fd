/**
 * What the server deletes on its own, once a day and with `npm run prune`, so that nothing is
 * kept longer than docs/data-register.md says:
 * - accounts unused for `INACTIVE_ACCOUNT_MONTHS` (accounts/inactive.ts), deleted for good;
 * - sessions that can no longer be used (auth/session.ts);
 * - counts of failed sign-ins over a day old with no lock running (auth/throttle.ts);
 * - audit rows older than `AUDIT_MONTHS` (audit/);
 * - where a training met, once it has ended (trainings/editing.ts);
 * - requests for help and their threads, `HELP_REQUEST_DAYS` after they were closed
 *   (services/requests.ts);
 * and it passes on the places offered in trainings whose time ran out (trainings/places.ts).
 * With several server processes on one database (WORKERS), a lease in the database makes it
 * run once a day for all of them.
 */
import { deleteInactiveAccounts } from './accounts/inactive';
import { forgetOldAudit } from './audit/trail';
import { deleteExpiredDevices } from './auth/devices';
import { deleteExpiredSessions } from './auth/session';
import { forgetOldAttempts, forgetOldFailures } from './auth/throttle';
import { randomToken } from './auth/tokens';
import { config } from './config';
import { inTransaction, isDatabaseUnavailable, type Db } from './db';
import { BEAT_MS, pruneChanges } from './matching/changes';
import { applyLearnerChanges } from './matching/learners';
import { applyRoleChanges } from './matching/roles';
import { forgetEndedMeetingPoints } from './trainings/editing';
import { lapseAllOffers } from './trainings/places';
import { forgetClosedRequests } from './services/requests';

export interface Swept {
	accounts: number;
	/** Accounts unused since this time were deleted; null when INACTIVE_ACCOUNT_MONTHS is 0. */
	accountsCutoff: number | null;
	sessions: number;
	/** Trusted browsers whose trust ran out (auth/devices.ts). */
	devices: number;
	failures: number;
	audit: number;
	/** Trainings that ended, their meeting point emptied. */
	meetingPoints: number;
	/** Trainings whose lapsed offers were passed on. */
	offers: number;
	/** Requests for help closed long enough ago, deleted with their threads. */
	helpRequests: number;
}

/** Runs every deletion once; each is its own statement or transaction. */
export async function sweep(db: Db, now = Date.now()): Promise<Swept> {
	const { deleted, cutoff } = await deleteInactiveAccounts(db, now, config.inactiveAccountMonths);
	return {
		accounts: deleted,
		accountsCutoff: cutoff,
		sessions: await deleteExpiredSessions(db, now),
		devices: await deleteExpiredDevices(db, now),
		failures: await forgetOldFailures(db, now),
		audit: await forgetOldAudit(db, now, config.auditMonths),
		meetingPoints: await forgetEndedMeetingPoints(db, now),
		offers: (await lapseAllOffers(db, now)).length,
		helpRequests: await forgetClosedRequests(db, now, config.helpRequestDays)
	};
}

/** Counts only, never whose rows: safe for the server's log. */
export function describeSweep(swept: Swept): string {
	return `Deleted ${swept.accounts} unused accounts, ${swept.sessions} expired sessions, ${swept.devices} expired device trusts, ${swept.failures} old sign-in failure counts, ${swept.audit} old audit rows, ${swept.meetingPoints} ended trainings' meeting points, ${swept.helpRequests} closed requests for help; passed on lapsed offers in ${swept.offers} trainings`;
}

const DAY = 24 * 60 * 60 * 1000;
/** How often each server process asks whether the day's sweep is due. */
const ASK_MS = 10 * 60 * 1000;
const SWEEP_LEASE = 'daily_sweep';

/**
 * Takes the lease `name` for `holder` until `now + forMs`, when nobody holds it now. Several
 * server processes share the database (WORKERS): the one that takes the lease does the work,
 * the others see it held. One transaction, so two processes never both take it.
 */
export async function takeLease(
	db: Db,
	name: string,
	holder: string,
	forMs: number,
	now = Date.now()
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const held = await trx
			.selectFrom('lease')
			.select('until')
			.where('name', '=', name)
			.executeTakeFirst();
		if (held && held.until > now) return false;
		await trx
			.insertInto('lease')
			.values({ name, holder, until: now + forMs })
			.onConflict((oc) => oc.column('name').doUpdateSet({ holder, until: now + forMs }))
			.execute();
		return true;
	});
}

/**
 * The day's sweep, when it is due: the process that takes the day's lease runs it, and no
 * process runs it again before the lease ends a day later. Returns what was swept, or null
 * when another run holds the day.
 */
export async function sweepIfDue(db: Db, holder: string, now = Date.now()): Promise<Swept | null> {
	if (!(await takeLease(db, SWEEP_LEASE, holder, DAY, now))) return null;
	try {
		return await sweep(db, now);
	} catch (error) {
		// A run that failed leaves the day to the next ask, in whichever process.
		await db.updateTable('lease').set({ until: now }).where('name', '=', SWEEP_LEASE).execute();
		throw error;
	}
}

/**
 * The server's daily run: a minute after start (so starting stays quick), then every ten
 * minutes each process asks whether the day's sweep is due, and the one that takes the day's
 * lease runs it: once a day across all processes, whichever of them live. A wrong setting
 * stops the start. Returns a function that stops it.
 */
export function sweepDaily(db: () => Db): () => void {
	// Read now, so a wrong INACTIVE_ACCOUNT_MONTHS or AUDIT_MONTHS stops the start, not a run a day later.
	void config.inactiveAccountMonths;
	void config.auditMonths;
	void config.helpRequestDays;
	const holder = randomToken(10);
	const run = async () => {
		try {
			const swept = await sweepIfDue(db(), holder);
			if (
				swept &&
				swept.accounts +
					swept.sessions +
					swept.failures +
					swept.audit +
					swept.meetingPoints +
					swept.offers >
					0
			)
				console.log(describeSweep(swept));
		} catch (error) {
			console.error('The daily deletions failed:', error);
		}
	};
	const first = setTimeout(run, 60 * 1000);
	const asking = setInterval(run, ASK_MS);
	first.unref();
	asking.unref();
	return () => {
		clearTimeout(first);
		clearInterval(asking);
	};
}

/**
 * Every minute, in each server process: matching's memory catches up with the change notes
 * (which moves and beats its places in them, so an idle process never holds the notes back),
 * the notes every process has passed are pruned, and per-address attempts past their window are
 * deleted with their salts. Returns a function that stops it.
 */
export function tidyEveryMinute(db: () => Db): () => void {
	const timer = setInterval(async () => {
		try {
			await applyLearnerChanges(db());
			await applyRoleChanges(db());
			await pruneChanges(db());
			await forgetOldAttempts(db());
		} catch (error) {
			// A full or busy database: the next minute tries again, well within READER_STALE_MS.
			if (!isDatabaseUnavailable(error)) console.error("The minute's tidying failed:", error);
		}
	}, BEAT_MS);
	timer.unref();
	return () => clearInterval(timer);
}
