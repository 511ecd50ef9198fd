/** Data saver: the phone's Save-Data, or the learner's own setting, keeps pictures until tapped. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	Client,
	closeWorkerContext,
	controlled,
	launch,
	phone,
	shown,
	signUpInBrowser,
	traced,
	uniqueName
} from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const LESSON = '/learn/courses/first-aid-basics/lessons/05-recovery-position';

describe('data saver', () => {
	it('shows pictures as links to tap when the phone asks to save data, and as pictures otherwise', async () => {
		const client = new Client('en');
		await client.signUp(uniqueName('saver'));
		const normal = await (await client.request(LESSON)).text();
		expect(normal).toMatch(
			/<img[^>]+src="\/media\/courses\/first-aid-basics\/recovery-position\.svg"/
		);
		const saving = await (await client.request(LESSON, { headers: { 'save-data': 'on' } })).text();
		expect(saving).not.toMatch(/<img[^>]+recovery-position/);
		expect(saving).toMatch(
			/<a class="picture" href="\/media\/courses\/first-aid-basics\/recovery-position\.svg">Show picture: /
		);
	});

	it('is a setting of the phone, turned on and off from the account page', async () => {
		const client = new Client('my');
		await client.signUp(uniqueName('setting'));
		const on = await client.post('/account?/dataSaver', { saver: 'on' });
		expect(on.status).toBe(200);
		const cookie = on.headers.getSetCookie().find((c) => c.startsWith('saver='));
		expect(cookie).toMatch(/^saver=on;/);
		// Not HttpOnly: the page reads it to leave pictures out of downloads. It says nothing about the person.
		expect(cookie).not.toMatch(/HttpOnly/i);
		const withSetting = new Client('my');
		withSetting.cookie = `${client.cookie}; saver=on`;
		const page = await withSetting.request(LESSON);
		expect(await page.text()).toMatch(/<a class="picture" href="[^"]+">ပုံကို ပြရန်/);
		const off = await client.post('/account?/dataSaver', { saver: 'off' });
		expect(off.headers.getSetCookie().find((c) => c.startsWith('saver='))).toMatch(
			/Max-Age=0|Expires=Thu, 01 Jan 1970/i
		);
	});

	it('downloads a course without its pictures, and the reader on the phone shows each as a link to tap', async () => {
		const context = await phone(browser);
		const step = traced(context);
		const page = await context.newPage();
		await signUpInBrowser(page, uniqueName('saverdl'), 'pictures cost money');
		await page.goto('/account');
		await page.getByRole('button', { name: 'ဒေတာချွေတာခြင်း ဖွင့်ရန်' }).click();
		await shown(page.getByText('ဒေတာချွေတာခြင်း ဖွင့်ထားသည်။'));
		step('worker');
		await controlled(page, '/learn/courses/first-aid-basics');
		step('download');
		await shown(page.getByText('ဒေတာချွေတာခြင်း - ပုံများ မပါပါ။'));
		await page.getByRole('button', { name: /^ဒေါင်းလုဒ် · / }).click();
		await shown(page.getByText('ဤသင်တန်းသည် ဤဖုန်းပေါ်တွင် ရှိသည်'));
		expect(
			await page.evaluate(async () =>
				(await (await caches.open('files-first-aid-basics')).keys()).some((r) =>
					r.url.includes('/media/')
				)
			)
		).toBe(false);

		step('offline');
		await context.setOffline(true);
		await page.goto(LESSON);
		await shown(page.getByRole('link', { name: /^ပုံကို ပြရန်/ }));
		expect(await page.locator('article.lesson img').count()).toBe(0);
		step('close');
		await closeWorkerContext(context);
	});
});
