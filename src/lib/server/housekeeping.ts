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
 */
import { deleteInactiveAccounts } from './accounts/inactive';
import { forgetOldAudit } from './audit/trail';
import { deleteExpiredDevices } from './auth/devices';
import { deleteExpiredSessions } from './auth/session';
import { forgetOldFailures } from './auth/throttle';
import { config } from './config';
import type { Db } from './db';
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

/**
 * The server's daily run: a minute after start (so starting stays quick), then every day. A
 * wrong setting stops the start. Returns a function that stops it.
 */
export function sweepDaily(db: () => Db): () => void {
	// Read now, so a wrong INACTIVE_ACCOUNT_MONTHS or AUDIT_MONTHS stops the start, not a run a day later.
	void config.inactiveAccountMonths;
	void config.auditMonths;
	void config.helpRequestDays;
	const run = async () => {
		try {
			const swept = await sweep(db());
			if (
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
	const daily = setInterval(run, DAY);
	first.unref();
	daily.unref();
	return () => {
		clearTimeout(first);
		clearInterval(daily);
	};
}
