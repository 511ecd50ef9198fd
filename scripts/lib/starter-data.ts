import type { Db } from '../../src/lib/server/db';

/**
 * Loads the starter catalogue into an empty database. The foundation has no starter content
 * of its own: accounts are never seeded (no default credentials exist anywhere), and the
 * course catalogue arrives with the courses work.
 */
export async function loadStarterData(_db: Db): Promise<void> {}
