/**
 * The whole life of a training, in one go, as people do it on 360 px phones in Burmese, typing
 * key by key: an organization posts a sewing training with 2 places and 2 sessions, an
 * administrator approves it; three spouses ask: two get places, the third waits first in line;
 * one withdraws, the third is offered the place and accepts; the organization takes attendance
 * on its phone, the second session while the phone has no connection (kept, then sent by
 * itself), and completes the training; both participants get a certificate anyone can check
 * and the skill confirmed by the organization, and a sewing job then ranks higher for them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	Client,
	consoleErrors,
	launch,
	openVettedRole,
	phone,
	retypeInto,
	shown,
	signInAsNewAdmin,
	signUpInBrowser,
	storedRow,
	typeInto,
	uniqueName
} from './support';
import { typeBackCode } from './screen';

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

/** Today as the server counts days (UTC): both sessions meet today, so it can be completed now. */
const today = new Date().toISOString().slice(0, 10);
const PASSWORD = 'needle and thread';
const ASKED = 'ဤသင်တန်းတွင် သင် နေရာ ရပြီ။';

async function newPhone(): Promise<Page> {
	const context = await phone(browser);
	contexts.push(context);
	return context.newPage();
}

/** A spouse signs up on her phone, typing, choosing "spouse or family member". */
async function spouse(): Promise<Page> {
	const page = await newPhone();
	const codes = await signUpInBrowser(page, uniqueName('journey'), PASSWORD, 'learner', 'family');
	await typeBackCode(page, codes[0]);
	await page.waitForURL('**/learn');
	return page;
}

/** The match score a learner's page for the job shows (MatchReasons), as a number. */
async function score(page: Page, jobId: string): Promise<number> {
	await page.goto(`/learn/opportunities/${jobId}`);
	const text = await page.locator('main p', { hasText: 'ကိုက်ညီမှု ၁၀၀ တွင်' }).first().innerText();
	const digits = /ကိုက်ညီမှု ၁၀၀ တွင် ([၀-၉]+)/.exec(text)![1];
	return Number(digits.replace(/[၀-၉]/g, (d) => String(d.charCodeAt(0) - 0x1040)));
}

describe('a sewing training, from its posting to the job it opens', () => {
	it('is posted, approved, filled, attended, completed, certified, and ranks a sewing job higher', async () => {
		// A vetted organization (its application approved by an administrator).
		const owner = await newPhone();
		const ownerErrors = consoleErrors(owner);
		const ownerName = uniqueName('journeyorg');
		await signUpInBrowser(owner, ownerName, PASSWORD, 'org_member');
		await owner.goto('/org');
		const orgName = `Sewing Circle ${ownerName}`;
		await typeInto(owner.getByLabel('အဖွဲ့အစည်း အမည်'), orgName);
		await owner.getByLabel('အဖွဲ့အစည်း အမျိုးအစား').selectOption('ngo');
		await owner.getByRole('button', { name: 'လျှောက်လွှာ ပို့ရန်' }).click();
		await shown(owner.getByText('စစ်ဆေးရန် စောင့်နေသည်'));
		const admin = await newPhone();
		await signInAsNewAdmin(admin, 'journeyadmin');
		await admin.getByRole('link', { name: `Review ${orgName}` }).click();
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));

		// The training: 2 places, 2 sessions today, teaching machine sewing to the working level.
		await owner.goto('/org/trainings');
		await owner.getByRole('link', { name: 'သင်တန်းအသစ်' }).click();
		const title = `စက်ချုပ် သင်တန်း ${ownerName.slice(-4)}`;
		await typeInto(owner.getByRole('group', { name: 'ခေါင်းစဉ်' }).getByLabel('မြန်မာ'), title);
		await typeInto(
			owner.getByRole('group', { name: 'သင်တန်းက သင်ပေးသည့်အရာ' }).getByLabel('မြန်မာ'),
			'စက်ဖြင့် ချုပ်နည်း နှစ်ပိုင်း။'
		);
		await owner.getByLabel('မည်သူ့အတွက်').selectOption('families');
		await owner.getByLabel('ဒေသ', { exact: true }).selectOption('mae_sot');
		const meetingPoint = 'ဈေးနောက်ဘက် ရပ်ကွက် ခန်းမ';
		await typeInto(owner.getByLabel('တွေ့ဆုံမည့် နေရာ အတိအကျ'), meetingPoint);
		await typeInto(owner.getByLabel('နေရာ အရေအတွက်'), '၂');
		await owner.getByRole('checkbox', { name: 'ပစ္စည်းများ' }).check();
		// Days and times are pickers: fill sets them as a phone's calendar and clock do.
		await owner.getByLabel('တောင်းဆိုမှု ပိတ်မည့်နေ့').fill(today);
		for (const [n, start, end] of [
			['၁', '09:00', '12:00'],
			['၂', '13:00', '16:00']
		]) {
			const row = owner.getByRole('group', { name: `သင်ခန်းချိန် ${n}` });
			await row.getByLabel('နေ့').fill(today);
			await row.getByLabel('စမည့်အချိန်').fill(start);
			await row.getByLabel('ပြီးမည့်အချိန်').fill(end);
		}
		await retypeInto(owner.getByLabel(/ပြီးဆုံးရန် တက်ရမည့် သင်ခန်းချိန်/), '၁၀၀');
		await owner.getByRole('button', { name: 'မူကြမ်း ပြုလုပ်ရန်' }).click();
		await shown(owner.getByRole('heading', { level: 1, name: title }));
		const trainingId = new URL(owner.url()).pathname.split('/').pop()!;
		await owner.getByRole('link', { name: 'အထည်အလိပ်နှင့် အပ်ချုပ်' }).click();
		await owner.getByLabel('အထည်အလိပ်နှင့် အပ်ချုပ်').selectOption('sewing_machine_operation');
		await owner.getByLabel('ရောက်ရှိမည့် အဆင့်').selectOption('2');
		await owner.getByRole('button', { name: 'ကျွမ်းကျင်မှု ထည့်ရန်' }).click();
		await shown(owner.getByText('စက်ချုပ်ခြင်း', { exact: true }));
		await owner.getByRole('button', { name: 'စစ်ဆေးရန် တင်ရန်' }).click();
		await shown(owner.getByText('စီမံခန့်ခွဲသူကို စောင့်နေသည်'));

		// The administrator approves it; the organization opens it.
		await admin.goto('/admin');
		await admin.getByRole('link', { name: `Check ${title}` }).click();
		await shown(admin.getByText(meetingPoint, { exact: true }));
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));
		await owner.reload();
		await owner.getByRole('button', { name: 'သင်ယူသူများအတွက် ဖွင့်ရန်' }).click();
		await shown(owner.getByText('ဖွင့်ထားသည်', { exact: true }));

		// A sewing job needing machine sewing at the working level, posted elsewhere.
		const job = await openVettedRole(`အပ်ချုပ်ဆိုင် အကူ ${ownerName.slice(-4)}`, [
			{ skill: 'sewing_machine_operation', level: '2', need: 'required' }
		]);

		// Three spouses ask: two places, then the waitlist.
		const [first, second, third] = [await spouse(), await spouse(), await spouse()];
		const before = await score(first, job.id);
		await shown(first.getByText('အရည်အချင်း မပြည့်မီသေး', { exact: false }));
		for (const page of [first, second]) {
			await page.goto('/learn/trainings');
			await page.getByRole('link', { name: title }).click();
			await page.waitForURL(`**/learn/trainings/${trainingId}`);
			await page.getByRole('button', { name: 'နေရာ တောင်းရန်' }).click();
			await shown(page.getByRole('status').getByText(ASKED));
			await shown(page.getByText(meetingPoint));
		}
		await third.goto(`/learn/trainings/${trainingId}`);
		await third.getByRole('button', { name: 'စောင့်ဆိုင်းစာရင်းတွင် ဝင်ရန်' }).click();
		await shown(third.getByText('စောင့်ဆိုင်းစာရင်းတွင် သင်သည် နံပါတ် ၁ ဖြစ်သည်'));
		expect(await third.content()).not.toContain(meetingPoint);

		// The second withdraws; the third is offered the place and accepts it.
		await second.getByText('ဤသင်တန်းမှ ထွက်ရန်').click();
		await second.getByRole('button', { name: 'ဟုတ်ကဲ့၊ ထွက်မည်' }).click();
		await shown(second.getByRole('status').getByText('ဤသင်တန်းမှ သင် ထွက်လိုက်ပြီ။'));
		await third.goto(`/learn/trainings/${trainingId}`);
		await shown(third.getByText('နေရာ တစ်ခု လွတ်လာ၍ သင့်ကို ကမ်းလှမ်းထားသည်။'));
		await third.getByRole('button', { name: 'နေရာကို လက်ခံရန်' }).click();
		await shown(third.getByRole('status').getByText('နေရာသည် သင့်အတွက် ဖြစ်ပြီ။'));
		await shown(third.getByText(meetingPoint));

		// Attendance on the organization's phone: the first session online, the second offline.
		await owner.goto(`/org/trainings/${trainingId}/attendance`);
		const takes = owner.getByRole('link', { name: 'တက်ရောက်မှု မှတ်ရန်', exact: true });
		const sheets = owner.locator('main form fieldset');
		const marks = () =>
			storedRow<{ n: number }>(
				`select count(*) as n from training_attendance a join training_session s on s.id = a.session_id
				 where s.training_id = ? and a.mark = 'present'`,
				trainingId
			).n;
		await takes.first().click();
		await owner.waitForURL('**/attendance/*');
		expect(await sheets.count()).toBe(2);
		for (const n of [0, 1]) await sheets.nth(n).getByLabel('တက်ရောက်').check();
		await owner.getByRole('button', { name: 'တက်ရောက်မှု သိမ်းရန်' }).click();
		await shown(owner.getByText('၂ ဦးအတွက် သိမ်းပြီးပါပြီ။'));
		expect(marks()).toBe(2);
		await owner.goto(`/org/trainings/${trainingId}/attendance`);
		await takes.nth(1).click();
		await owner.waitForURL('**/attendance/*');
		for (const n of [0, 1]) await sheets.nth(n).getByLabel('တက်ရောက်').check();
		await owner.context().setOffline(true);
		await owner.getByRole('button', { name: 'တက်ရောက်မှု သိမ်းရန်' }).click();
		await shown(owner.getByText('မသိမ်းရသေးပါ', { exact: false }));
		expect(marks()).toBe(2);
		await owner.context().setOffline(false);
		await shown(owner.getByText('၂ ဦးအတွက် သိမ်းပြီးပါပြီ။'));
		expect(marks()).toBe(4);

		// Completion: both attended every session.
		await owner.goto(`/org/trainings/${trainingId}/completion`);
		await owner.getByLabel('တက်ရောက်မှုကို စစ်ပြီးပါပြီ', { exact: false }).check();
		await owner.getByRole('button', { name: 'သင်တန်း ပြီးဆုံးကြောင်း မှတ်ရန်' }).click();
		await shown(owner.getByText('လက်မှတ် ၂ ခု ထုတ်ပေးပြီး', { exact: false }));
		expect(ownerErrors).toEqual(['Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);

		// Each participant: a certificate anyone can check, the skill confirmed, the job higher.
		for (const page of [first, third]) {
			await page.goto('/learn/certificates');
			const certificate = page.getByRole('link', { name: title });
			await shown(certificate);
			const code = (await certificate.getAttribute('href'))!.split('/').pop()!;
			const verify = await (await new Client('en').request(`/verify/${code}`)).text();
			expect(verify).toContain(orgName);
			expect(verify).toContain('Training:');
			await page.goto('/learn/profile');
			await shown(page.getByText(`လက်တွေ့သင်တန်း - ${title}`, { exact: false }));
		}
		const after = await score(first, job.id);
		expect(after).toBeGreaterThan(before);
		await shown(first.getByText('သင် အရည်အချင်း ပြည့်မီသည်'));
		expect(await score(third, job.id)).toBe(after);
		// The one who withdrew has no certificate.
		await second.goto('/learn/certificates');
		expect(await second.getByRole('link', { name: title }).count()).toBe(0);
	}, 240_000);
});
