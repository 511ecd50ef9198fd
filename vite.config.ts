import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

/**
 * Scripts by audience: "app" for what visitors and learners use, "partners" for the pages of
 * organizations and administrators, "author" for the course editors. A module goes into "app"
 * unless only staff pages import it, so a learner on 2G never downloads the editors, and a
 * page needs few requests.
 */
function lanpyaChunks(): Plugin {
	// Messages named author_*, org_* and admin_* are used only on those pages (tests/unit/messages.test.ts checks).
	const areas: [string, RegExp][] = [
		['author', /\/src\/(routes\/author\/|lib\/components\/author\/|lib\/paraglide\/messages\/author_)/],
		['partners', /\/src\/(routes\/(org|admin)\/|lib\/staff\/|lib\/paraglide\/messages\/(org|admin)_)/]
	];
	const areaOf = (id: string) => areas.find(([, pattern]) => pattern.test(id))?.[0];
	const staffOnly = { test: (id: string) => areaOf(id) !== undefined };
	return {
		name: 'lanpya-chunks',
		apply: 'build',
		config(config, env) {
			// SvelteKit's server build sets build.ssr; only the browser's build is chunked here.
			if (env.isSsrBuild || config.build?.ssr) return;
			const verdicts = new Map<string, boolean>();
			return {
				build: {
					rollupOptions: {
						output: {
							manualChunks(id, { getModuleInfo }) {
								// True when some page other than a staff page imports this module.
								const shared = (moduleId: string, seen: Set<string>): boolean => {
									if (verdicts.has(moduleId)) return verdicts.get(moduleId)!;
									if (staffOnly.test(moduleId)) return false;
									if (seen.has(moduleId)) return false;
									seen.add(moduleId);
									const info = getModuleInfo(moduleId);
									// SvelteKit's per-page node files: a staff page's node stays out.
									if (/\/generated\/client[^/]*\/nodes\//.test(moduleId)) return !(info?.importedIds ?? []).some((i) => staffOnly.test(i));
									const importers = [...(info?.importers ?? []), ...(info?.dynamicImporters ?? [])];
									const result = importers.length === 0 || importers.some((importer) => shared(importer, seen));
									return result;
								};
								const area = areaOf(id);
								if (area) return area;
								const result = shared(id, new Set());
								verdicts.set(id, result);
								return result ? 'app' : undefined;
							}
						}
					}
				}
			};
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale'],
			cookieName: 'lanpya_lang'
		}),
		sveltekit(),
		lanpyaChunks()
	],
	server: { port: 5173 },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
