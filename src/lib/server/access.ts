/**
 * The one table of who may call what. Every route (page, form action, endpoint) is listed by
 * its SvelteKit route id; `hooks.server.ts` enforces it before any load, action or endpoint runs.
 * A route missing from this table is refused for everyone, and the route-walk test fails.
 * Ownership (which organization, which session) is checked again by the domain functions.
 */
import { homes } from '$lib/nav';
import type { AccountKind } from './schema';

export type Rule =
	/** Anyone, signed in or not. */
	| 'anyone'
	/** Only when signed out (sign-in, sign-up); signed-in people are sent to their home. */
	| 'guest'
	/** Any signed-in account. */
	| 'signed_in'
	/** Administrators and organization members: the authoring pages (which courses, the domain decides). */
	| 'author'
	/**
	 * Learners, and visitors reading before they make an account: the catalogue, a course's page
	 * and its first lesson. For a visitor the route shows public course content only, reads and
	 * writes no progress, and its form actions that would save something ask them to sign up
	 * (`signUpFirst`). Other kinds of account are refused, as for `learner`.
	 */
	| 'learner_or_visitor'
	| AccountKind;

export const routeRules: Record<string, Rule> = {
	'/(public)': 'anyone',
	'/(public)/forbidden': 'anyone',
	'/(public)/signin': 'guest',
	'/(public)/signup': 'guest',
	'/(public)/recover': 'guest',
	// The directory of support services: public, what organizations chose to publish (services/directory.ts).
	'/(public)/help': 'anyone',
	'/(public)/help/[service=id]': 'anyone',
	'/healthz': 'anyone',
	'/offline': 'anyone',
	'/language': 'anyone',
	// Disguise: the choice, the neutral manifests and the cover screens hold nothing personal.
	'/look': 'anyone',
	'/manifest/[look=neutral].webmanifest': 'anyone',
	'/cover/[look=neutral]': 'anyone',
	// Behind the disguise's cover: the code (PIN), or for someone signed out, a plain way to sign in.
	'/pin': 'anyone',
	'/signout': 'signed_in',
	// "Clear this phone": for anyone, since a phone may hold Lanpya's data after its session ended.
	'/clear': 'anyone',
	// The lock page of a shared phone's idle session (see LOCKED_OPEN).
	'/unlock': 'signed_in',
	'/account': 'signed_in',
	'/account/password': 'signed_in',
	// New recovery codes checked (one typed back, never used up): the account's own codes only.
	'/account/codes': 'signed_in',
	// Everything Lanpya holds about the account, as a page and as a JSON file: its holder only.
	'/account/data': 'signed_in',
	'/account/export': 'signed_in',
	'/learn': 'learner',
	// Visitors may look before making an account; the lesson page lets them read a course's
	// first lesson only, and sends them to sign up for any other.
	'/learn/courses': 'learner_or_visitor',
	'/learn/courses/[course=slug]': 'learner_or_visitor',
	'/learn/courses/[course=slug]/lessons/[lesson=slug]': 'learner_or_visitor',
	'/learn/courses/[course=slug]/quizzes/[quiz=slug]': 'learner',
	'/learn/certificates': 'learner',
	'/learn/certificates/[code=certificate]': 'learner',
	'/verify/[code]': 'anyone',
	// "You are leaving Lanpya": where a lesson's link to another site goes first; it holds nothing personal.
	'/leaving': 'anyone',
	'/media/courses/[course]/[name]': 'anyone',
	// Course content packaged for offline reading: public, like the content itself.
	'/api/courses/[course=slug]/offline': 'anyone',
	'/api/courses/[course=slug]/offline/course': 'anyone',
	'/api/courses/[course=slug]/offline/lessons/[lesson=slug]': 'anyone',
	'/api/courses/[course=slug]/offline/quizzes/[quiz=slug]': 'anyone',
	// The course as one signed file, and the keys that check it: public content and public keys.
	'/api/courses/[course=slug]/offline/file': 'anyone',
	'/api/courses/[course=slug]/offline/signature': 'anyone',
	'/api/courses/keys': 'anyone',
	'/api/courses/versions': 'anyone',
	'/learn/downloads': 'learner',
	'/learn/profile': 'learner',
	'/learn/privacy': 'learner',
	'/learn/opportunities': 'learner',
	'/learn/opportunities/[role=id]': 'learner',
	'/learn/applications': 'learner',
	// Open trainings and the learner's own places in them (trainings/listing.ts decides what each shows).
	'/learn/trainings': 'learner',
	'/learn/trainings/[training=id]': 'learner',
	'/learn/applications/[application=id]': 'learner',
	'/learn/trainings/[training=id]/messages': 'learner',
	// The learner's own trainings, for the copy their phone keeps offline (trainings/kept.ts).
	'/api/trainings/kept': 'learner',
	// The learner's own requests for help (services/requests.ts checks whose each is).
	'/learn/help': 'learner',
	'/learn/help/new/[service=id]': 'learner',
	'/learn/help/[request=id]': 'learner',
	'/api/sync': 'learner',
	'/offline/reader': 'anyone',
	// Its owner also removes members and revokes unused invitations (orgs/members.ts checks ownership).
	'/org': 'org_member',
	'/org/roles': 'org_member',
	'/org/roles/new': 'org_member',
	'/org/roles/[role=id]': 'org_member',
	'/org/roles/[role=id]/candidates': 'org_member',
	'/org/roles/[role=id]/applications': 'org_member',
	'/org/applications/[application=id]': 'org_member',
	'/org/trainings': 'org_member',
	'/org/trainings/new': 'org_member',
	'/org/trainings/[training=id]': 'org_member',
	// A training's cohort: attendance, completion, threads and notices (trainings/*.ts check the organization).
	'/org/trainings/[training=id]/attendance': 'org_member',
	'/org/trainings/[training=id]/attendance/[session=id]': 'org_member',
	'/org/trainings/[training=id]/completion': 'org_member',
	'/org/trainings/[training=id]/messages': 'org_member',
	'/org/trainings/[training=id]/messages/[place=id]': 'org_member',
	// The organization's own services (services/organization.ts checks the organization, vetted).
	'/org/services': 'org_member',
	'/org/services/new': 'org_member',
	'/org/services/[service=id]': 'org_member',
	// Requests for help sent to the organization, by pseudonym (services/requests.ts checks the organization).
	'/org/help': 'org_member',
	'/org/help/[request=id]': 'org_member',
	'/author': 'author',
	'/author/courses/[course=slug]': 'author',
	'/author/courses/[course=slug]/lessons/[lesson=slug]': 'author',
	'/author/courses/[course=slug]/quizzes/[quiz=slug]': 'author',
	'/author/courses/[course=slug]/modules/[module=slug]/new-lesson': 'author',
	'/author/courses/[course=slug]/modules/[module=slug]/new-quiz': 'author',
	'/admin': 'admin',
	// Vetting, and removing any member or unused invitation of the organization.
	'/admin/organizations/[org=id]': 'admin',
	'/admin/roles/[role=id]': 'admin',
	'/admin/trainings': 'admin',
	'/admin/trainings/[training=id]': 'admin',
	'/admin/services': 'admin',
	'/admin/services/[service=id]': 'admin',
	'/admin/courses': 'admin',
	'/admin/courses/[course=slug]': 'admin',
	'/admin/skills': 'admin',
	'/admin/skills/[skill=skill]': 'admin'
};

/** Routes a person who must change a one-time password may still use. */
export const allowedBeforePasswordChange = new Set([
	'/account/password',
	'/signout',
	'/clear',
	'/unlock',
	'/pin',
	'/language',
	'/look',
	'/manifest/[look=neutral].webmanifest',
	'/cover/[look=neutral]',
	'/(public)',
	'/(public)/forbidden',
	'/healthz',
	'/offline',
	'/verify/[code]',
	'/media/courses/[course]/[name]'
]);

/**
 * What a shared phone's locked session (idle too long, see auth/session.ts) may still open,
 * besides every `anyone` route: course reading (the catalogue, a course, its lessons and
 * quizzes, and the offline progress they send), the lock page and signing out. Everything else
 * asks for the password again.
 */
export const LOCKED_OPEN = new Set([
	'/learn/courses',
	'/learn/courses/[course=slug]',
	'/learn/courses/[course=slug]/lessons/[lesson=slug]',
	'/learn/courses/[course=slug]/quizzes/[quiz=slug]',
	'/api/sync',
	'/unlock',
	'/signout'
]);

/**
 * What a session waiting for the disguise's code (PIN) may open: the code's own page, leaving
 * (sign-out, "Clear this phone"), the disguise's cover and manifest, and what the service
 * worker fetches without showing a page (public course files and pictures, the offline
 * progress it sends). No page of the app, public pages included: behind the cover of a
 * searched phone, even the landing page says too much.
 */
export const PIN_OPEN = new Set([
	'/pin',
	'/signout',
	'/clear',
	'/cover/[look=neutral]',
	'/manifest/[look=neutral].webmanifest',
	'/healthz',
	'/language',
	'/media/courses/[course]/[name]',
	'/api/courses/[course=slug]/offline',
	'/api/courses/[course=slug]/offline/course',
	'/api/courses/[course=slug]/offline/lessons/[lesson=slug]',
	'/api/courses/[course=slug]/offline/quizzes/[quiz=slug]',
	'/api/courses/versions',
	'/api/sync'
]);

export type Decision =
	'allow' | 'sign_in' | 'forbidden' | 'home' | 'change_password' | 'unlock' | 'pin';

/**
 * Decides what happens to a request for `routeId` from an account of `kind` (or nobody);
 * `locked`: the session is a shared phone's, idle too long; `pin`: the session waits for the
 * disguise's code (locked by it, or on a disguised phone with no code chosen yet).
 */
export function decide(
	routeId: string,
	user: { kind: AccountKind; must_change_password: number } | null,
	locked = false,
	pin = false
): Decision {
	if (pin && user && routeRules[routeId] && !PIN_OPEN.has(routeId)) return 'pin';
	const decision = decideFor(routeId, user);
	const open = routeRules[routeId] === 'anyone' || LOCKED_OPEN.has(routeId);
	return locked && user && !open && (decision === 'allow' || decision === 'change_password')
		? 'unlock'
		: decision;
}

function decideFor(
	routeId: string,
	user: { kind: AccountKind; must_change_password: number } | null
): Decision {
	const rule = routeRules[routeId];
	if (!rule) return 'forbidden';
	if (user && user.must_change_password && !allowedBeforePasswordChange.has(routeId))
		return 'change_password';
	switch (rule) {
		case 'anyone':
			return 'allow';
		case 'guest':
			return user ? 'home' : 'allow';
		case 'signed_in':
			return user ? 'allow' : 'sign_in';
		case 'author':
			if (!user) return 'sign_in';
			return user.kind === 'admin' || user.kind === 'org_member' ? 'allow' : 'forbidden';
		case 'learner_or_visitor':
			return !user || user.kind === 'learner' ? 'allow' : 'forbidden';
		default:
			if (!user) return 'sign_in';
			return user.kind === rule ? 'allow' : 'forbidden';
	}
}

/** Where each kind of account lands after signing in. */
export function homeFor(kind: AccountKind): string {
	return homes[kind];
}

/**
 * Where to go after sign-in, unlocking, a language or look switch: only a page of this site.
 * `next` is resolved as the browser would resolve it (which drops tabs and line breaks and reads
 * `\\` as `/`, so `/\t/evil.example` means `//evil.example`), must land on `origin`, and only
 * its path and query are kept: the answer is always a path of this site, percent-encoded, that
 * no browser can read as another host and no header can be broken by. Null for anything else.
 */
export function safeNext(next: string | null | undefined, origin: string): string | null {
	if (!next || !URL.canParse(next, origin)) return null;
	const url = new URL(next, origin);
	if (url.origin !== new URL(origin).origin) return null;
	return url.pathname + url.search;
}
