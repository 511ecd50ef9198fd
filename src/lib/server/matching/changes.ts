/**
 * The change notes that keep matching's memory fresh (migrations/0010_match_changes.ts): every
 * change to what it ranks is noted by a trigger, whatever code made it.
 */
import type { Db } from '../db';
import type { MatchChangeTable } from '../schema';

type Kind = MatchChangeTable['kind'];

/** The newest note, read before loading everything, so a change made during the load is applied again. */
export async function lastChange(db: Db): Promise<number> {
	const row = await db
		.selectFrom('match_change')
		.select((eb) => eb.fn.max('seq').as('seq'))
		.executeTakeFirst();
	return Number(row?.seq ?? 0);
}

/** What of `kind` changed after `seq` (distinct refs), and the newest note read. */
export async function changesSince(
	db: Db,
	kind: Kind,
	seq: number
): Promise<{ refs: string[]; seq: number }> {
	const notes = await db
		.selectFrom('match_change')
		.select(['seq', 'ref'])
		.where('kind', '=', kind)
		.where('seq', '>', seq)
		.orderBy('seq')
		.execute();
	return { refs: [...new Set(notes.map((n) => n.ref))], seq: notes.at(-1)?.seq ?? seq };
}

/** Deletes notes of `kind` once applied, so the table stays small and keeps no account id for long. */
export async function forgetChanges(db: Db, kind: Kind, seq: number): Promise<void> {
	await db.deleteFrom('match_change').where('kind', '=', kind).where('seq', '<=', seq).execute();
}

/** At start nothing is in memory yet, so every note is moot. */
export async function clearChanges(db: Db): Promise<void> {
	await db.deleteFrom('match_change').execute();
}
