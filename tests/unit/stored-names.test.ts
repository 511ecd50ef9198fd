/**
 * What a searched phone keeps: every name under which the app stores something in the browser
 * (cookies, IndexedDB, Cache Storage, sessionStorage, the Background Sync tag, a downloaded
 * file) is neutral, and no code or page stores anything under a name that names the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	COOKIES,
	COURSE_CACHE_PREFIX,
	DATABASE,
	DIRECTORY_CACHE,
	LEFT_KEY,
	OLD_NAMES,
	OPEN_KEY,
	PIN_CHECK_KEY,
	SHELL_CACHE_PREFIX,
	SYNC_TAG,
	VISIT_KEY
} from '$lib/stored-names';

const NAMES = [
	...Object.values(COOKIES),
	DATABASE,
	SYNC_TAG,
	COURSE_CACHE_PREFIX,
	DIRECTORY_CACHE,
	LEFT_KEY,
	OPEN_KEY,
	PIN_CHECK_KEY,
	SHELL_CACHE_PREFIX,
	VISIT_KEY
];
/** What would say what the app is, or that it hides behind a disguise. */
const GIVEAWAYS =
	/lanpya|လမ်းပြ|cdm|soldier|police|military|defect|look|disguise|cover|calculator|notes|pin|secret|clear|wipe|exit|leave|help|service|support|directory/i;

/** Every `lanpya-…` or `lanpya_…` word in src/ and static/ (generated messages left out), with its file. */
function lanpyaWords(): { file: string; word: string }[] {
	const found: { file: string; word: string }[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (file !== path.join('src', 'lib', 'paraglide')) walk(file);
			} else if (/\.(ts|js|svelte|html|json|webmanifest|svg)$/.test(entry.name)) {
				for (const [word] of fs.readFileSync(file, 'utf8').matchAll(/lanpya[-_][\w-]*/gi))
					found.push({ file, word });
			}
		}
	};
	walk('src');
	walk('static');
	return found;
}

describe('names the browser keeps', () => {
	it('are neutral words, none saying what the app is or that it hides', () => {
		for (const name of NAMES) expect(name, name).not.toMatch(GIVEAWAYS);
		expect(new Set(NAMES).size).toBe(NAMES.length);
	});

	it('are the only ones in the code: what names the app is never stored by a browser', () => {
		const old = new Set<string>([
			...Object.values(OLD_NAMES.cookies),
			OLD_NAMES.database,
			OLD_NAMES.syncTag,
			OLD_NAMES.courseCachePrefix,
			OLD_NAMES.leftKey
		]);
		// Words that never reach a phone's storage: a rule of the server's Markdown renderer, the
		// format tag inside the export file, the server's timing dummy, a header of refusals.
		const serverOnly = new Set([
			'lanpya_sanitize',
			'lanpya-account-export-1',
			'lanpya-dummy-password-for-timing',
			'lanpya-access'
		]);
		const stray = lanpyaWords().filter(
			({ file, word }) =>
				!serverOnly.has(word) && !(old.has(word) && /stored-names\.ts$|app\.html$/.test(file))
		);
		expect(stray).toEqual([]);
	});

	it('are those the quick exit of app.html uses, the old one only read to be removed', () => {
		const html = fs.readFileSync('src/app.html', 'utf8');
		expect(html).toContain(`const KEY = '${LEFT_KEY}';`);
		expect(html).toContain(`const OLD_KEY = '${OLD_NAMES.leftKey}';`);
		expect(html).toContain(`const OPEN_KEY = '${OPEN_KEY}';`);
		expect(html).not.toMatch(/setItem\(OLD_KEY/);
	});
});
