/**
 * Every name under which the app keeps something in the phone's browser. A phone may be searched
 * at a checkpoint, with the browser's settings or with tools that read its files, and a leftover
 * named after the app says what it was, even after "Clear this phone" (some browsers keep deleted
 * records on disk until they tidy their files). So every name here is a plain word that many
 * sites use and that says nothing about Lanpya, its people or the disguise. A unit test
 * (tests/unit/stored-names.test.ts) fails when a name in the code or in app.html names the app.
 *
 * `OLD_NAMES` are the names phones were given before: they are read once, moved to the new
 * names and deleted (cookies by the server's first answer, `src/lib/server/http/old-names.ts`;
 * downloaded courses by the service worker, and the offline outbox by whoever opens it first,
 * `src/lib/offline/old-names.ts`), and "Clear this phone" removes both.
 */

/** Cookies. The session's gets the `__Host-` prefix over HTTPS (src/lib/server/http/cookies.ts). */
export const COOKIES = {
	session: 'sid',
	language: 'lang',
	/** The disguise chosen on this phone (src/lib/disguise.ts). */
	look: 'theme',
	/** Data saver (src/lib/server/http/data-saver.ts). */
	saver: 'saver',
	/** How downloaded courses follow new versions (src/lib/offline/stored.ts). */
	updates: 'updates',
	/** A lesson's text size. */
	textSize: 'size',
	/** Browsers that signed in to an account before, let past its name's lock (src/lib/server/auth/devices.ts). */
	device: 'known',
	/** "This phone was cleared while the server was out of reach" (src/lib/offline/clear.ts). */
	clearPending: 'reset'
} as const;

export type CookieKey = keyof typeof COOKIES;

/** The IndexedDB database of the offline outbox and of the code's check (src/lib/offline/idb.ts). */
export const DATABASE = 'store';
/** The Background Sync tag under which the service worker sends the outbox. */
export const SYNC_TAG = 'send';
/** Cache Storage: one cache per downloaded course, this prefix and the course's id. */
export const COURSE_CACHE_PREFIX = 'files-';
/**
 * Cache Storage: the app shell the service worker keeps (scripts, styles, the offline page, the
 * reader), one cache per version of the app: this prefix and the version.
 */
export const SHELL_CACHE_PREFIX = 'static-';
/**
 * Cache Storage: the directory of support services (/help), kept whole so it reads with no
 * network (src/lib/pwa/directory.ts). Public, but what it is says something on a searched
 * phone: a neutral word, and "Clear this phone" removes it with everything else.
 */
export const DIRECTORY_CACHE = 'pages';
/**
 * sessionStorage: "this tab has had a page of the app" (src/lib/pwa/register.ts): a page opened
 * without it, with a service worker already there, is a later visit, on which the rest of the
 * app shell may come.
 */
export const VISIT_KEY = 'visit';
/**
 * sessionStorage: "this tab left quickly" (the inline script of src/app.html, which cannot
 * import this module and names it itself; the unit test keeps the two the same).
 */
export const LEFT_KEY = 'left';
/**
 * sessionStorage: "this tab was opened with the code, at this time" (src/lib/offline/opened.ts);
 * app.html removes it when the tab leaves quickly.
 */
export const OPEN_KEY = 'seen';
/** The key, in the database's `meta` store, of the phone's own check of the code. */
export const PIN_CHECK_KEY = 'check';
/**
 * The key, in the database's `meta` store, of the trainings a learner chose to keep on this
 * phone (src/lib/offline/trainings.ts).
 */
export const SAVED_KEY = 'saved';

/** What phones were given before the names became neutral: moved once, then deleted. */
export const OLD_NAMES = {
	cookies: {
		session: 'lanpya_session',
		language: 'lanpya_lang',
		look: 'lanpya_look',
		saver: 'lanpya_saver',
		updates: 'lanpya_updates',
		textSize: 'lanpya_text',
		clearPending: 'lanpya_clear'
		// The device cookie came after the names became neutral: no phone holds an old one.
	} satisfies Record<Exclude<CookieKey, 'device'>, string>,
	database: 'lanpya-outbox',
	syncTag: 'lanpya-outbox',
	courseCachePrefix: 'lanpya-course-',
	leftKey: 'lanpya-left'
} as const;
