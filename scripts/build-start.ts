/**
 * `npm run build`'s second step: compiles the start script (scripts/start.ts) with everything it
 * imports from the sources, the migrations included (bundled through import.meta.glob, as in the
 * app), to one JavaScript module, build/start.js, with Vite's server build. Packages stay imports
 * of node_modules. Runs after `vite build`, which empties build/ first.
 */
import path from 'node:path';
import { build } from 'vite';
import { START } from './lib/build-hash.js';

await build({
	configFile: false,
	logLevel: 'warn',
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	build: {
		ssr: 'scripts/start.ts',
		outDir: path.dirname(START),
		emptyOutDir: false,
		target: 'node20',
		minify: false,
		rollupOptions: { output: { entryFileNames: path.basename(START) } }
	}
});
