/**
 * Every page that has a form, as each audience opens it, with something saved in it (world.ts):
 * each field holds what the server rendered, before the scripts arrive, after the page has
 * hydrated, and after reaching it again by a navigation inside the app. Once, hydration filled
 * every empty field with the text "undefined", and textareas were empty in the server's HTML
 * while their saved text appeared only with the script.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeRules, type Rule } from '$lib/server/access';
import { routeCalls, urlPath } from './routes';
import { Client, holdScripts, hydrated, launch, signedIn } from './support';
import { buildWorld, type World } from './world';

type Audience = 'visitor' | 'learner' | 'org_member' | 'admin';

/** Who may open a route, as the access table says (the access tests prove it is so). */
const opens: Record<Audience, Rule[]> = {
	visitor: ['anyone', 'guest', 'learner_or_visitor'],
	learner: ['anyone', 'signed_in', 'learner', 'learner_or_visitor'],
	org_member: ['anyone', 'signed_in', 'org_member', 'author'],
	admin: ['anyone', 'signed_in', 'admin', 'author']
};
const who: Record<Audience, string> = {
	visitor: 'a visitor',
	learner: 'a learner',
	org_member: 'an organization member',
	admin: 'an administrator'
};
const homes: Record<Audience, string> = {
	visitor: '/',
	learner: '/learn',
	org_member: '/org',
	admin: '/admin'
};

/** A field as a person sees it: what it holds, or whether it is ticked or chosen. */
interface FieldState {
	key: string;
	value: string;
}

/** Every field of the page in document order, keyed by what it is (not by position). */
function fields(page: Page): Promise<FieldState[]> {
	return page.evaluate(() => {
		const seen = new Map<string, number>();
		return [
			...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
				'input, textarea, select'
			)
		].map((el) => {
			const type = el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase();
			const choice = type === 'checkbox' || type === 'radio';
			const base = [
				el.closest('form')?.getAttribute('action') ?? '',
				type,
				el.name,
				el.id,
				choice ? (el as HTMLInputElement).value : ''
			].join('|');
			const n = seen.get(base) ?? 0;
			seen.set(base, n + 1);
			const value = choice
				? String((el as HTMLInputElement).checked)
				: el instanceof HTMLSelectElement
					? [...el.selectedOptions].map((o) => o.value).join(',')
					: type === 'file'
						? ''
						: el.value;
			return { key: `${base}#${n}`, value };
		});
	});
}

let browser: Browser;
let world: World;
let clients: Record<Audience, Client>;
beforeAll(async () => {
	browser = await launch();
	world = await buildWorld();
	clients = {
		visitor: new Client('my'),
		learner: world.learner,
		org_member: world.org,
		admin: world.admin
	};
}, 180_000);
afterAll(() => browser?.close());

function paramsFor(audience: Audience): Record<string, string> {
	const course = {
		course: world.course.id,
		module: world.course.module,
		lesson: world.course.lesson,
		quiz: world.course.quiz
	};
	if (audience === 'learner')
		return {
			...course,
			role: world.openRoleId,
			application: world.applicationId,
			code: world.certificate,
			training: world.trainingId,
			service: world.serviceId,
			request: world.helpRequestId
		};
	if (audience === 'org_member')
		return {
			...course,
			role: world.draftRoleId,
			application: world.applicationId,
			training: world.trainingId,
			session: world.sessionId,
			place: world.placeId,
			service: world.draftServiceId,
			request: world.helpRequestId
		};
	if (audience === 'admin')
		return {
			...course,
			role: world.submittedRoleId,
			org: world.orgId,
			training: world.trainingId,
			service: world.serviceId
		};
	// A visitor reads a course's page and its first lesson (the world's course has one lesson).
	return {
		course: world.course.id,
		lesson: world.course.lesson,
		code: world.certificate,
		service: world.serviceId
	};
}

const pages = routeCalls().filter((call) => call.kind === 'page');

describe('every field holds what the server rendered', () => {
	for (const audience of ['visitor', 'learner', 'org_member', 'admin'] as const) {
		it(`on every page ${who[audience]} opens: before and after hydration, and after a navigation`, async () => {
			const context = await signedIn(browser, clients[audience], { serviceWorkers: 'block' });
			const problems: string[] = [];
			let formsSeen = 0;
			for (const call of pages.filter((c) => opens[audience].includes(routeRules[c.routeId]))) {
				// Candidates exist only for a role an administrator approved; the leaving page names where to.
				// The directory shows listed services only (an organization edits its draft elsewhere).
				const params = call.routeId.endsWith('/candidates')
					? { ...paramsFor(audience), role: world.openRoleId }
					: call.routeId.startsWith('/(public)/help/')
						? { ...paramsFor(audience), service: world.serviceId }
						: paramsFor(audience);
				const path =
					urlPath(call.routeId, params) +
					(call.routeId === '/leaving'
						? `?to=${encodeURIComponent('https://example.org/page')}`
						: '');
				const page = await context.newPage();
				const release = await holdScripts(page);
				const response = await page.goto(path, { waitUntil: 'domcontentloaded' });
				if (!response || response.status() >= 400) {
					problems.push(`${path}: answered ${response?.status()}`);
					await page.close();
					continue;
				}
				const server = await fields(page);
				await release();
				const hydratedFields = await fields(page);

				// Again, reached from another page by the app's own router.
				const here = page.url();
				const follow = async (href: string) => {
					await page.evaluate((to) => {
						const link = Object.assign(document.createElement('a'), {
							href: to,
							textContent: 'go'
						});
						document.body.append(link);
						link.click();
					}, href);
					await page.waitForURL(href);
					await hydrated(page);
				};
				await follow(new URL(homes[audience], here).href);
				await follow(here);
				const navigated = await fields(page);
				await page.close();

				if (server.length > 0) formsSeen++;
				const byKey = (list: FieldState[]) => new Map(list.map((f) => [f.key, f.value]));
				for (const [moment, list] of [
					['after hydration', hydratedFields],
					['after a navigation', navigated]
				] as const) {
					const now = byKey(list);
					for (const field of server) {
						if (!now.has(field.key)) problems.push(`${path} ${field.key}: gone ${moment}`);
						else if (now.get(field.key) !== field.value)
							problems.push(
								`${path} ${field.key}: "${field.value}" in the server's HTML, "${now.get(field.key)}" ${moment}`
							);
					}
				}
				for (const field of [...server, ...hydratedFields, ...navigated]) {
					if (/^(undefined|null)$/.test(field.value))
						problems.push(`${path} ${field.key}: holds "${field.value}"`);
				}
			}
			expect(problems).toEqual([]);
			expect(formsSeen).toBeGreaterThan(3);
			await context.close();
		}, 600_000);
	}
});
