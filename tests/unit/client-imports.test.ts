/**
 * The browser never loads zod: a page or component that imported a value from a form schema
 * (src/lib/schemas/) put all of zod (37 KB gzipped) in the chunk every organization page loads.
 * Types are erased and may be imported; values the pages need live in zod-free modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory())
			return entry.name === 'server' || entry.name === 'paraglide' ? [] : files(full);
		return /\.(svelte|ts)$/.test(entry.name) &&
			!entry.name.includes('.server.') &&
			entry.name !== '+server.ts'
			? [full]
			: [];
	});
}

it('no page, component or browser module imports a value from a form schema or from zod', () => {
	const offending = files('src')
		.filter((file) => !file.startsWith(path.join('src', 'lib', 'schemas')))
		.filter((file) => !file.endsWith('hooks.server.ts'))
		.flatMap((file) =>
			[...fs.readFileSync(file, 'utf8').matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)]
				.map((m) => m[1])
				.filter((from) => from === 'zod' || from.startsWith('$lib/schemas/'))
				.map((from) => `${file}: ${from}`)
		);
	expect(offending).toEqual([]);
});
