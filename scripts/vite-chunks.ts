/**
 * How the browser's code is cut into scripts (Rollup's manualChunks, client build only).
 *
 * - "app": what the layout and the error page use (Svelte, SvelteKit's router, the header's
 *   words), and what a page of no section uses with others, downloaded once.
 * - what pages of one section alone share (the course reader's quiz and lesson texts, the
 *   opportunities' match explanations, recovery codes on sign-up and /account/codes) goes into that section's
 *   script: a first visit to a catalogue page does not carry the job pages' words.
 * - what pages of a few sections share goes into a script of just those sections
 *   ("sections-account-learner": the labels of roles and areas that the account's data page and
 *   the job pages show): a first visit to the catalogue or a lesson does not carry the account
 *   forms, nor the job pages' labels. One more request for a page that needs such a script
 *   (about 0.3 KB of headers), 3 to 4 KB less for the pages a visitor opens first.
 * - each page's own code and messages go into that page's entry file (nodes/N.js), which the
 *   page loads anyway: no extra request, and no other page's code.
 * - "author" and "partners": the course editors and the organization and administration
 *   pages, which learners never download and the service worker never keeps.
 * - what a page imports lazily (the service worker's registration) stays in its own script.
 * - the entry files of pages that need the network anyway are named `nodes/N-net.*.js`, so the
 *   service worker keeps only the code of what works offline (the layout, the error page, the
 *   offline page, the reader, "Clear this phone", the disguise's cover screen, and its code
 *   page, whose field and check the kept pages' lock loads); the others come from the network,
 *   and the HTTP cache, when there is one. A kept page whose code is not kept never opens
 *   offline: SvelteKit, failing to load its code, loads the page again, and the worker answers
 *   it again, without end.
 *
 * Paraglide puts every message in its own module, re-exported by one index that every page
 * imports; so which pages use a message is read from the sources (`m.key`), not the graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const AREAS: [string, RegExp][] = [
	// Messages named author_*, org_* and admin_* are used only on those pages (tests/unit/messages.test.ts checks).
	[
		'author',
		/\/src\/(routes\/author\/|lib\/components\/author\/|lib\/paraglide\/messages\/author_)/
	],
	['partners', /\/src\/(routes\/(org|admin)\/|lib\/staff\/|lib\/paraglide\/messages\/(org|admin)_)/]
];
const areaOf = (id: string) => AREAS.find(([, pattern]) => pattern.test(id))?.[0];

/** Sections of the learner's and visitor's side, by the route folder of a page (the first match wins). */
const SECTIONS: [string, RegExp][] = [
	// The catalogue and a course's page, then its lessons, apart from the quizzes, downloads and
	// the offline reader: a visitor's first catalogue page or lesson does not carry the quizzes' words.
	['catalogue', /^learn\/courses(\/\[course\])?$/],
	['lessons', /^learn\/courses\/\[course\]\/lessons(\/|$)/],
	['courses', /^(learn\/(courses|downloads)|offline)(\/|$)/],
	['learner', /^learn(\/|$)/],
	// New recovery codes share sign-up's page (RecoveryCodes), not the account's: the words for
	// the codes then stay out of the script every page downloads.
	['visitor', /^(\(public\)|unlock|verify|clear|cover|pin|account\/codes)(\/|$)/],
	['account', /^account(\/|$)/]
];
const ROUTE_FILE = /\/src\/routes\/(?:(.*)\/)?\+(page|layout|error)\.svelte$/;

/** The pages whose code the service worker keeps: what opens with no network. */
const OFFLINE_PAGES =
	/\/src\/routes\/(\+layout\.svelte|\+error\.svelte|offline\/|clear\/|pin\/|cover\/)/;

const NODE = /\/generated\/client[^/]*\/nodes\/(\d+)\.js$/;
const MESSAGE = /\/paraglide\/messages\/(?!_index)(\w+)\.js$/;

/** For each message key, the source files (absolute paths) that use it. */
function messageUsers(root: string): Map<string, string[]> {
	const users = new Map<string, string[]>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== 'paraglide' && entry.name !== 'server') walk(file);
			} else if (/\.(svelte|ts|js)$/.test(entry.name)) {
				// Comments name messages too (`m.quiz_result(...)` in an example): only code counts.
				const text = fs
					.readFileSync(file, 'utf8')
					.replace(/\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->|^\s*\/\/.*$/gm, '');
				if (!text.includes('paraglide/messages')) continue;
				for (const [, key] of text.matchAll(/\bm\.(\w+)\b/g))
					users.set(key, [...(users.get(key) ?? []), file.split(path.sep).join('/')]);
			}
		}
	};
	walk(path.join(root, 'src'));
	return users;
}

export function lanpyaChunks(): Plugin {
	return {
		name: 'lanpya-chunks',
		apply: 'build',
		config(config, env) {
			// SvelteKit's server build sets build.ssr; only the browser's build is chunked here.
			if (env.isSsrBuild || config.build?.ssr) return;
			const users = messageUsers(process.cwd());
			return {
				build: {
					rollupOptions: {
						output: {
							// The service worker leaves staff code out of what it keeps on the phone.
							chunkFileNames: (chunk) =>
								`_app/immutable/chunks/${chunk.name === 'author' || chunk.name === 'partners' ? 'staff-' : ''}[hash].js`,
							// As SvelteKit names entries, with "-net" for pages that need the network anyway.
							entryFileNames: (chunk) =>
								`_app/immutable/${chunk.name}${chunk.name.startsWith('nodes/') && !chunk.moduleIds.some((id) => OFFLINE_PAGES.test(id)) ? '-net' : ''}.[hash].js`,
							manualChunks(id, { getModuleInfo }) {
								const area = areaOf(id);
								if (area) return area;
								/** The section of page node `nodeId` ("app" for the root layout and error page). */
								const sectionOf = (nodeId: string) => {
									const folder = (getModuleInfo(nodeId)?.importedIds ?? [])
										.map((i) => ROUTE_FILE.exec(i))
										.find(Boolean)?.[1];
									return folder === undefined
										? 'app'
										: (SECTIONS.find(([, pattern]) => pattern.test(folder))?.[0] ?? 'other');
								};
								/** Which scripts need `moduleId`: "route-N in section" for page N, "app" for the entries. */
								const owners = (moduleId: string, seen: Set<string>): Set<string> => {
									const found = new Set<string>();
									if (seen.has(moduleId)) return found;
									seen.add(moduleId);
									const node = NODE.exec(moduleId);
									if (node) return new Set([`route-${node[1]} in ${sectionOf(moduleId)}`]);
									if (areaOf(moduleId)) return new Set(['staff']);
									const message = MESSAGE.exec(moduleId);
									const info = getModuleInfo(moduleId);
									const importers = message
										? (users.get(message[1]) ?? []).filter((file) => getModuleInfo(file))
										: (info?.importers ?? []);
									// No importer at all: an entry (SvelteKit's start and app). Only dynamic ones: a
									// script loaded lazily, which owns what it alone needs.
									if (importers.length === 0) {
										if (message) return found;
										return (info?.dynamicImporters ?? []).length === 0
											? new Set(['app'])
											: new Set([`lazy ${path.basename(moduleId).replace(/\W+/g, '_')}`]);
									}
									for (const importer of importers)
										for (const owner of owners(importer, seen)) found.add(owner);
									return found;
								};
								const all = owners(id, new Set());
								// What a lazy script shares with pages goes where the pages' share goes (the lazy
								// script then loads it from there); what lazy scripts alone need stays with them, out
								// of "app", where Rollup would put it (every message is re-exported by one index).
								const eager = new Set([...all].filter((owner) => !owner.startsWith('lazy ')));
								const found = eager.size > 0 ? eager : all;
								if (found.size === 0) return undefined;
								if (eager.size === 0) return [...all].sort().join('-').replace(/ /g, '-');
								// One page only: into that page's file. Staff pages only: with them. Pages of one
								// section (and staff pages): that section's script. The layout, or a page of no
								// section: shared by all. Pages of a few sections: a script of those sections.
								if (found.size === 1)
									return found.has('staff') ? undefined : [...found][0].split(' in ')[0];
								const sections = new Set(
									[...found]
										.filter((owner) => owner !== 'staff')
										.map((owner) => owner.split(' in ')[1] ?? owner)
								);
								const [section] = sections;
								if (sections.has('app') || sections.has('other')) return 'app';
								return sections.size === 1
									? `section-${section}`
									: `sections-${[...sections].sort().join('-')}`;
							}
						}
					}
				}
			};
		}
	};
}
