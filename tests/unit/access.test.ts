import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, PIN_OPEN, routeRules, safeNext } from '$lib/server/access';

/** Every route id in src/routes, from its +page or +server files. */
function routeIds(dir = 'src/routes', id = ''): string[] {
	const ids: string[] = [];
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	if (entries.some((e) => /^\+(page|server)\.(svelte|ts|js)$/.test(e.name) || /^\+page\.server\.(ts|js)$/.test(e.name))) ids.push(id || '/');
	for (const entry of entries) {
		if (entry.isDirectory()) ids.push(...routeIds(path.join(dir, entry.name), `${id}/${entry.name}`));
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
		expect(decide('/author/courses/[course]', { kind: 'admin', must_change_password: 0 })).toBe('allow');
	});

	it('sends people who must change a one-time password to do so first', () => {
		expect(decide('/admin', { kind: 'admin', must_change_password: 1 })).toBe('change_password');
		expect(decide('/account/password', { kind: 'admin', must_change_password: 1 })).toBe('allow');
	});
});

describe('a shared phone’s idle (locked) session', () => {
	const learner = { kind: 'learner' as const, must_change_password: 0 };

	it('is sent to the lock page from every personal page', () => {
		for (const route of ['/learn', '/learn/profile', '/learn/applications/[application]', '/learn/downloads', '/account', '/account/password']) {
			expect(decide(route, learner, true)).toBe('unlock');
			expect(decide(route, learner, false)).toBe('allow');
		}
		expect(decide('/org', { kind: 'org_member', must_change_password: 0 }, true)).toBe('unlock');
		expect(decide('/account/password', { kind: 'admin', must_change_password: 1 }, true)).toBe('unlock');
	});

	it('still reads courses, public pages and the offline reader, and can unlock or sign out', () => {
		for (const route of ['/learn/courses', '/learn/courses/[course]', '/learn/courses/[course]/lessons/[lesson]', '/learn/courses/[course]/quizzes/[quiz]', '/api/sync', '/offline', '/offline/reader', '/(public)', '/verify/[code]', '/unlock', '/signout', '/language']) {
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
		for (const route of ['/(public)', '/(public)/signin', '/learn', '/learn/courses', '/learn/courses/[course]/lessons/[lesson]', '/offline', '/offline/reader', '/verify/[code]', '/unlock', '/account', '/look', '/admin']) {
			expect(decide(route, learner, false, true), route).toBe('pin');
			expect(decide(route, learner, true, true), route).toBe('pin');
		}
		expect(decide('/admin', { kind: 'admin', must_change_password: 1 }, false, true)).toBe('pin');
	});

	it('still gives the code, leaves, shows the cover, and lets the service worker fetch course files and send progress', () => {
		for (const route of PIN_OPEN) expect(decide(route, learner, false, true), route).not.toBe('pin');
		expect([...PIN_OPEN]).toEqual(expect.arrayContaining(['/pin', '/signout', '/clear', '/cover/[look=neutral]', '/api/sync']));
		// Nothing in it shows a page of the app.
		expect([...PIN_OPEN].filter((route) => !route.startsWith('/api/') && !route.startsWith('/media/') && !route.startsWith('/manifest/'))).toEqual(['/pin', '/signout', '/clear', '/cover/[look=neutral]', '/healthz', '/language']);
	});

	it('means nothing to someone signed out', () => {
		expect(decide('/(public)', null, false, true)).toBe('allow');
		expect(decide('/learn', null, false, true)).toBe('sign_in');
	});
});

describe('safeNext', () => {
	it('keeps paths on this site only', () => {
		expect(safeNext('/learn?x=1')).toBe('/learn?x=1');
		expect(safeNext('//evil.example/')).toBeNull();
		expect(safeNext('/\\evil.example')).toBeNull();
		expect(safeNext('https://evil.example/')).toBeNull();
		expect(safeNext(null)).toBeNull();
	});
});
