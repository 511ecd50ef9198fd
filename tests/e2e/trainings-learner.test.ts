/**
 * A training with two places, on a 360 px phone, in Burmese: three spouses ask; two get places,
 * the third waits first in line; one withdraws (asked first), and the third is offered the
 * place until a time and accepts it. Where it meets is shown only to those holding a place, and
 * is nowhere in anyone else's page or page data. One spouse does it all without JavaScript.
 *
 * `TRAINING_SHOTS=<folder>` also saves 360 px screenshots of the list and the training.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '$lib/format';
import {
	baseUrl,
	Client,
	consoleErrors,
	launch,
	phone,
	shown,
	signUpInBrowser,
	storedRow,
	uniqueName
} from './support';
import { typeBackCode } from './screen';
import { openTrainingOnServer } from './trainings-support';

const SHOTS = process.env.TRAINING_SHOTS;
const PASSWORD = 'needle and thread';
const MEETING = 'ဈေးနောက်ဘက် ရပ်ကွက်ခန်းမ၊ အပေါ်ထပ်';

/** A title in Burmese letters, different at every run, so this training's card is the only one. */
function burmeseTitle(): string {
	const letters = 'ကခဂဃငစဆဇဈညတထဒဓနပဖဗဘမယရလဝသဟအ';
	const mark = [...uniqueName('')].map((c) => letters[parseInt(c, 36) % letters.length]).join('');
	return `အပ်ချုပ် သင်တန်း ${mark}`;
}

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

/** A spouse signs up on her phone, choosing "spouse or family member", and reaches her home. */
async function spouse(javaScriptEnabled = true): Promise<Page> {
	const context = await phone(browser, { javaScriptEnabled });
	contexts.push(context);
	const page = await context.newPage();
	const codes = await signUpInBrowser(page, uniqueName('spouse'), PASSWORD, 'learner', 'family');
	await typeBackCode(page, codes[0]);
	await page.waitForURL('**/learn');
	return page;
}

const placesLeft = (left: string, seats: string) => `နေရာ ${seats} ခုအနက် ${left} ခု ကျန်သည်`;
const FULL = 'နေရာ ပြည့်ပြီ - စောင့်ဆိုင်းစာရင်းတွင် ဝင်နိုင်သည်';

/** Nothing wider than the phone. */
async function fitsThePhone(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

/** The meeting point is nowhere in the page nor in the data the app loads for it. */
async function meetingPointHidden(page: Page, trainingId: string) {
	expect(await page.content()).not.toContain(MEETING);
	const data = await page.request.get(`/learn/trainings/${trainingId}/__data.json`);
	expect(data.status()).toBe(200);
	expect(await data.text()).not.toContain(MEETING);
}

async function shot(page: Page, name: string) {
	if (!SHOTS) return;
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('a training with two places, three spouses', () => {
	let training: { id: string; orgName: string };
	const title = burmeseTitle();
	beforeAll(async () => {
		training = await openTrainingOnServer(2, {
			titleMy: title,
			titleEn: 'Sewing',
			descriptionMy: 'စက်ဖြင့် အပ်ချုပ်နည်း နှစ်ရက် သင်မည်။',
			meetingPoint: MEETING,
			provided: ['materials', 'childcare', 'meals'],
			sessions: [
				{ startsAt: '2099-01-05T09:00', endsAt: '2099-01-05T12:00' },
				{ startsAt: '2099-01-06T13:30', endsAt: '2099-01-06T16:00' }
			]
		});
	}, 60_000);

	it('gives two places, puts the third first in line, and offers her the place one leaves', async () => {
		// The first spouse: the trainings come first on her home.
		const first = await spouse();
		const errors = consoleErrors(first);
		await expect(
			first.locator('ul.entries > li').first().getByRole('link').innerText()
		).resolves.toBe('လက်တွေ့ သင်တန်း ရှာရန်');
		await first.getByRole('link', { name: 'လက်တွေ့ သင်တန်း ရှာရန်' }).click();
		await first.waitForURL('**/learn/trainings');
		const card = first.getByRole('listitem').filter({ hasText: title });
		await shown(card);
		await fitsThePhone(first);
		await shot(first, 'trainings-open');
		const cardText = await card.innerText();
		expect(cardText).toContain(training.orgName);
		expect(cardText).toContain(placesLeft('၂', '၂'));
		expect(cardText).toContain('စမည့်အချိန် - ၂၀၉၉ ဇန်နဝါရီ ၅၊ ၀၉:၀၀');
		expect(cardText).toContain('ပေးမည် - ပစ္စည်းများ၊ အစားအစာ၊ နေရာတွင် ကလေးထိန်းပေးခြင်း');
		await card.getByRole('link', { name: title }).click();
		await first.waitForURL(`**/learn/trainings/${training.id}`);
		await shown(first.getByText('နေရာ လွတ်သည် - တောင်းလျှင် ချက်ချင်း ရမည်။'));
		await shown(first.getByText('၂၀၉၉ ဇန်နဝါရီ ၆၊ ၁၃:၃၀–၁၆:၀၀'));
		await meetingPointHidden(first, training.id);
		await first.getByRole('button', { name: 'နေရာ တောင်းရန်' }).click();
		await shown(first.getByRole('status').getByText('ဤသင်တန်းတွင် သင် နေရာ ရပြီ။'));
		await shown(first.getByText(placesLeft('၁', '၂')));
		await shown(first.getByText(MEETING));
		expect(errors).toEqual([]);

		// The second, without JavaScript: a place, the last one.
		const second = await spouse(false);
		await second.goto(`/learn/trainings/${training.id}`);
		await second.getByRole('button', { name: 'နေရာ တောင်းရန်' }).click();
		await shown(second.getByRole('status').getByText('ဤသင်တန်းတွင် သင် နေရာ ရပြီ။'));
		await shown(second.getByText(MEETING));
		await shown(second.getByText('နေရာ ၂ ခုလုံး ပြည့်ပြီ'));
		expect(await second.content()).not.toContain(FULL);

		// The third: full, so asking is joining the waitlist; she is first in line.
		const third = await spouse();
		await third.goto('/learn/trainings');
		await shown(third.getByRole('listitem').filter({ hasText: title }).getByText(FULL));
		await third.getByRole('link', { name: title }).click();
		await third.waitForURL(`**/learn/trainings/${training.id}`);
		await shown(
			third.getByText(
				'နေရာ အားလုံး ပြည့်နေသည် - တောင်းလျှင် တောင်းသည့် အစဉ်အတိုင်း စောင့်ဆိုင်းစာရင်းတွင် ထည့်မည်။ နေရာ လွတ်လာလျှင် ရှေ့ဆုံးလူကို ကမ်းလှမ်းမည်။'
			)
		);
		await third.getByRole('button', { name: 'စောင့်ဆိုင်းစာရင်းတွင် ဝင်ရန်' }).click();
		await shown(third.getByRole('status').getByText('သင် စောင့်ဆိုင်းစာရင်းတွင် ပါပြီ။'));
		await shown(third.getByText('စောင့်ဆိုင်းစာရင်းတွင် သင်သည် နံပါတ် ၁ ဖြစ်သည်'));
		await meetingPointHidden(third, training.id);
		await fitsThePhone(third);
		await third.goto('/learn/trainings');
		const mine = third.getByRole('region', { name: 'သင့် သင်တန်းများ' });
		await shown(mine.getByText(title));
		await shown(mine.getByText('စောင့်ဆိုင်းစာရင်းတွင် သင်သည် နံပါတ် ၁ ဖြစ်သည်'));

		// Asking again is refused in her words, a 409, never a 500.
		const again = await third.request.post(`/learn/trainings/${training.id}?/ask`, {
			form: {},
			headers: { origin: baseUrl(), accept: 'text/html' }
		});
		expect(again.status()).toBe(409);
		expect(await again.text()).toContain('ဤသင်တန်းတွင် နေရာ တောင်းပြီး ဖြစ်သည်။');

		// The second withdraws, without JavaScript: the first tap asks, the second does it.
		await second.goto(`/learn/trainings/${training.id}`);
		const yes = second.getByRole('button', { name: 'ဟုတ်ကဲ့၊ ထွက်မည်' });
		expect(await yes.isVisible()).toBe(false);
		await second.getByText('ဤသင်တန်းမှ ထွက်ရန်').click();
		await shown(second.getByText(/^ထွက်မည်လား။ သင့်နေရာ သို့မဟုတ်/));
		await yes.click();
		await shown(second.getByRole('status').getByText('ဤသင်တန်းမှ သင် ထွက်လိုက်ပြီ။'));
		await shown(second.getByText('ထွက်ခဲ့သည်'));
		expect(await second.content()).not.toContain(MEETING);

		// The third is offered the place, kept for her until a time; she accepts.
		const offered = storedRow<{ state: string; offered_until: number }>(
			"select state, offered_until from training_place where training_id = ? and state = 'offered'",
			training.id
		);
		expect(offered.state).toBe('offered');
		await third.goto(`/learn/trainings/${training.id}`);
		await shown(third.getByText('နေရာ တစ်ခု လွတ်လာ၍ သင့်ကို ကမ်းလှမ်းထားသည်။'));
		await shown(
			third.getByText(
				`${formatDateTime(offered.offered_until, 'my')} (မြန်မာစံတော်ချိန်) အထိ သင့်အတွက် နေရာ ချန်ထားသည်`
			)
		);
		await meetingPointHidden(third, training.id);
		await fitsThePhone(third);
		await shot(third, 'training-offered');
		await third.getByRole('button', { name: 'နေရာကို လက်ခံရန်' }).click();
		await shown(third.getByRole('status').getByText('နေရာသည် သင့်အတွက် ဖြစ်ပြီ။'));
		await shown(third.getByText(MEETING));
		await shown(third.getByText('နေရာ ၂ ခုလုံး ပြည့်ပြီ'));
		await fitsThePhone(third);
		await shot(third, 'training-holding');
		await third.goto('/learn/trainings');
		await shown(third.getByRole('region', { name: 'သင့် သင်တန်းများ' }).getByText('နေရာ ရထားသည်'));
		await fitsThePhone(third);
		await shot(third, 'trainings-list');
		expect(
			storedRow<{ n: number }>(
				"select count(*) as n from training_place where training_id = ? and state = 'holding'",
				training.id
			).n
		).toBe(2);
	});

	it('lists the trainings after the courses for a learner who is not a spouse', async () => {
		const client = new Client('my');
		expect((await client.signUp(uniqueName('notspouse'))).status).toBe(200);
		const html = await (await client.request('/learn')).text();
		const entries = html.slice(html.indexOf('entries'));
		expect(entries.indexOf('/learn/courses')).toBeLessThan(entries.indexOf('/learn/trainings'));
	});
});
