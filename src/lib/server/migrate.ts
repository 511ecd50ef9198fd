import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './db';

/** Migrations bundled by Vite (the app, and vitest), keyed by file name without extension. */
export class BundledMigrationProvider implements MigrationProvider {
	async getMigrations(): Promise<Record<string, Migration>> {
		const modules = import.meta.glob<Migration>('../../../migrations/*.ts', { eager: true });
		const migrations: Record<string, Migration> = {};
		for (const [file, module] of Object.entries(modules)) {
			const name = file.split('/').pop()!.replace(/\.ts$/, '');
			migrations[name] = module;
		}
		return migrations;
	}
}

/** Runs every pending migration; throws with the failing migration's name if one fails. */
export async function migrateToLatest(
	db: Db,
	provider: MigrationProvider
): Promise<MigrationResultSet> {
	const migrator = new Migrator({ db, provider });
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(result.error)}`);
	}
	return result;
}

/** Names of migrations the provider knows that the database has not run. */
export async function pendingMigrations(db: Db, provider: MigrationProvider): Promise<string[]> {
	const migrator = new Migrator({ db, provider });
	const all = await migrator.getMigrations();
	return all.filter((m) => !m.executedAt).map((m) => m.name);
}
