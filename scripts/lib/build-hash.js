// Plain JavaScript: `npm start` (scripts/launch.js) runs this under Node alone, before there is
// a build to run.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Everything the production build is made from (`vite build`, then scripts/build-start.ts). */
const INPUTS = [
	'src',
	'static',
	'messages',
	'migrations',
	'scripts',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];
const SKIP = new Set([path.join('src', 'lib', 'paraglide')]);

/**
 * @param {string} entry
 * @param {string[]} files
 */
function walk(entry, files) {
	if (SKIP.has(entry) || !fs.existsSync(entry)) return;
	const stat = fs.statSync(entry);
	if (stat.isDirectory()) {
		for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name), files);
	} else {
		files.push(entry);
	}
}

/**
 * A SHA-256 over the names and contents of every build input.
 * @param {string} [root]
 * @returns {string}
 */
export function sourceHash(root = process.cwd()) {
	/** @type {string[]} */
	const files = [];
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
/** The compiled start script (scripts/start.ts), which `npm start` runs. */
export const START = path.join('build', 'start.js');

/** Whether `build/` holds the app and its start script as the sources are now. */
export function buildIsCurrent() {
	return (
		fs.existsSync(path.join('build', 'handler.js')) &&
		fs.existsSync(START) &&
		fs.existsSync(STAMP) &&
		fs.readFileSync(STAMP, 'utf8') === sourceHash()
	);
}
