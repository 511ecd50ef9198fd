import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { checkHealth } from '$lib/server/health';
import { BundledMigrationProvider } from '$lib/server/migrate';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const health = await checkHealth(getDb(), new BundledMigrationProvider());
	return json(health, { status: health.ok ? 200 : 503 });
};
