/**
 * Leaving Lanpya. A link to another site (in a lesson, or a course's sources) never goes there
 * directly: it opens Lanpya's own page `/leaving?to=ADDRESS`, which says the person is leaving,
 * shows the site and the full address, and goes on only when they tap. So no lesson, however an
 * organization wrote it, sends a learner elsewhere by surprise (a fake sign-in page, "install
 * this app"), and nothing is requested from another origin unless the person chooses to.
 */

export const LEAVING_PATH = '/leaving';

/** Browsers drop or reinterpret these in addresses (tabs, newlines, "\"): never accepted. */
const UNSAFE = /[\x00-\x20\x7f\\]/;

/** The longest address the page accepts (longer ones are refused, never cut). */
export const LEAVING_MAX = 2000;

/** The address of the page that warns before `url` (an http(s) or mailto address). */
export function leavingHref(url: string): string {
	return `${LEAVING_PATH}?to=${encodeURIComponent(url)}`;
}

export type Destination =
	{ kind: 'web'; href: string; site: string } | { kind: 'mail'; href: string; site: string };

/**
 * Where `to` leads, if it is an address Lanpya lets a person go to: http(s) to a named host, or
 * mailto. `href` is the address as the browser will use it (normalised, so what is shown is
 * where the tap goes); `site` the host (international names in their xn-- form, which shows a
 * look-alike) or the e-mail address. Null for anything else.
 */
export function destination(to: string | null): Destination | null {
	if (!to || to.length > LEAVING_MAX || UNSAFE.test(to)) return null;
	let url: URL;
	try {
		url = new URL(to);
	} catch {
		return null;
	}
	if (
		(url.protocol === 'http:' || url.protocol === 'https:') &&
		url.hostname &&
		!url.username &&
		!url.password
	)
		return { kind: 'web', href: url.href, site: url.hostname };
	if (url.protocol === 'mailto:' && url.pathname) {
		try {
			return { kind: 'mail', href: url.href, site: decodeURIComponent(url.pathname) };
		} catch {
			return null;
		}
	}
	return null;
}
