import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, PIN_OPEN, routeRules, safeNext } from '$lib/server/access';

/** Every route id in src/routes, from its +page or +server files. */
function routeIds(dir = 'src/routes', id = ''): string[] {
	const ids: string[] = [];
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	if (
		entries.some(
			(e) =>
				/^\+(page|server)\.(svelte|ts|js)$/.test(e.name) || /^\+page\.server\.(ts|js)$/.test(e.name)
		)
	)
		ids.push(id || '/');
	for (const entry of entries) {
		if (entry.isDirectory())
			ids.push(...routeIds(path.join(dir, entry.name), `${id}/${entry.name}`));
	}
	return ids;
}

describe('the access table', () => {
	it('declares a rule for every route in src/routes', () => {
		const undeclared = routeIds().filter((id) => !(id in routeRules));
		expect(undeclared).toEqual([]);
	});

	it('declares no route that does not exist', () => {
		const ids = new Set(routeIds());
		expect(Object.keys(routeRules).filter((id) => !ids.has(id))).toEqual([]);
	});

	it('refuses a route with no rule for everyone', () => {
		expect(decide('/not-declared', null)).toBe('forbidden');
		expect(decide('/not-declared', { kind: 'admin', must_change_password: 0 })).toBe('forbidden');
	});

	it('lets administrators and organization members reach the authoring pages, not learners', () => {
		expect(decide('/author', null)).toBe('sign_in');
		expect(decide('/author', { kind: 'learner', must_change_password: 0 })).toBe('forbidden');
		expect(decide('/author', { kind: 'org_member', must_change_password: 0 })).toBe('allow');
		expect(
			decide('/author/courses/[course=slug]', { kind: 'admin', must_change_password: 0 })
		).toBe('allow');
	});

	it('lets visitors read the catalogue, a course and its lesson pages before making an account, and nothing personal', () => {
		for (const route of [
			'/learn/courses',
			'/learn/courses/[course=slug]',
			'/learn/courses/[course=slug]/lessons/[lesson=slug]'
		]) {
			expect(decide(route, null)).toBe('allow');
			expect(decide(route, { kind: 'learner', must_change_password: 0 })).toBe('allow');
			expect(decide(route, { kind: 'org_member', must_change_password: 0 })).toBe('forbidden');
			expect(decide(route, { kind: 'admin', must_change_password: 0 })).toBe('forbidden');
		}
		// Quizzes (they record attempts), progress, certificates and the rest of learning ask them to sign in.
		for (const route of [
			'/learn',
			'/learn/courses/[course=slug]/quizzes/[quiz=slug]',
			'/learn/certificates',
			'/learn/certificates/[code=certificate]',
			'/learn/downloads',
			'/learn/profile',
			'/api/sync',
			'/account/codes'
		]) {
			expect(decide(route, null)).toBe('sign_in');
		}
	});

	it('sends people who must change a one-time password to do so first', () => {
		expect(decide('/admin', { kind: 'admin', must_change_password: 1 })).toBe('change_password');
		expect(decide('/account/password', { kind: 'admin', must_change_password: 1 })).toBe('allow');
	});
});

describe('a shared phone’s idle (locked) session', () => {
	const learner = { kind: 'learner' as const, must_change_password: 0 };

	it('is sent to the lock page from every personal page', () => {
		for (const route of [
			'/learn',
			'/learn/profile',
			'/learn/applications/[application=id]',
			'/learn/downloads',
			'/account',
			'/account/password'
		]) {
			expect(decide(route, learner, true)).toBe('unlock');
			expect(decide(route, learner, false)).toBe('allow');
		}
		expect(decide('/org', { kind: 'org_member', must_change_password: 0 }, true)).toBe('unlock');
		expect(decide('/account/password', { kind: 'admin', must_change_password: 1 }, true)).toBe(
			'unlock'
		);
	});

	it('still reads courses, public pages and the offline reader, and can unlock or sign out', () => {
		for (const route of [
			'/learn/courses',
			'/learn/courses/[course=slug]',
			'/learn/courses/[course=slug]/lessons/[lesson=slug]',
			'/learn/courses/[course=slug]/quizzes/[quiz=slug]',
			'/api/sync',
			'/offline',
			'/offline/reader',
			'/(public)',
			'/verify/[code]',
			'/unlock',
			'/signout',
			'/language'
		]) {
			expect(decide(route, learner, true)).toBe('allow');
		}
	});

	it('changes nothing of who may see what', () => {
		expect(decide('/admin', learner, true)).toBe('forbidden');
		expect(decide('/(public)/signin', learner, true)).toBe('home');
		expect(decide('/learn', null, true)).toBe('sign_in');
		for (const route of Object.keys(routeRules)) {
			const locked = decide(route, learner, true);
			expect(locked === 'unlock' ? 'allow' : locked).toBe(decide(route, learner));
		}
	});
});

describe('a session behind the disguise’s code (PIN)', () => {
	const learner = { kind: 'learner' as const, must_change_password: 0 };

	it('opens no page of the app before the code, public pages and course reading included', () => {
		for (const route of [
			'/(public)',
			'/(public)/signin',
			'/learn',
			'/learn/courses',
			'/learn/courses/[course=slug]/lessons/[lesson=slug]',
			'/offline',
			'/offline/reader',
			'/verify/[code]',
			'/unlock',
			'/account',
			'/look',
			'/admin'
		]) {
			expect(decide(route, learner, false, true), route).toBe('pin');
			expect(decide(route, learner, true, true), route).toBe('pin');
		}
		expect(decide('/admin', { kind: 'admin', must_change_password: 1 }, false, true)).toBe('pin');
	});

	it('still gives the code, leaves, shows the cover, and lets the service worker fetch course files and send progress', () => {
		for (const route of PIN_OPEN)
			expect(decide(route, learner, false, true), route).not.toBe('pin');
		expect([...PIN_OPEN]).toEqual(
			expect.arrayContaining(['/pin', '/signout', '/clear', '/cover/[look=neutral]', '/api/sync'])
		);
		// Nothing in it shows a page of the app.
		expect(
			[...PIN_OPEN].filter(
				(route) =>
					!route.startsWith('/api/') &&
					!route.startsWith('/media/') &&
					!route.startsWith('/manifest/')
			)
		).toEqual(['/pin', '/signout', '/clear', '/cover/[look=neutral]', '/healthz', '/language']);
	});

	it('means nothing to someone signed out', () => {
		expect(decide('/(public)', null, false, true)).toBe('allow');
		expect(decide('/learn', null, false, true)).toBe('sign_in');
	});
});

describe('safeNext', () => {
	const origin = 'http://localhost:3000';

	it('keeps paths on this site, with their query', () => {
		expect(safeNext('/learn?x=1', origin)).toBe('/learn?x=1');
		expect(safeNext('/learn/courses/first-aid-basics', origin)).toBe(
			'/learn/courses/first-aid-basics'
		);
		expect(safeNext('/learn#top', origin)).toBe('/learn');
		expect(safeNext(null, origin)).toBeNull();
		expect(safeNext('', origin)).toBeNull();
	});

	// What a browser makes of each: tabs and line breaks are dropped, "\\" reads as "/".
	const hostile: [string, string][] = [
		['//evil.example/', 'protocol-relative'],
		['/\\evil.example', 'slash backslash'],
		['\\\\evil.example', 'two backslashes'],
		['/\t/evil.example/phish', "tab after the first slash (the review's /%09/)"],
		['/\r/evil.example', 'carriage return'],
		['/\n/evil.example', "line feed (the review's /%0a/, once a 500)"],
		['/\r\n/evil.example', 'CR LF'],
		['\t//evil.example', 'leading tab'],
		[' //evil.example', 'leading space'],
		['/\t\\evil.example', 'tab then backslash'],
		['https://evil.example/', 'another origin'],
		['http://localhost:3001/', 'another port'],
		['https://localhost:3000/', 'another scheme'],
		['http://localhost:3000@evil.example/', 'credentials trick'],
		['javascript:alert(1)', 'javascript scheme'],
		['JaVaScRiPt:alert(1)', 'javascript scheme, mixed case'],
		['data:text/html,<script>alert(1)</script>', 'data scheme'],
		['vbscript:msgbox(1)', 'vbscript scheme'],
		['/\u0000//evil.example', 'NUL (not stripped: stays a path, but never another host)'],
		['//evil.example\\@localhost:3000/', 'backslash before @']
	];
	it.each(hostile)('never leaves the site: %j (%s)', (next) => {
		const result = safeNext(next, origin);
		if (result === null) return;
		// What the browser does with the Location header: it must stay on this origin.
		expect(new URL(result, origin).origin).toBe(origin);
		expect(result).toMatch(/^\/(?![/\\])/);
		expect(result).not.toMatch(/[\u0000-\u0020\u007f\\]/);
	});

	it('refuses every other origin outright', () => {
		for (const [next] of hostile.filter(([, why]) => !why.startsWith('NUL')))
			expect(safeNext(next, origin), JSON.stringify(next)).toBeNull();
	});

	// Encoded forms arrive decoded once by URLSearchParams; what is still encoded stays a path here.
	it.each([
		['/%09/evil.example', '/%09/evil.example'],
		['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
		['/%252F%252Fevil.example', '/%252F%252Fevil.example'],
		['/%5Cevil.example', '/%5Cevil.example'],
		['/%0a/evil.example', '/%0a/evil.example'],
		['/learn\n', '/learn'],
		['/learn?next=//evil.example', '/learn?next=//evil.example']
	])('keeps an encoded %j a path of this site', (next, kept) => {
		expect(safeNext(next, origin)).toBe(kept);
	});

	it('reads a next as the sign-in page receives it, encoded or double-encoded', () => {
		for (const query of [
			'next=/%09/evil.example',
			'next=/%0a/evil.example',
			'next=%2F%2Fevil.example',
			'next=/%5Cevil.example',
			'next=%2F%09%2Fevil.example',
			'next=%252F%252Fevil.example',
			'next=/%0d%0a/evil.example'
		]) {
			const next = new URL(`${origin}/signin?${query}`).searchParams.get('next');
			const result = safeNext(next, origin);
			expect(result === null || new URL(result, origin).origin === origin, query).toBe(true);
			expect(result ?? '', query).not.toMatch(/[\u0000-\u001f]/);
		}
	});
});
