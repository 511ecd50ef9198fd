/**
 * Matching's memory is built when the server starts, before it listens: the `init` hook
 * (src/hooks.server.ts) runs while the server's handler is imported, before `listen`. Loading
 * every visible learner is one synchronous stretch of SQLite reads (about 14 µs a learner, 2.7 s
 * at 200,000); done at the first ranking instead, it held every other request that long.
 */
import type { Db } from '../db';
import { pruneChanges } from './changes';
import { loadLearners } from './learners';
import { openRoles } from './roles';

export async function startMatching(db: Db): Promise<void> {
	// The memory starts empty: notes only readers of processes gone still held are moot.
	await pruneChanges(db);
	await loadLearners(db);
	await openRoles(db);
}
