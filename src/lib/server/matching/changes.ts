/**
 * The change notes that keep matching's memory fresh (migrations/0010_match_changes.ts): every
 * change to what it ranks is noted by a trigger, whatever code made it. Several server processes
 * may share the database (WORKERS), each with its own memory: so a note is never deleted by the
 * process that reads it. Each index of each process is a reader with its own place in the notes
 * (`match_reader`) and a beat; notes every reader has passed are pruned (`pruneChanges`), and a
 * reader that has not beaten for `READER_STALE_MS` (its process died) is dropped so it cannot
 * hold them for ever. A reader that finds itself dropped (its process stalled that long) reloads.
 */
import { randomToken } from '../auth/tokens';
import { inTransaction, type Db } from '../db';
import type { MatchChangeTable } from '../schema';

type Kind = MatchChangeTable['kind'];

/**
 * How often a running server catches up with the notes, which is its readers' beat, and prunes
 * them (housekeeping.ts).
 */
export const BEAT_MS = 60 * 1000;
/** A reader silent this long belongs to a process that is gone: ten missed beats. */
export const READER_STALE_MS = 10 * BEAT_MS;
/** A reader writes its place (its beat) at most this often, and at least every BEAT_MS while its process runs. */
const PLACE_KEPT_MS = 10 * 1000;

/** One index's place in the notes. */
export class ChangeReader {
	private written = 0;

	private constructor(
		readonly id: string,
		/** The newest note applied. */
		public seq: number
	) {}

	/**
	 * A new reader, placed at the newest note: read before the index loads everything, so a
	 * change made during the load is applied again.
	 */
	static async start(db: Db, now = Date.now()): Promise<ChangeReader> {
		return inTransaction(db, async (trx) => {
			const row = await trx
				.selectFrom('match_change')
				.select((eb) => eb.fn.max('seq').as('seq'))
				.executeTakeFirst();
			const reader = new ChangeReader(randomToken(10), Number(row?.seq ?? 0));
			await trx
				.insertInto('match_reader')
				.values({ id: reader.id, seq: reader.seq, beat_at: now })
				.execute();
			reader.written = now;
			return reader;
		});
	}

	/**
	 * What of `kind` changed since this reader's place (distinct refs), or `null` when the reader
	 * was dropped meanwhile: notes it had not read may be gone, so its index must load again.
	 * The place moves past every note read, of any kind; call `moved` once they are applied.
	 */
	async since(db: Db, kind: Kind): Promise<{ refs: string[]; seq: number } | null> {
		const notes = await db
			.selectFrom('match_change')
			.select(['seq', 'kind', 'ref'])
			.where('seq', '>', this.seq)
			.orderBy('seq')
			.execute();
		// Checked after the notes were read: a reader is only ever dropped with the notes it held,
		// so a reader still here held them all through the read.
		const here = await db
			.selectFrom('match_reader')
			.select('id')
			.where('id', '=', this.id)
			.executeTakeFirst();
		if (!here) return null;
		const refs = new Set<string>();
		for (const note of notes) if (note.kind === kind) refs.add(note.ref);
		return { refs: [...refs], seq: notes.at(-1)?.seq ?? this.seq };
	}

	/**
	 * Notes up to `seq` are applied: the place moves there, and is written at most every
	 * PLACE_KEPT_MS. Under load notes come with nearly every ranking, and a write each time would
	 * be a commit each time; a place written a little late only keeps notes a little longer.
	 * `write`: now (the minute's catch-up, an account's deletion).
	 */
	async moved(db: Db, seq: number, { now = Date.now(), write = false } = {}): Promise<void> {
		this.seq = Math.max(this.seq, seq);
		if (!write && now - this.written < PLACE_KEPT_MS) return;
		await db
			.updateTable('match_reader')
			.set({ seq: this.seq, beat_at: now })
			.where('id', '=', this.id)
			.execute();
		this.written = now;
	}

	/** The reader is no more (its index was dropped, or the process stops). */
	async stop(db: Db): Promise<void> {
		await db.deleteFrom('match_reader').where('id', '=', this.id).execute();
	}
}

/**
 * Drops readers silent for READER_STALE_MS, then deletes the notes every remaining reader has
 * passed (all of them when no reader is left: a reader that starts loads everything), so the
 * table stays small and keeps no account id for long. Returns how many notes went.
 */
export async function pruneChanges(db: Db, now = Date.now()): Promise<number> {
	return inTransaction(db, async (trx) => {
		await trx
			.deleteFrom('match_reader')
			.where('beat_at', '<', now - READER_STALE_MS)
			.execute();
		const slowest = await trx
			.selectFrom('match_reader')
			.select((eb) => eb.fn.min('seq').as('seq'))
			.executeTakeFirst();
		let prune = trx.deleteFrom('match_change');
		if (slowest?.seq != null) prune = prune.where('seq', '<=', Number(slowest.seq));
		const result = await prune.executeTakeFirst();
		return Number(result.numDeletedRows);
	});
}
