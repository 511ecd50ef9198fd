/** The first administrator, and a partner organization's owner and member. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminWithCommand, launch, phone, signUpInBrowser, uniqueName, shown } from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('the first administrator', () => {
	it('is made by the command, must replace the one-time password, then sees the overview', async () => {
		const name = uniqueName('admin');
		const oneTime = createAdminWithCommand(name);
		const context = await phone(browser);
		const page = await context.newPage();
		await page.goto('/signin');
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByLabel('Username').fill(name);
		await page.getByLabel('Password').fill(oneTime);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/account/password');
		// A new account's language is Burmese; the administrator switches to English.
		await page.getByRole('button', { name: 'English' }).click();
		await shown(page.getByText('This password was given to you once.'));

		// Nothing else opens until the password is changed.
		await page.goto('/admin');
		expect(new URL(page.url()).pathname).toBe('/account/password');

		await page.getByLabel('Current password').fill(oneTime);
		await page.getByLabel('New password').fill('administrators guard the gate');
		await page.getByRole('button', { name: 'Change password' }).click();
		await page.waitForURL('**/admin');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Administration');

		// The one-time password is gone.
		const check = await browser.newContext({ baseURL: page.url() });
		const other = await check.newPage();
		await other.goto('/signin');
		await other.getByLabel(/Username|အသုံးပြုသူအမည်/).fill(name);
		await other.getByLabel(/^(Password|စကားဝှက်)$/).fill(oneTime);
		await other.getByRole('button', { name: /Sign in|ဝင်မည်/ }).click();
		await shown(other.getByRole('alert'));
		await check.close();
		await context.close();
	});
});

describe('a partner organization', () => {
	it('applies, waits for vetting, and invites a member who joins with the code', async () => {
		const ownerContext = await phone(browser);
		const owner = await ownerContext.newPage();
		await signUpInBrowser(owner, uniqueName('owner'), 'clinic by the river', 'org_member');
		await owner.getByRole('link', { name: 'သိမ်းပြီးပါပြီ၊ ဆက်သွားမည်' }).click();
		await owner.waitForURL('**/org');
		await owner.getByLabel('အဖွဲ့အစည်း အမည်').fill('ျမစ္ကမ္း ေဆးခန္း'); // typed in Zawgyi
		await owner.getByLabel('အဖွဲ့အစည်း အမျိုးအစား').selectOption('clinic');
		await owner.getByRole('button', { name: 'လျှောက်လွှာ ပို့ရန်' }).click();
		// Stored and shown in Unicode.
		await shown(owner.getByRole('heading', { name: 'မြစ်ကမ်း ဆေးခန်း' }));
		await shown(owner.getByText('စစ်ဆေးရန် စောင့်နေသည်'));

		await owner.getByRole('button', { name: 'ဖိတ်ကြားကုဒ် ပြုလုပ်ရန်' }).click();
		const status = await owner.getByRole('status').innerText();
		const code = status.match(/[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/)![0];

		const memberContext = await phone(browser);
		const member = await memberContext.newPage();
		const memberName = uniqueName('member');
		await signUpInBrowser(member, memberName, 'helping hands daily', 'org_member');
		await member.goto('/org');
		await member.getByRole('textbox', { name: 'ဖိတ်ကြားကုဒ်' }).fill(code);
		await member.getByRole('button', { name: 'ဝင်မည်' }).click();
		await shown(member.getByRole('heading', { name: 'မြစ်ကမ်း ဆေးခန်း' }));
		// Members cannot invite.
		await expect(member.getByRole('button', { name: 'ဖိတ်ကြားကုဒ် ပြုလုပ်ရန်' }).count()).resolves.toBe(0);

		await owner.reload();
		await shown(owner.getByText(memberName));
		await memberContext.close();
		await ownerContext.close();
	});
});
