/**
 * After signing in or unlocking a shared phone, Lanpya goes to `next` only when it is a page of
 * this site. A `next` built to make the browser leave (`/%09/evil.example`: browsers drop the tab
 * and read `//evil.example`) once sent the person, signed in, to another site; `%0a` gave a 500.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, Client, launch, phone, typeInto, uniqueName, waitForIdleLock } from './support';

const PASSWORD = 'green tea and rice';

/** `next` values as they appear in a link's query (encoded once, or twice). */
const HOSTILE = [
	'/%09/evil.example/phish',
	'/%09/127.0.0.1:3595/phish',
	'/%0a/evil.example',
	'/%0d/evil.example',
	'/%0d%0a/evil.example',
	'%2F%2Fevil.example',
	'%2F%5Cevil.example',
	'/%5Cevil.example',
	'%252F%252Fevil.example',
	'//evil.example',
	'/%09%5Cevil.example',
	'https://evil.example/',
	'javascript:alert(1)',
	'%09//evil.example'
];

/** Where the browser goes with this Location header: this origin, whatever the path. */
function staysHere(location: string | null): boolean {
	return (
		location !== null &&
		new URL(location, baseUrl()).origin === new URL(baseUrl()).origin &&
		/^\/(?![/\\])/.test(location) &&
		!/[\s\\]/.test(location)
	);
}

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('next after signing in', () => {
	it('never leaves the site, never answers 500, plain or enhanced', async () => {
		const name = uniqueName('nextwalker');
		const client = new Client('en');
		expect((await client.signUp(name)).status).toBe(200);
		for (const next of HOSTILE) {
			const plain = new Client('en');
			const response = await plain.request(`/signin?next=${next}`, {
				method: 'POST',
				form: { username: name, password: PASSWORD }
			});
			expect(response.status, next).toBe(303);
			expect(
				staysHere(response.headers.get('location')),
				`${next} → ${response.headers.get('location')}`
			).toBe(true);

			const enhanced = new Client('en');
			const answer = await enhanced.request(`/signin?next=${next}`, {
				method: 'POST',
				form: { username: name, password: PASSWORD },
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			expect(answer.status, next).toBe(200);
			const body = (await answer.json()) as { type: string; location: string };
			expect(body.type, next).toBe('redirect');
			expect(staysHere(body.location), `${next} → ${body.location}`).toBe(true);
		}
		// A page of this site is still followed, with its query.
		const kept = await new Client('en').request(
			`/signin?next=${encodeURIComponent('/learn/courses?q=first')}`,
			{ method: 'POST', form: { username: name, password: PASSWORD } }
		);
		expect(kept.headers.get('location')).toBe('/learn/courses?q=first');
	});

	it('keeps a person who types their password into the real sign-in page on this site', async () => {
		const name = uniqueName('nextbrowser');
		expect((await new Client('en').signUp(name)).status).toBe(200);
		const context = await phone(browser);
		const page = await context.newPage();
		await page.goto('/signin?next=/%09/127.0.0.1:3595/phish');
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), name);
		await typeInto(page.getByLabel(/^စကားဝှက်$/), PASSWORD);
		await page.getByRole('button', { name: 'ဝင်မည်' }).click();
		await page.waitForURL((url) => url.pathname !== '/signin');
		expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
		expect(new URL(page.url()).pathname).toBe('/learn');
		await context.close();
	});
});

describe('next after unlocking a shared phone', () => {
	it('never leaves the site and never answers 500', async () => {
		const client = new Client('en');
		expect(
			(await client.signUp(uniqueName('nextshared'), 'learner', PASSWORD, { shared: true })).status
		).toBe(200);
		await waitForIdleLock();
		for (const next of [
			'/%09/evil.example/phish',
			'/%0a/evil.example',
			'%2F%5Cevil.example',
			'//evil.example'
		]) {
			// A wrong password first: the page answers in place, whatever the next.
			const wrong = await client.request(`/unlock?next=${next}`, {
				method: 'POST',
				form: { password: 'not the password' }
			});
			expect(wrong.status, next).toBe(400);
		}
		const response = await client.request('/unlock?next=/%09/evil.example/phish', {
			method: 'POST',
			form: { password: PASSWORD }
		});
		expect(response.status).toBe(303);
		expect(
			staysHere(response.headers.get('location')),
			String(response.headers.get('location'))
		).toBe(true);
		// Unlocked now: the lock page sends on at once, through the same check.
		for (const next of HOSTILE) {
			const again = await client.request(`/unlock?next=${next}`);
			expect(again.status, next).toBe(303);
			expect(
				staysHere(again.headers.get('location')),
				`${next} → ${again.headers.get('location')}`
			).toBe(true);
		}
	});
});
