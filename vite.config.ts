import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { lanpyaChunks } from './scripts/vite-chunks';
import { lazyErrorPage } from './scripts/vite-lazy-error';
import { messageNumbers } from './scripts/vite-message-numbers';
import { COOKIES } from './src/lib/stored-names';

/**
 * The PostgreSQL server the integration tests also run on, when set (`.ci/run` starts one):
 * a second project, `integration-postgres`, runs the same files there (tests/helpers/db.ts);
 * `integration` always runs them on SQLite.
 */
const postgres = process.env.TEST_DATABASE_URL || '';
const integration = (name: string, server: string) => ({
	extends: true as const,
	test: {
		name,
		include: ['tests/integration/**/*.test.ts'],
		environment: 'node' as const,
		env: { TEST_DATABASE_URL: server },
		testTimeout: 30_000
	}
});

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale'],
			cookieName: COOKIES.language,
			// One module per message in every mode (the default depends on NODE_ENV, which is
			// "test" when the e2e suite builds): pages then carry only the messages they use, and
			// the chunking below can keep author_*, org_* and admin_* messages off learners' pages.
			outputStructure: 'message-modules'
		}),
		// Numbers in messages in each language's digits (src/lib/format.ts).
		messageNumbers(),
		sveltekit(),
		lanpyaChunks(),
		// The root error page's script when an error is shown, not at every start.
		lazyErrorPage()
	],
	server: { port: 5173 },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			integration('integration', ''),
			...(postgres ? [integration('integration-postgres', postgres)] : []),
			{
				extends: true,
				test: {
					// Servers started, killed and restarted on purpose (tests/faults): crash safety,
					// backups during writes, graceful restarts, a full or busy database.
					name: 'faults',
					include: ['tests/faults/**/*.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 300_000,
					hookTimeout: 300_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					setupFiles: ['tests/e2e/same-origin.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
