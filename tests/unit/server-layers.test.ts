import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(file);
		return entry.name.endsWith('.ts') ? [file] : [];
	});
}

describe('server modules', () => {
	it('import SvelteKit only in src/lib/server/http: domain modules return plain results', () => {
		const http = path.join('src', 'lib', 'server', 'http') + path.sep;
		const offending = sources(path.join('src', 'lib', 'server')).filter(
			(file) =>
				!file.startsWith(http) &&
				/from '(@sveltejs\/kit|\$app\/[^']+)'/.test(fs.readFileSync(file, 'utf8'))
		);
		expect(offending).toEqual([]);
	});
});
