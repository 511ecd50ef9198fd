/**
 * The root error page's script only when an error is shown, not on every visit.
 *
 * SvelteKit's router fetches the root error page (`nodes/1`) as it starts, on every first visit,
 * so that an error after a lost connection can still be drawn with it: about 1 KB and one
 * request (a third of it headers) on each page, for a page most visits never show. Here that
 * eager fetch is left out: the router loads the error page when it first needs it (an error to
 * show, or the first navigation inside the app, which loads its branch's error page). With no
 * network by then, a phone with the service worker has it kept (scripts/vite-chunks.ts keeps the
 * error page's code); one without gets SvelteKit's plain error page (src/error.html, or its
 * default), as a connection lost before the app started gets today.
 *
 * Should SvelteKit change the line, the build stops here rather than go on fetching it silently.
 */
import type { Plugin } from 'vite';

const CLIENT = /\/@sveltejs\/kit\/src\/runtime\/client\/client\.js$/;
const EAGER = /\n\s*void default_error_loader\(\);\n/;

export function lazyErrorPage(): Plugin {
	return {
		name: 'lanpya-lazy-error-page',
		apply: 'build',
		transform(code, id) {
			if (!CLIENT.test(id.split('?')[0])) return null;
			if (!EAGER.test(code))
				throw new Error(
					"SvelteKit's client no longer fetches the root error page as scripts/vite-lazy-error.ts expects"
				);
			return { code: code.replace(EAGER, '\n'), map: null };
		}
	};
}
