import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Migration, MigrationProvider } from 'kysely';

/** Reads `migrations/*.ts` from disk; used by the command-line scripts, which run under tsx. */
export class DiskMigrationProvider implements MigrationProvider {
	constructor(private folder = path.resolve('migrations')) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		const migrations: Record<string, Migration> = {};
		for (const file of (await fs.readdir(this.folder)).sort()) {
			if (!file.endsWith('.ts')) continue;
			migrations[file.replace(/\.ts$/, '')] = await import(
				pathToFileURL(path.join(this.folder, file)).href
			);
		}
		return migrations;
	}
}
