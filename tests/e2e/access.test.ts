/**
 * Walks every route (every page, form action and endpoint) as nobody, a learner, an
 * organization member and an administrator, and checks the access table is what happens.
 * Then as a learner whose shared phone was left idle: every route the access table opens to
 * a learner either still opens (course reading, public pages) or asks for the password again.
 * And as a learner behind a disguise whose code is awaited: only the code's page, leaving and
 * the service worker's fetches open; every other route, public pages included, asks for the code.
 * Last, a malformed id in any route's address is a translated 404 for everyone, before the
 * access table or the route's own code (the matchers in src/params).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCKED_OPEN, PIN_OPEN, routeRules, type Rule } from '$lib/server/access';
import { adminClient, Client, uniqueName, waitForIdleLock } from './support';
import { routeCalls, urlPath } from './routes';
import EN from '../../messages/en.json' with { type: 'json' };
import MY from '../../messages/my.json' with { type: 'json' };

type Role =
	'anonymous' | 'learner' | 'org_member' | 'admin' | 'idle_shared_learner' | 'code_locked_learner';
const roles: Role[] = [
	'anonymous',
	'learner',
	'org_member',
	'admin',
	'idle_shared_learner',
	'code_locked_learner'
];
const homes = {
	learner: '/learn',
	org_member: '/org',
	admin: '/admin',
	idle_shared_learner: '/learn',
	code_locked_learner: '/learn'
};

function expected(
	rule: Rule,
	role: Role,
	routeId: string
): 'allow' | 'sign_in' | 'forbidden' | 'home' | 'unlock' | 'pin' {
	if (role === 'code_locked_learner')
		return PIN_OPEN.has(routeId) ? expected(rule, 'learner', routeId) : 'pin';
	if (role === 'idle_shared_learner') {
		const outcome = expected(rule, 'learner', routeId);
		return outcome === 'allow' && rule !== 'anyone' && !LOCKED_OPEN.has(routeId)
			? 'unlock'
			: outcome;
	}
	if (rule === 'anyone') return 'allow';
	if (rule === 'guest') return role === 'anonymous' ? 'allow' : 'home';
	// Visitors read; their actions that would save something are sent to sign up by the route itself.
	if (rule === 'learner_or_visitor')
		return role === 'anonymous' || role === 'learner' ? 'allow' : 'forbidden';
	if (role === 'anonymous') return 'sign_in';
	if (rule === 'signed_in') return 'allow';
	if (rule === 'author') return role === 'learner' ? 'forbidden' : 'allow';
	return rule === role ? 'allow' : 'forbidden';
}

async function clientFor(role: Role): Promise<Client> {
	const client = new Client('en');
	if (role === 'learner' || role === 'org_member') {
		const response = await client.signUp(
			uniqueName(role === 'learner' ? 'walker' : 'orgwalker'),
			role
		);
		expect(response.status).toBe(200);
	} else if (role === 'admin') {
		return adminClient('en', 'adminwalk');
	} else if (role === 'idle_shared_learner') {
		const response = await client.signUp(uniqueName('sharedwalker'), 'learner', undefined, {
			shared: true
		});
		expect(response.status).toBe(200);
		await waitForIdleLock();
	} else if (role === 'code_locked_learner') {
		expect((await client.signUp(uniqueName('codewalker'))).status).toBe(200);
		expect((await client.post('/pin?/choose', { pin: '482913', again: '482913' })).status).toBe(
			303
		);
		// The cover's way in: the code is asked from here on.
		expect((await client.request('/pin')).status).toBe(200);
	}
	return client;
}

// Sign-out and "Clear this phone" end the walker's session, so they go last, in this order
// (after sign-out, clearing is still for anyone).
const ENDS_SESSION = ['/signout', '/clear'];
const calls = routeCalls().sort(
	(a, b) => ENDS_SESSION.indexOf(a.routeId) - ENDS_SESSION.indexOf(b.routeId)
);

describe('every route declares who may call it', () => {
	it('finds the routes to walk', () => {
		expect(calls.length).toBeGreaterThan(15);
		expect(calls.filter((c) => !(c.routeId in routeRules))).toEqual([]);
	});

	for (const role of roles) {
		describe(`as ${role}`, () => {
			let client: Client;
			beforeAll(async () => {
				client = await clientFor(role);
			});

			it.each(calls.map((c) => [`${c.method} ${c.path}`, c] as const))('%s', async (_, call) => {
				const form: Record<string, string> =
					call.routeId === '/language' ? { locale: 'en', next: '/' } : {};
				const response =
					call.method === 'GET'
						? await client.request(call.path)
						: await client.post(call.path, form);
				const location = response.headers.get('location') ?? '';
				const outcome = expected(routeRules[call.routeId], role, call.routeId);
				if (outcome === 'sign_in') {
					expect(response.status).toBe(303);
					expect(location).toMatch(/^\/signin\?next=/);
				} else if (outcome === 'forbidden') {
					expect(response.status).toBe(403);
					expect(response.headers.get('x-lanpya-access')).toBe('denied');
				} else if (outcome === 'home') {
					expect(response.status).toBe(303);
					expect(location).toBe(homes[role as keyof typeof homes]);
				} else if (outcome === 'pin') {
					// The code first, then back to this very page.
					expect(response.status).toBe(303);
					expect(location).toBe(`/pin?next=${encodeURIComponent(call.path)}`);
				} else if (outcome === 'unlock') {
					// The password again, then back to this very page.
					expect(response.status).toBe(303);
					expect(location).toBe(`/unlock?next=${encodeURIComponent(call.path)}`);
				} else {
					// The route ran; it may still refuse on its own terms (e.g. not the owner).
					expect(response.headers.get('x-lanpya-access')).toBeNull();
					expect([401, 500]).not.toContain(response.status);
					expect(location).not.toMatch(/^\/(signin|unlock)/);
				}
			});
		});
	}
});

describe('a malformed id in an address', () => {
	// Each route with an id checked by a matcher (src/params), but the disguise's looks.
	const matched = [...new Set(calls.map((c) => c.routeId))].filter((id) =>
		/\[\w+=(slug|id|skill|certificate)\]/.test(id)
	);
	const malformed = {
		course: 'No-Such_Course!',
		lesson: '..',
		quiz: 'a--b',
		module: 'x'.repeat(81),
		role: 'short',
		application: 'NOT-AN-ID',
		training: 'a.b',
		service: 'Not_A_Service',
		request: 'x-y',
		org: 'a b',
		skill: 'First-Aid',
		code: 'AAAA-BBBB'
	};

	let learner: Client;
	beforeAll(async () => {
		learner = await clientFor('learner');
	});

	it('finds the routes whose ids are checked', () => {
		expect(matched.length).toBeGreaterThan(15);
	});

	it.each(matched.flatMap((id) => (['my', 'en'] as const).map((locale) => [id, locale] as const)))(
		'%s (%s): a translated 404, for a visitor and a learner alike',
		async (routeId, locale) => {
			const path = urlPath(routeId, malformed);
			for (const client of [new Client(locale), learner]) {
				client.locale = locale;
				const response = await client.request(path);
				expect(response.status, path).toBe(404);
				expect(response.headers.get('x-lanpya-access')).toBeNull();
				expect(await response.text()).toContain((locale === 'my' ? MY : EN).error_not_found);
			}
		}
	);
});
