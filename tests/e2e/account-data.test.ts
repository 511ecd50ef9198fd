/** A learner, on a phone, in Burmese: sees and downloads what Lanpya keeps about them, then deletes the account for good. */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import {
	Client,
	consoleErrors,
	launch,
	phone,
	shown,
	signUpInBrowser,
	typeInto,
	uniqueName
} from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const PASSWORD = 'quiet river at dawn';

describe('my data and my account', () => {
	it('downloads everything as a file, reads it as a page, then deletes the account: signing in fails and the cookie is gone', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		const username = uniqueName('leaving');
		await signUpInBrowser(page, username, PASSWORD);

		await page.goto('/learn/profile');
		await page.getByLabel('သင် ရှိသည့်နေရာ (နယ်မြေ အကြမ်းဖျင်းသာ)').selectOption({ label: 'မဲဆောက် နယ်မြေ' });
		await page.getByLabel(/^စိစစ်ပြီး အဖွဲ့များ/).check();
		await typeInto(page.getByLabel(/^စကားဝှက် \(ပရိုဖိုင်/), PASSWORD);
		await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).click();
		await shown(page.getByText('သိမ်းပြီးပါပြီ။ ပရိုဖိုင်ကို မြင်နိုင်သူ ချက်ချင်း ပြောင်းသွားပြီ။'));

		await page.goto('/account');
		await page.getByRole('link', { name: 'ကျွန်ုပ်၏ အချက်အလက်များကို ကြည့်ရန်' }).click();
		await page.waitForURL('**/account/data');
		await shown(page.getByRole('heading', { level: 1, name: 'လမ်းပြက သင့်အကြောင်း သိမ်းထားသမျှ' }));
		const profile = page.getByRole('region', { name: 'အခွင့်အလမ်းများနှင့် ကိုက်ညီရန် ပရိုဖိုင်' });
		await shown(profile.getByText('မဲဆောက် နယ်မြေ'));
		await shown(page.getByText(username, { exact: true }));
		expect(await axeViolations(page)).toEqual([]);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'ကျွန်ုပ်၏ အချက်အလက်များကို ဒေါင်းလုဒ်လုပ်ရန် (JSON ဖိုင်)' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^data-\d{4}-\d{2}-\d{2}\.json$/);
		const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
		expect(file.account).toMatchObject({ username, kind: 'learner' });
		expect(file.profile).toMatchObject({ area: 'mae_sot', visibility: 'vetted' });
		expect(file.recovery_codes).toEqual({ unused: 10, used: 0 });

		await page.goto('/account');
		expect(await axeViolations(page)).toEqual([]);
		const password = page.getByLabel('အတည်ပြုရန် သင့်စကားဝှက်');
		await typeInto(password, 'not my password at all');
		await page.getByRole('button', { name: 'ကျွန်ုပ်၏ အကောင့်ကို အပြီးတိုင် ဖျက်မည်' }).click();
		await shown(page.getByText('လက်ရှိ စကားဝှက် မမှန်ပါ။'));
		// The refused password is not left in the field: typed again, it is exactly the password.
		expect(await password.inputValue()).toBe('');
		await typeInto(password, PASSWORD);
		await page.getByRole('button', { name: 'ကျွန်ုပ်၏ အကောင့်ကို အပြီးတိုင် ဖျက်မည်' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await shown(page.getByRole('status').getByText('သင့်အကောင့်ကို ဖျက်ပြီးပါပြီ။'));
		expect((await context.cookies()).map((c) => c.name)).not.toContain('sid');

		expect(errors).toEqual([]);
		await page.goto('/signin');
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), username);
		await typeInto(page.getByLabel(/^စကားဝှက်$/), PASSWORD);
		await page.getByRole('button', { name: 'ဝင်မည်' }).click();
		await expect(page.getByRole('alert').innerText()).resolves.toBe('အသုံးပြုသူအမည် သို့မဟုတ် စကားဝှက် မမှန်ပါ။');

		const sqlite = new Database(inject('databasePath'), { readonly: true });
		expect(
			sqlite.prepare('select count(*) as n from user where username = ?').get(username)
		).toEqual({ n: 0 });
		sqlite.close();
		// Sign-in has no script (csr = false): the refusal is a plain post answered with a 400 page,
		// the one error the browser logs.
		expect(errors).toEqual([
			'Failed to load resource: the server responded with a status of 400 (Bad Request)'
		]);
		await context.close();
	});

	it('refuses a wrong password with a 400 in the learner’s language, and keeps the account', async () => {
		for (const [locale, message] of [
			['my', 'လက်ရှိ စကားဝှက် မမှန်ပါ။'],
			['en', 'The current password is not right.']
		] as const) {
			const client = new Client(locale);
			expect((await client.signUp(uniqueName('staying'))).status).toBe(200);
			const response = await client.post('/account?/deleteAccount', {
				password: 'a guess that is wrong'
			});
			expect(response.status).toBe(400);
			expect(await response.text()).toContain(message);
			expect((await client.request('/account')).status).toBe(200);
		}
	});

	it('serves the file as a download that no cache keeps', async () => {
		const client = new Client('en');
		const username = uniqueName('exporter');
		expect((await client.signUp(username)).status).toBe(200);
		const response = await client.request('/account/export', {
			headers: { accept: 'application/json' }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="data-\d{4}-\d{2}-\d{2}\.json"$/
		);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect((await response.json()).account.username).toBe(username);
	});
});
