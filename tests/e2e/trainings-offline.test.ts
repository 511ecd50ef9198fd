/**
 * A spouse's trainings on her phone with no network, on a 360 px phone in Burmese: she holds a
 * place, chooses "Keep on this phone", and with the network gone the page the app shows offline
 * still gives her the days and where it meets, in Burmese and in English. Giving the place up
 * takes it off the phone at the app's next start; signing out and "Clear this phone" remove it;
 * a shared phone's session is never offered to keep it.
 *
 * `TRAINING_SHOTS=<folder>` also saves 360 px screenshots of the training kept and of the offline page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSpan } from '$lib/format';
import { SAVED_KEY } from '$lib/stored-names';
import {
	Client,
	closeWorkerContext,
	consoleErrors,
	controlled,
	launch,
	phone,
	shown,
	signedIn,
	signUpInBrowser,
	uniqueName
} from './support';
import { typeBackCode } from './screen';
import { axeViolations } from './axe';
import { openTrainingOnServer } from './trainings-support';

const PASSWORD = 'needle and thread';
const MEETING = 'ဈေးနောက်ဘက် ရပ်ကွက်ခန်းမ၊ အပေါ်ထပ် ၂';
const SESSIONS = [
	{ startsAt: '2099-01-05T09:00', endsAt: '2099-01-05T12:00' },
	{ startsAt: '2099-01-06T13:30', endsAt: '2099-01-06T16:00' }
];
const KEEP = 'ဤဖုန်းတွင် သိမ်းထားရန်';
const KEPT = 'ဤဖုန်းတွင် သိမ်းထားသည် - သင်တန်းရက်များနှင့် တွေ့ဆုံမည့်နေရာကို အင်တာနက်မပါဘဲ ဖွင့်နိုင်သည်။';

const SHOTS = process.env.TRAINING_SHOTS;
async function shot(page: Page, name: string) {
	if (!SHOTS) return;
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	for (const context of contexts) await closeWorkerContext(context);
	await browser?.close();
});

/** What the phone's database holds under the kept trainings' name (nothing: undefined). */
const onPhone = (page: Page) =>
	page.evaluate(
		(key) =>
			new Promise<unknown>((resolve) => {
				const open = indexedDB.open('store');
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('meta')) return resolve(undefined);
					const get = db.transaction('meta').objectStore('meta').get(key);
					get.onsuccess = () => resolve(get.result);
					get.onerror = () => resolve(undefined);
				};
				open.onerror = () => resolve(undefined);
			}),
		SAVED_KEY
	);

async function holdingSpouse(trainingId: string): Promise<{ page: Page; context: BrowserContext }> {
	const context = await phone(browser);
	contexts.push(context);
	const page = await context.newPage();
	const codes = await signUpInBrowser(page, uniqueName('keeper'), PASSWORD, 'learner', 'family');
	await typeBackCode(page, codes[0]);
	await page.waitForURL('**/learn');
	await controlled(page, `/learn/trainings/${trainingId}`);
	await page.getByRole('button', { name: 'နေရာ တောင်းရန်' }).click();
	await shown(page.getByRole('status').getByText('ဤသင်တန်းတွင် သင် နေရာ ရပြီ။'));
	return { page, context };
}

describe("a spouse's training kept on her phone", () => {
	let sewing: { id: string; orgName: string };
	let cooking: { id: string; orgName: string };
	beforeAll(async () => {
		sewing = await openTrainingOnServer(3, {
			titleMy: 'အပ်ချုပ် သင်တန်း (ဖုန်း)',
			titleEn: 'Sewing on the phone',
			meetingPoint: MEETING,
			provided: ['materials', 'childcare'],
			sessions: SESSIONS
		});
		cooking = await openTrainingOnServer(3, {
			titleMy: 'ချက်ပြုတ် သင်တန်း (ဖုန်း)',
			titleEn: 'Cooking on the phone',
			meetingPoint: 'Kitchen behind the clinic'
		});
	}, 60_000);

	it('opens with no network, in Burmese and English, and leaves when she gives the place up', async () => {
		const { page, context } = await holdingSpouse(sewing.id);
		const errors = consoleErrors(page);
		// Nothing is kept until she chooses.
		expect(await onPhone(page)).toBeUndefined();
		await shown(page.getByText(/^ထိုအခါ သင်တန်းရက်များနှင့်/));
		await page.getByRole('button', { name: KEEP }).click();
		await shown(page.getByRole('status').getByText(KEPT));
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await shot(page, 'training-kept');

		// No network: any page of the app shows the offline page, which lists the training.
		await context.setOffline(true);
		await page.goto('/learn/trainings');
		await shown(page.getByRole('heading', { name: 'အင်တာနက် မရပါ' }));
		const burmese = page.locator('article.kept').first();
		await shown(burmese.getByRole('heading', { name: 'အပ်ချုပ် သင်တန်း (ဖုန်း)' }));
		const text = await burmese.innerText();
		expect(text).toContain(MEETING);
		expect(text).toContain(sewing.orgName);
		expect(text).toContain(formatSpan(SESSIONS[1].startsAt, SESSIONS[1].endsAt, 'my'));
		expect(text).toContain('၂၀၉၉ ဇန်နဝါရီ ၆၊ ၁၃:၃၀–၁၆:၀၀');
		expect(text).toContain('နေရာတွင် ကလေးထိန်းပေးခြင်း');
		const english = page.locator('section[lang="en"] article.kept');
		await shown(english.getByRole('heading', { name: 'Sewing on the phone' }));
		expect(await english.innerText()).toContain(
			formatSpan(SESSIONS[0].startsAt, SESSIONS[0].endsAt, 'en')
		);
		expect(await english.innerText()).toContain(MEETING);
		await shot(page, 'offline-with-training');
		// Headings in order in both languages: the list under the page's title, each training under it.
		expect(
			await page.evaluate(() =>
				[...document.querySelectorAll('main h1, main h2, main h3, main h4')].map((h) => h.tagName)
			)
		).toEqual(['H1', 'H2', 'H3', 'H2', 'H3', 'H4']);
		expect(await axeViolations(page)).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);

		// Back online, she gives the place up; the app's next start takes the training off the phone.
		await context.setOffline(false);
		await page.goto(`/learn/trainings/${sewing.id}`);
		await shown(page.getByRole('status').getByText(KEPT));
		await page.getByText('ဤသင်တန်းမှ ထွက်ရန်').click();
		await page.getByRole('button', { name: 'ဟုတ်ကဲ့၊ ထွက်မည်' }).click();
		await shown(page.getByRole('status').getByText('ဤသင်တန်းမှ သင် ထွက်လိုက်ပြီ။'));
		await page.goto('/learn');
		await expect.poll(() => onPhone(page), { timeout: 10_000 }).toBeUndefined();
		await context.setOffline(true);
		await page.goto('/learn/trainings');
		await shown(page.getByRole('heading', { name: 'အင်တာနက် မရပါ' }));
		expect(await page.content()).not.toContain(MEETING);
		await context.setOffline(false);
		expect(errors).toEqual([]);
	}, 120_000);

	it('is listed on "On this phone", and leaves with signing out and with "Clear this phone"', async () => {
		const { page } = await holdingSpouse(cooking.id);
		await page.getByRole('button', { name: KEEP }).click();
		await shown(page.getByRole('status').getByText(KEPT));
		await page.goto('/learn/downloads');
		await shown(page.getByRole('heading', { name: 'ဤဖုန်းပေါ်ရှိ သင့်သင်တန်းများ' }));
		await shown(page.getByRole('link', { name: 'ချက်ပြုတ် သင်တန်း (ဖုန်း)' }));
		expect(JSON.stringify(await onPhone(page))).toContain('Kitchen behind the clinic');

		// "Clear this phone": the database goes, the kept training with it.
		await page.goto('/clear');
		await shown(page.getByText('ဤဖုန်းတွင် သိမ်းထားသော သင်တန်းများနှင့် တွေ့ဆုံမည့်နေရာများ၊'));
		await page.getByRole('button', { name: 'ယခု ရှင်းလင်းရန်' }).click();
		// The phone then goes to an ordinary website (out of reach here); the app's data is gone.
		const left = await page.context().newPage();
		await expect
			.poll(
				async () => {
					await left.goto('/');
					return left.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
				},
				{ timeout: 20_000 }
			)
			.toEqual([]);
		await page.close();

		// Signing out removes it too.
		await left.goto('/signin');
		const again = await holdingSpouseAgain(left);
		await again.getByRole('button', { name: KEEP }).click();
		await shown(again.getByRole('status').getByText(KEPT));
		expect(await onPhone(again)).toBeDefined();
		await again.goto('/learn');
		await again.locator('summary', { hasText: 'မီနူး' }).click();
		await again.getByRole('button', { name: 'ထွက်ရန်', exact: true }).click();
		await again.waitForURL((url) => url.pathname === '/');
		expect(await onPhone(again)).toBeUndefined();
	}, 120_000);

	/** A second spouse on the same phone, holding a place in the cooking training. */
	async function holdingSpouseAgain(page: Page): Promise<Page> {
		const codes = await signUpInBrowser(page, uniqueName('keeper'), PASSWORD, 'learner', 'family');
		await typeBackCode(page, codes[0]);
		await page.waitForURL('**/learn');
		await page.goto(`/learn/trainings/${cooking.id}`);
		await page.getByRole('button', { name: 'နေရာ တောင်းရန်' }).click();
		await shown(page.getByRole('status').getByText('ဤသင်တန်းတွင် သင် နေရာ ရပြီ။'));
		return page;
	}

	it('is never offered on a shared phone', async () => {
		const client = new Client('my');
		const name = uniqueName('sharedkeeper');
		expect((await client.signUp(name, 'learner', PASSWORD, { shared: true })).status).toBe(200);
		expect((await client.post(`/learn/trainings/${sewing.id}?/ask`, {})).status).toBeLessThan(400);
		const context = await signedIn(browser, client);
		contexts.push(context);
		const page = await context.newPage();
		await page.goto(`/learn/trainings/${sewing.id}`);
		await shown(page.getByText(MEETING));
		await page.waitForLoadState('networkidle');
		expect(await page.getByRole('button', { name: KEEP }).count()).toBe(0);
		expect(await onPhone(page)).toBeUndefined();
	});
});
