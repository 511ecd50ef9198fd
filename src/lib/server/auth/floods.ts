/**
 * Floods of new accounts and organizations. Sign-ups and organization applications are each
 * limited per network address and for everyone together (`SIGN_UP_LIMIT_PER_ADDRESS`,
 * `SIGN_UP_LIMIT_TOTAL`, per 15 minutes), counted like the sign-in limit (throttle.ts): by every
 * server process together, under a salted hash of the address that is gone within two windows.
 * Every attempt that reaches the account or organization counts, a refused one ("name taken")
 * too, so that testing which names exist is held to the same pace as making accounts.
 * The first refusal of a burst writes one audit row (no address, no name: only which limit), at
 * most once per limit and window whichever process refused it, so administrators see it on their
 * home page without a flood of rows.
 */
import { inTransaction, isDatabaseUnavailable, type Db } from '../db';
import { actionsSince, recordAudit } from '../audit/trail';
import { config } from '../config';
import type { AuditAction } from '../schema';
import { AddressLimiter, ADDRESS_WINDOW_MS } from './throttle';

/** Which limit a burst reached: one address's, or everyone's together. */
export type BurstScope = 'per_address' | 'overall';

export class FloodGate {
	private perAddress: AddressLimiter;
	private overall: AddressLimiter;

	constructor(
		private action: Extract<AuditAction, 'sign_up_burst' | 'org_application_burst'>,
		perAddress: number,
		total: number
	) {
		const bucket = action === 'sign_up_burst' ? 'sign_up' : 'org_application';
		this.perAddress = new AddressLimiter(bucket, perAddress);
		this.overall = new AddressLimiter(`${bucket}_all`, total);
	}

	/**
	 * Milliseconds until `address` may try again, or 0. A refusal notes the burst for
	 * administrators, once per limit and window.
	 */
	async wait(db: Db, address: string, now = Date.now()): Promise<number> {
		const own = await this.perAddress.retryAfter(db, address, now);
		const all = await this.overall.retryAfter(db, '', now);
		if (own === 0 && all === 0) return 0;
		const scope: BurstScope = all > 0 ? 'overall' : 'per_address';
		try {
			// One transaction (one writer at a time): two processes refusing at once note it once.
			await inTransaction(db, async (trx) => {
				const noted = await actionsSince(trx, [this.action], now - ADDRESS_WINDOW_MS + 1, 20);
				if (!noted.some((row) => row.object === scope && row.at <= now))
					await recordAudit(
						trx,
						[{ actor: null, org: null, action: this.action, object: scope }],
						now
					);
			});
		} catch (error) {
			// A full or busy database still refuses the flood; the note waits for the next refusal.
			if (!isDatabaseUnavailable(error)) throw error;
		}
		return Math.max(own, all);
	}

	/** Counts an attempt that went through (one commit for both counts). */
	async record(db: Db, address: string, now = Date.now()): Promise<void> {
		await inTransaction(db, async (trx) => {
			await this.perAddress.record(trx, address, now);
			await this.overall.record(trx, '', now);
		});
	}
}

export const signUps = new FloodGate(
	'sign_up_burst',
	config.signUpLimitPerAddress,
	config.signUpLimitTotal
);
export const orgApplications = new FloodGate(
	'org_application_burst',
	config.signUpLimitPerAddress,
	config.signUpLimitTotal
);

export interface Burst {
	what: 'sign_up' | 'org_application';
	scope: BurstScope;
	at: number;
}

/** Bursts of the last `days` days, newest first, for the administrators' home page. */
export async function recentBursts(db: Db, now = Date.now(), days = 14): Promise<Burst[]> {
	const rows = await actionsSince(
		db,
		['sign_up_burst', 'org_application_burst'],
		now - days * 24 * 60 * 60 * 1000,
		20
	);
	return rows.map((row) => ({
		what: row.action === 'sign_up_burst' ? 'sign_up' : 'org_application',
		scope: row.object === 'overall' ? 'overall' : 'per_address',
		at: row.at
	}));
}
