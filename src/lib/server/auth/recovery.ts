/**
 * Recovery codes: 10 one-time codes shown once at sign-up, each 60 random bits, shown as
 * `xxxx-xxxx-xxxx`. Only a SHA-256 (salted with the user id) is stored.
 */
import { inTransaction, type Db } from '../db';
import { newId, randomToken, sha256Hex } from './tokens';

export const RECOVERY_CODE_COUNT = 10;

function hashCode(userId: string, code: string): string {
	return sha256Hex(`${userId}:${normalizeCode(code)}`);
}

/** Codes are typed on phones: ignore case, spaces and dashes. */
export function normalizeCode(code: string): string {
	return code.toLowerCase().replace(/[\s-]/g, '');
}

function newCode(): string {
	// 8 bytes of base32 gives 13 characters; keep 12 (60 bits).
	const raw = randomToken(8).slice(0, 12);
	return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/** Replaces all of a user's recovery codes with 10 new ones; returns them for one-time display. */
export async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
	// Together: a full database must never leave the account with the old codes gone and no new ones.
	await inTransaction(db, async (trx) => {
		await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
		await trx
			.insertInto('recovery_code')
			.values(
				codes.map((code) => ({
					id: newId(),
					user_id: userId,
					code_hash: hashCode(userId, code),
					used_at: null
				}))
			)
			.execute();
	});
	return codes;
}

/** Marks a matching unused code as used; returns false when no unused code matches. */
export async function consumeRecoveryCode(
	db: Db,
	userId: string,
	code: string,
	now = Date.now()
): Promise<boolean> {
	const result = await db
		.updateTable('recovery_code')
		.set({ used_at: now })
		.where('user_id', '=', userId)
		.where('code_hash', '=', hashCode(userId, code))
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function remainingRecoveryCodes(db: Db, userId: string): Promise<number> {
	const row = await db
		.selectFrom('recovery_code')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * Which of `codes` are unused recovery codes of the user, without using any of them: to check
 * that a person wrote their new codes down (they type one back), and to show again only codes
 * that are really theirs.
 */
export async function unusedRecoveryCodesAmong(
	db: Db,
	userId: string,
	codes: readonly string[]
): Promise<string[]> {
	if (codes.length === 0) return [];
	const rows = await db
		.selectFrom('recovery_code')
		.select('code_hash')
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.where(
			'code_hash',
			'in',
			codes.map((code) => hashCode(userId, code))
		)
		.execute();
	const held = new Set(rows.map((row) => row.code_hash));
	return codes.filter((code) => held.has(hashCode(userId, code)));
}
