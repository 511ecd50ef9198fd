/**
 * Floods of sign-ups and organization applications: limits per address and overall, answered
 * 429 with Retry-After in the person's language, and shown to administrators. And the "Suggest
 * a name" button, with and without JavaScript.
 */
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type App } from '../helpers/app';
import { launch, phone, shown, typeInto } from './support';

// Its own server beside the suite's (E2E_PORT), with small limits and addresses from a header.
const OWN_PORT = Number(process.env.E2E_PORT ?? 3111) + 5;
let app: App;
let browser: Browser;
beforeAll(async () => {
	app = await startApp(OWN_PORT, undefined, {
		SIGN_UP_LIMIT_PER_ADDRESS: '3',
		SIGN_UP_LIMIT_TOTAL: '5',
		ADDRESS_HEADER: 'X-Forwarded-For'
	});
	browser = await launch();
}, 300_000);
afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

let n = 0;
const post = (
	path: string,
	form: Record<string, string>,
	address: string,
	{ locale = 'en', cookie = '' } = {}
) =>
	fetch(`${app.baseUrl}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: app.baseUrl,
			cookie: [`lang=${locale}`, cookie].filter(Boolean).join('; '),
			'x-forwarded-for': address
		},
		body: new URLSearchParams(form),
		redirect: 'manual'
	});
const signUp = (address: string, username = `flood${n++}`, kind = 'learner', locale = 'en') =>
	post('/signup', { username, password: 'green tea and rice', kind }, address, { locale });

describe('sign-up floods', () => {
	it('suggests names without counting them, without JavaScript', async () => {
		for (let i = 0; i < 6; i++) {
			const answer = await post(
				'/signup',
				{ username: '', suggest: '1', kind: 'org_member' },
				'10.9.0.1'
			);
			expect(answer.status).toBe(200);
			const html = await answer.text();
			const name = /Suggested name: ([a-z]+-[a-z]+-\d{3})\./.exec(html)?.[1];
			expect(name, 'a suggestion').toBeTruthy();
			expect(html).toContain(`value="${name}"`);
			// The rest of the form is as the person left it.
			expect(html).toMatch(/value="org_member"[^>]*checked|checked[^>]*value="org_member"/);
		}
		const burmese = await (
			await post('/signup', { suggest: '1' }, '10.9.0.1', { locale: 'my' })
		).text();
		expect(burmese).toMatch(/အကြံပြုအမည်— [\u1000-\u109f]+-[\u1000-\u109f]+-[၁-၉][၀-၉]{2}။/);
	});

	it('holds one address, and then everyone, with 429, Retry-After and a translated message; administrators see the bursts', async () => {
		for (let i = 0; i < 2; i++) expect((await signUp('10.0.0.1')).status).toBe(200);
		// A name already taken counts as an attempt too.
		expect((await signUp('10.0.0.1', 'flood0')).status).toBe(400);
		const fourth = await signUp('10.0.0.1');
		expect(fourth.status).toBe(429);
		expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(800);
		expect(await fourth.text()).toContain(
			'Too many new accounts were made just now. Please wait 15 minutes and try again.'
		);
		const inBurmese = await signUp('10.0.0.1', undefined, 'learner', 'my');
		expect(await inBurmese.text()).toContain('ယခုလေးတင် အကောင့်အသစ် များလွန်းစွာ ဖွင့်ထားသည်။');
		// Another address goes on, until everyone together reaches the overall limit.
		expect((await signUp('10.0.0.2')).status).toBe(200);
		expect((await signUp('10.0.0.3', undefined, 'org_member')).status).toBe(200);
		expect((await signUp('10.0.0.4')).status).toBe(429);

		// Organization applications are limited the same way.
		const db = new Database(app.databasePath, { readonly: true });
		const org = db.prepare("select username from user where kind = 'org_member'").get() as {
			username: string;
		};
		db.close();
		const signedIn = await post(
			'/signin',
			{ username: org.username, password: 'green tea and rice' },
			'10.0.0.3'
		);
		const cookie = signedIn.headers
			.getSetCookie()
			.find((c) => c.startsWith('sid='))!
			.split(';')[0];
		for (let i = 0; i < 3; i++)
			expect(
				(
					await post(
						'/org?/apply',
						{ name: `Flood org ${i}`, kind: 'ngo', description: '' },
						'10.0.0.3',
						{ cookie }
					)
				).status
			).toBe(i === 0 ? 200 : 409);
		const refused = await post(
			'/org?/apply',
			{ name: 'Flood org 4', kind: 'ngo', description: '' },
			'10.0.0.3',
			{ cookie }
		);
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain(
			'Too many organization applications were filed just now.'
		);

		const output = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', 'floodadmin'], {
			env: { ...process.env, DATABASE_PATH: app.databasePath },
			encoding: 'utf8'
		});
		const oneTime = /One-time password: (\S+)/.exec(output)![1];
		const admin = await post('/signin', { username: 'floodadmin', password: oneTime }, '10.0.0.9');
		const adminCookie = admin.headers
			.getSetCookie()
			.find((c) => c.startsWith('sid='))!
			.split(';')[0];
		expect(
			(
				await post(
					'/account/password',
					{ current: oneTime, next: 'administrators guard the gate' },
					'10.0.0.9',
					{ cookie: adminCookie }
				)
			).status
		).toBe(303);
		const home = await (
			await fetch(`${app.baseUrl}/admin`, {
				headers: { cookie: `${adminCookie}; lang=en`, accept: 'text/html' }
			})
		).text();
		expect(home).toContain('Bursts of new accounts');
		expect(home).toContain('New accounts, from one address');
		expect(home).toContain('New accounts, from everyone together');
		expect(home).toContain('Organization applications, from one address');
	});
});

describe('suggest a name, in the browser', () => {
	it('fills the name field with a name nobody could guess, and signs up with exactly that name', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		await page.goto('/signup');
		await page.getByRole('button', { name: 'အမည်တစ်ခု အကြံပြုပါ' }).click();
		const status = page.getByRole('status');
		await shown(status);
		const suggested = /အကြံပြုအမည်— (\S+)။/.exec(await status.innerText())![1];
		const field = page.getByLabel('အသုံးပြုသူအမည်');
		expect(await field.inputValue()).toBe(suggested);
		await typeInto(page.getByLabel(/^စကားဝှက်$/), 'a quiet mango tree');
		await page.getByRole('button', { name: 'အကောင့်ဖွင့်ရန်' }).click();
		await shown(page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' }));
		const db = new Database(inject('databasePath'), { readonly: true });
		expect(db.prepare('select count(*) as n from user where username = ?').get(suggested)).toEqual({
			n: 1
		});
		db.close();
		await context.close();
	});
});
