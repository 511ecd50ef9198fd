import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Everything the production build is made from. */
const INPUTS = [
	'src',
	'static',
	'messages',
	'migrations',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'scripts/vite-chunks.ts',
	'scripts/vite-message-numbers.ts',
	'tsconfig.json',
	'package-lock.json'
];
const SKIP = new Set([path.join('src', 'lib', 'paraglide')]);

function walk(entry: string, files: string[]): void {
	if (SKIP.has(entry) || !fs.existsSync(entry)) return;
	const stat = fs.statSync(entry);
	if (stat.isDirectory()) {
		for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name), files);
	} else {
		files.push(entry);
	}
}

/** A SHA-256 over the names and contents of every build input. */
export function sourceHash(root = process.cwd()): string {
	const files: string[] = [];
	const cwd = process.cwd();
	process.chdir(root);
	try {
		for (const input of INPUTS) walk(input, files);
		const hash = createHash('sha256');
		for (const file of files) {
			hash.update(file.split(path.sep).join('/'));
			hash.update('\0');
			hash.update(fs.readFileSync(file));
			hash.update('\0');
		}
		return hash.digest('hex');
	} finally {
		process.chdir(cwd);
	}
}

export const STAMP = path.join('build', '.source-hash');

export function buildIsCurrent(): boolean {
	return (
		fs.existsSync(path.join('build', 'handler.js')) &&
		fs.existsSync(STAMP) &&
		fs.readFileSync(STAMP, 'utf8') === sourceHash()
	);
}
