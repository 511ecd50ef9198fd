/**
 * The root error page's script only when an error is shown, not on every visit.
 *
 * SvelteKit's router fetches the root error page (`nodes/1`) as it starts, on every first visit,
 * so that an error after a lost connection can still be drawn with it, and again fetches the
 * error pages of the route's branch at every navigation, before knowing of any error: about
 * 1 KB and one request (a third of it headers), paid by the first visit and then by the first
 * navigation inside the app (half again the bytes of a next lesson's data), for a page most
 * visits never show. Here both are left out: the router loads an error page when it has an
 * error to show. With no network by then, a phone with the service worker has it kept
 * (scripts/vite-chunks.ts keeps the error page's code); one without gets SvelteKit's plain
 * error page (src/error.html, or its default), as a connection lost before the app started
 * gets today.
 *
 * Should SvelteKit change either line, the build stops here rather than go on fetching silently.
 */
import type { Plugin } from 'vite';

const CLIENT = /\/@sveltejs\/kit\/src\/runtime\/client\/client\.js$/;
const EAGER = /\n\s*void default_error_loader\(\);\n/;
/** The preload of the branch's error pages at each navigation (load_route). */
const PRELOAD = /\n\s*errors\.forEach\(\(loader\) => loader\?\.\(\)\.catch\(noop\)\);\n/;

export function lazyErrorPage(): Plugin {
	return {
		name: 'lanpya-lazy-error-page',
		apply: 'build',
		transform(code, id) {
			if (!CLIENT.test(id.split('?')[0])) return null;
			if (!EAGER.test(code) || !PRELOAD.test(code))
				throw new Error(
					"SvelteKit's client no longer fetches the error pages as scripts/vite-lazy-error.ts expects"
				);
			return { code: code.replace(EAGER, '\n').replace(PRELOAD, '\n'), map: null };
		}
	};
}
