/**
 * What the browser itself keeps of a person's account, read from its files on disk: Chromium with
 * a profile folder of its own, as on a phone. Every form that names or unlocks an account is used
 * as a person would (sign-up, sign-in, password change, recovery, a shared phone's lock, new
 * recovery codes, signing out everywhere, deletion), the browser is closed, and then its autofill
 * ("Web Data") and password records ("Login Data") must hold neither the name nor a password:
 * "Clear this phone" cannot reach them, and Chrome's basic "Delete browsing data" leaves them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { watchOrigins } from './same-origin';
import { openMenu, typeBackCode } from './screen';
import { baseUrl, shown, typeInto, uniqueName, waitForIdleLock } from './support';

const dirs: string[] = [];
afterAll(() => {
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A phone-sized Chromium keeping its profile on disk, in English (for the labels). */
async function persistentPhone(): Promise<{ context: BrowserContext; page: Page; dir: string }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-profile-'));
	dirs.push(dir);
	const context = watchOrigins(
		await chromium.launchPersistentContext(dir, {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: CHROMIUM_ARGS,
			baseURL: baseUrl(),
			viewport: { width: 360, height: 740 },
			isMobile: true,
			hasTouch: true
		})
	);
	await context.addCookies([{ name: 'lang', value: 'en', url: baseUrl() }]);
	const page = context.pages()[0] ?? (await context.newPage());
	return { context, page, dir };
}

/** Every row of `query` in one of the profile's databases (a copy: Chromium may hold a lock). */
function rows(dir: string, file: string, query: string): unknown[] {
	const source = path.join(dir, 'Default', file);
	if (!fs.existsSync(source)) return [];
	const copy = path.join(dir, `${file}.read`);
	fs.copyFileSync(source, copy);
	const db = new Database(copy, { readonly: true });
	try {
		return db.prepare(query).all();
	} finally {
		db.close();
	}
}

/** The files of the profile whose bytes contain `text` (UTF-8), other than our own copies. */
function filesHolding(dir: string, text: string): string[] {
	const needle = Buffer.from(text, 'utf8');
	const found: string[] = [];
	const walk = (folder: string) => {
		for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (
				entry.isFile() &&
				!entry.name.endsWith('.read') &&
				fs.readFileSync(full).includes(needle)
			)
				found.push(path.relative(dir, full));
		}
	};
	walk(dir);
	return found;
}

async function signIn(page: Page, name: string, password: string) {
	await page.goto('/signin');
	await typeInto(page.getByLabel('Username'), name);
	await typeInto(page.getByLabel('Password', { exact: true }), password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await page.waitForURL('**/learn');
}

async function signOut(page: Page) {
	await page.goto('/account');
	await openMenu(page);
	await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
	await page.waitForURL((url) => url.pathname === '/');
}

describe('what the browser keeps', () => {
	it('keeps neither the name nor any password after every account form, on disk', async () => {
		const { context, page, dir } = await persistentPhone();
		const name = uniqueName('seized');
		const first = 'bamboo shade at noon';
		const second = 'a kettle on the fire';
		const third = 'monsoon over the hills';

		// Sign-up, typed as a person types.
		await page.goto('/signup');
		await typeInto(page.getByLabel('Username'), name);
		await typeInto(page.getByLabel('Password', { exact: true }), first);
		await page.getByRole('button', { name: 'Create account' }).click();
		await shown(page.getByRole('list', { name: 'Recovery codes' }));
		await signOut(page);

		// Sign-in; a new password, new codes and signing out everywhere, each with the password.
		await signIn(page, name, first);
		await page.goto('/account/password');
		await typeInto(page.getByLabel('Current password'), first);
		await typeInto(page.getByLabel('New password'), second);
		await page.getByRole('button', { name: 'Change password' }).click();
		await shown(page.getByRole('status'));
		await page.goto('/account');
		await typeInto(page.locator('#codes-password'), second);
		await page.getByRole('button', { name: 'Make 10 new codes' }).click();
		const fresh = page.getByRole('list', { name: 'Recovery codes' });
		await shown(fresh);
		const codes = await fresh.getByRole('listitem').allInnerTexts();
		await typeBackCode(page, codes[1]);
		await page.waitForURL('**/account');
		await typeInto(page.locator('#everywhere-password'), second);
		await page.getByRole('button', { name: 'Sign out everywhere' }).click();
		await shown(page.getByText('All other sessions were signed out.'));
		await signOut(page);

		// Recovery with a code, on a shared phone; then its lock after the idle time.
		await page.goto('/recover');
		await typeInto(page.getByLabel('Username'), name);
		await typeInto(page.getByLabel('Recovery code'), codes[0]);
		await typeInto(page.getByLabel('New password'), third);
		await page.getByRole('checkbox').check();
		await page.getByRole('button', { name: 'Set new password' }).click();
		await shown(page.getByRole('status'));
		await waitForIdleLock();
		await page.goto('/account/data');
		await page.waitForURL('**/unlock?next=*');
		await typeInto(page.getByLabel('Password', { exact: true }), third);
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForURL('**/account/data');

		// Deletion, still on the shared phone. On a slow machine the short idle time of the test
		// server may lock the phone again first: then the password unlocks it, as a person would.
		for (let attempt = 0; attempt < 3 && new URL(page.url()).pathname !== '/'; attempt++) {
			if (new URL(page.url()).pathname === '/unlock') {
				await typeInto(page.getByLabel('Password', { exact: true }), third);
				await page.getByRole('button', { name: 'Continue' }).click();
				await page.waitForURL((url) => url.pathname !== '/unlock');
			}
			await page.goto('/account');
			if (new URL(page.url()).pathname === '/unlock') continue;
			await typeInto(page.locator('#delete-password'), third);
			await page.getByRole('button', { name: 'Delete my account for good' }).click();
			await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/unlock');
		}
		expect(new URL(page.url()).pathname).toBe('/');
		await context.close();

		const autofill = rows(dir, 'Web Data', 'select name, value from autofill');
		const logins = rows(dir, 'Login Data', 'select origin_url, username_value from logins');
		const prompts = rows(dir, 'Login Data', 'select origin_domain, username_value from stats');
		expect(autofill, 'autofill entries').toEqual([]);
		expect(logins, 'saved passwords').toEqual([]);
		expect(prompts, 'names kept from "Save password?" prompts').toEqual([]);
		for (const secret of [name, first, second, third])
			expect(filesHolding(dir, secret), `files holding ${secret}`).toEqual([]);
	});
});
