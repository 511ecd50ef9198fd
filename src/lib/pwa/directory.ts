/**
 * Keeping the directory of support services on the phone: the page asks the service worker to
 * keep its own public copy of /help (fetched without cookies, so it carries nobody's session or
 * name) whenever the directory's version, or the language it is read in, differs from the one kept. With no network, the worker
 * answers /help with that copy (src/service-worker.ts).
 */
import { locales, type Locale } from '$lib/paraglide/runtime';

export const KEEP_DIRECTORY = 'KEEP_DIRECTORY';
/** The page's address, the one the worker keeps and answers offline. */
export const DIRECTORY_PAGE = '/help';
/**
 * What the worker fetches to keep: the same page, told it is the phone's copy, so it is made as
 * the other kept pages are (behind the disguise's code, checked on the phone: src/routes/+layout.server.ts).
 */
export const DIRECTORY_COPY_PARAM = 'copy';
/**
 * The copy's language, named in its address since the copy is fetched without cookies: an
 * English reader's phone keeps an English copy, which shows in English before any script runs.
 * The kept page says its language in `content-language`.
 */
export const DIRECTORY_LOCALE_PARAM = 'lang';
export const DIRECTORY_LOCALES = locales;
export type DirectoryLocale = Locale;
/** The header carrying the directory's version on /help, so the worker knows what it kept. */
export const DIRECTORY_VERSION_HEADER = 'x-version';

export interface KeepDirectory {
	type: typeof KEEP_DIRECTORY;
	version: string;
	locale: DirectoryLocale;
}

export const isKeepDirectory = (value: unknown): value is KeepDirectory =>
	typeof value === 'object' &&
	value !== null &&
	(value as KeepDirectory).type === KEEP_DIRECTORY &&
	typeof (value as KeepDirectory).version === 'string' &&
	/^[\w-]{1,64}$/.test((value as KeepDirectory).version) &&
	DIRECTORY_LOCALES.includes((value as KeepDirectory).locale);

/** How long the page waits to hear the copy is kept. */
const WAIT_MS = 60_000;

/**
 * Asks the service worker to keep the directory at `version`, in `locale` (browser only). Resolves true once
 * a copy at that version is on the phone, false when there is no worker (a shared phone's
 * session, a browser without them) or it could not keep it.
 */
export async function keepDirectory(version: string, locale: DirectoryLocale): Promise<boolean> {
	if (!('serviceWorker' in navigator)) return false;
	if (!(await navigator.serviceWorker.getRegistration())) return false;
	const worker = (await navigator.serviceWorker.ready).active;
	if (!worker) return false;
	const channel = new MessageChannel();
	const kept = new Promise<boolean>((resolve) => {
		channel.port1.onmessage = (event) => resolve(event.data === 'kept');
		setTimeout(() => resolve(false), WAIT_MS);
	});
	const message: KeepDirectory = { type: KEEP_DIRECTORY, version, locale };
	worker.postMessage(message, [channel.port2]);
	const done = await kept;
	channel.port1.close();
	return done;
}
