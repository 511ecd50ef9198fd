/**
 * What a person's hands send: on a 360 px touch phone, a tap into each field and one key at a
 * time. A field the page left non-empty (once, every empty field held the text "undefined" after
 * hydration) would show here as an account stored under another name.
 */
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, phone, shown, typeInto, uniqueName } from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('typed key by key', () => {
	it('signs up with exactly the name typed, and signs in with the name and password typed', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const username = uniqueName('mgmg');
		const password = 'river mango lamp';

		await page.goto('/signup');
		const name = page.getByLabel('အသုံးပြုသူအမည်');
		const secret = page.getByLabel(/^စကားဝှက်$/);
		// After the page's script has run, the fields are still empty.
		await page.waitForLoadState('networkidle');
		expect(await name.inputValue()).toBe('');
		expect(await secret.inputValue()).toBe('');
		await typeInto(name, username);
		await typeInto(secret, password);
		expect(await name.inputValue()).toBe(username);
		await page.getByRole('button', { name: 'အကောင့်ဖွင့်ရန်' }).click();
		await shown(page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' }));

		const db = new Database(inject('databasePath'), { readonly: true });
		const stored = db
			.prepare('select username from user where username like ?')
			.all(`%${username}%`) as { username: string }[];
		db.close();
		expect(stored.map((row) => row.username)).toEqual([username]);

		// Signing in on another phone with what the person believes they chose.
		const other = await (await phone(browser)).newPage();
		await other.goto('/signin');
		await other.waitForLoadState('networkidle');
		await typeInto(other.getByLabel('အသုံးပြုသူအမည်'), username);
		await typeInto(other.getByLabel('စကားဝှက်'), password);
		await other.getByRole('button', { name: 'ဝင်မည်' }).click();
		await other.waitForURL('**/learn');
		await context.close();
		await other.context().close();
	});
});
