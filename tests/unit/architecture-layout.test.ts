/**
 * docs/architecture.md's layout section names every file of the server's domains in the entry of
 * its folder, every folder of src/lib and every top-level route: a file added, moved or renamed
 * without the layout saying so fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const doc = fs.readFileSync('docs/architecture.md', 'utf8');
const layout = doc.slice(
	doc.indexOf('## Layout'),
	doc.indexOf('\n## ', doc.indexOf('## Layout') + 1)
);

/** The entry (a list item with the lines that continue it) that begins with `` `name` ``. */
function entryOf(name: string): string {
	const lines = layout.split('\n');
	const start = lines.findIndex((line) => line.trimStart().startsWith(`- \`${name}\``));
	if (start < 0) return '';
	const indent = lines[start].indexOf('-');
	const rest = lines.slice(start + 1);
	const end = rest.findIndex(
		(line) => line.trim() !== '' && line.indexOf('-') === indent && /^\s*- /.test(line)
	);
	return [lines[start], ...(end < 0 ? rest : rest.slice(0, end))].join('\n');
}

const SERVER = 'src/lib/server';
const files = (dir: string): string[] =>
	fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) =>
			entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]
		);

describe('the layout in docs/architecture.md', () => {
	it("names every file of each server folder in that folder's entry", () => {
		const unnamed: string[] = [];
		for (const file of files(SERVER)) {
			const rel = path.relative(SERVER, file);
			const folder = rel.includes('/') ? `${rel.split('/')[0]}/` : `${SERVER}/`;
			if (!entryOf(folder).includes(`\`${path.basename(file)}\``)) unnamed.push(rel);
		}
		expect(unnamed).toEqual([]);
	});

	it('names every folder of src/lib and every top-level route', () => {
		const lib = fs
			.readdirSync('src/lib', { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && entry.name !== 'paraglide')
			.map((entry) => `src/lib/${entry.name}/`)
			.filter((folder) => !layout.includes(`\`${folder}\``));
		const routes = fs
			.readdirSync('src/routes', { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.filter((name) => !layout.includes(`\`${name}\``) && !layout.includes(`\`${name}/\``));
		expect([...lib, ...routes]).toEqual([]);
	});
});
