/**
 * Security headers for every response. SvelteKit adds the page Content-Security-Policy itself
 * (with nonces); `baseCsp` covers everything else (static files, endpoints).
 */
export const baseCsp =
	"default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";

/**
 * The headers only a document uses (its CSP, framing, opener, referrer, permissions). A page's
 * data (`__data.json`: the next lesson's bytes) is never shown as a document, so it goes without
 * them: about 0.3 KB less on each navigation inside the app.
 */
export const DOCUMENT_ONLY = [
	'content-security-policy',
	'x-frame-options',
	'cross-origin-opener-policy',
	'referrer-policy',
	'permissions-policy'
];

/**
 * A course's authoring page and its lesson and quiz editors, where an author records a sound
 * clip: the only documents that may ask for the microphone, and only for this site. The course
 * page is among them because the app moves from it to an editor without loading another
 * document, and a document keeps the policy it was loaded with. Learners' and visitors' pages,
 * and anything a page embeds, can never open it.
 */
const RECORDING_PAGES =
	/^\/author\/courses\/[a-z0-9-]+(?:\/lessons\/[a-z0-9-]+|\/modules\/[a-z0-9-]+\/new-(?:lesson|quiz)|\/quizzes\/[a-z0-9-]+)?$/;

/** `path` and `status` of the page answered: an author's page opened (2xx) may record. */
export function securityHeaders(secure: boolean, path = '', status = 0): Record<string, string> {
	const microphone =
		RECORDING_PAGES.test(path) && status >= 200 && status < 300
			? 'microphone=(self)'
			: 'microphone=()';
	const headers: Record<string, string> = {
		'referrer-policy': 'no-referrer',
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin',
		'permissions-policy': `geolocation=(), camera=(), ${microphone}, payment=(), usb=()`
	};
	if (secure) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
	return headers;
}
