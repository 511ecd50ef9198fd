/**
 * After the places: the organization takes attendance on its phone at 360 px (the sheet kept on
 * the page while the phone has no connection, then sent by itself), also without JavaScript;
 * completes the training with the share it types; the participant who attended enough gets a
 * certificate anyone can check at /verify and the skill confirmed by the organization, and a
 * sewing job then ranks her higher; the other does not. Messages: a thread per participant, a
 * notice to all, and a learner's mute.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	adminClient,
	Client,
	consoleErrors,
	launch,
	openVettedRole,
	shown,
	signedIn,
	storedRow,
	typeInto,
	uniqueName
} from './support';
import { openTrainingOnServer } from './trainings-support';

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

/** Today's day as the server counts it (UTC): both sessions are today, so it can be completed now. */
const today = new Date().toISOString().slice(0, 10);

async function pageOf(client: Client, javaScriptEnabled = true): Promise<Page> {
	const context = await signedIn(browser, client, { javaScriptEnabled });
	contexts.push(context);
	return context.newPage();
}

const marks = (trainingId: string) =>
	storedRow<{ n: number }>(
		`select count(*) as n from training_attendance a join training_session s on s.id = a.session_id
		 where s.training_id = ?`,
		trainingId
	).n;

describe("a training's cohort", () => {
	it('attendance on a phone that loses its connection, completion, certificates and the skill that ranks a job higher', async () => {
		const training = await openTrainingOnServer(2, {
			titleMy: 'စက်ချုပ် သင်တန်း',
			titleEn: 'Machine sewing',
			sessions: [
				{ startsAt: `${today}T09:00`, endsAt: `${today}T12:00` },
				{ startsAt: `${today}T13:00`, endsAt: `${today}T16:00` }
			],
			skills: [{ id: 'sewing_machine_operation', level: 2 }]
		});
		const org = new Client('my');
		expect(
			(await org.signIn(training.orgName.replace(/ org$/, ''), 'authors write well')).status
		).toBe(303);
		const [ma, su] = [new Client('my'), new Client('my')];
		for (const learner of [ma, su]) {
			expect((await learner.signUp(uniqueName('cohort'))).status).toBe(200);
			expect((await learner.post(`/learn/trainings/${training.id}?/ask`, {})).status).toBe(200);
		}
		const job = await openVettedRole('အပ်ချုပ်ဆိုင် အကူ', [
			{ skill: 'sewing_machine_operation', level: '2', need: 'required' }
		]);
		const rolePage = async (learner: Client) =>
			(await learner.request(`/learn/opportunities/${job.id}`)).text();
		expect(await rolePage(ma)).toContain('အရည်အချင်း မပြည့်မီသေး');

		// The first session, with JavaScript: Ma present, Su absent.
		const page = await pageOf(org);
		const errors = consoleErrors(page);
		await page.goto(`/org/trainings/${training.id}/attendance`);
		await shown(page.getByRole('heading', { name: 'တက်ရောက်မှု' }));
		const takes = page.getByRole('link', { name: 'တက်ရောက်မှု မှတ်ရန်', exact: true });
		expect(
			await takes.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))
		).toHaveLength(2);
		await takes.first().click();
		await page.waitForURL(`**/attendance/*`);
		const sheets = page.locator('main form fieldset');
		expect(await sheets.count()).toBe(2);
		await sheets.nth(0).getByLabel('တက်ရောက်').check();
		await sheets.nth(1).getByLabel('ပျက်ကွက်').check();
		await page.getByRole('button', { name: 'တက်ရောက်မှု သိမ်းရန်' }).click();
		await shown(page.getByText('၂ ဦးအတွက် သိမ်းပြီးပါပြီ။'));
		expect(marks(training.id)).toBe(2);

		// The second session, taken while the phone has no connection: kept on the page, then sent.
		await page.goto(`/org/trainings/${training.id}/attendance`);
		await takes.nth(1).click();
		await page.waitForURL(`**/attendance/*`);
		await sheets.nth(0).getByLabel('တက်ရောက်').check();
		await sheets.nth(1).getByLabel('ခွင့်ယူ').check();
		await page.context().setOffline(true);
		await page.getByRole('button', { name: 'တက်ရောက်မှု သိမ်းရန်' }).click();
		await shown(page.getByText('မသိမ်းရသေးပါ', { exact: false }));
		expect(marks(training.id)).toBe(2);
		expect(await sheets.nth(1).getByLabel('ခွင့်ယူ').isChecked()).toBe(true);
		await page.context().setOffline(false);
		await shown(page.getByText('၂ ဦးအတွက် သိမ်းပြီးပါပြီ။'));
		expect(marks(training.id)).toBe(4);

		// Completing at 100%: Su was absent from one session and excused from the other, so 0%.
		await page.goto(`/org/trainings/${training.id}/completion`);
		const share = page.getByLabel('ပြီးဆုံးရန် တက်ရောက်ရမည့် သင်တန်းချိန် အချိုး (ရာခိုင်နှုန်း)');
		await share.press('Control+a');
		await share.press('Backspace');
		await typeInto(share, '100');
		await page.getByLabel('တက်ရောက်မှုကို စစ်ပြီးပါပြီ', { exact: false }).check();
		await page.getByRole('button', { name: 'သင်တန်း ပြီးဆုံးကြောင်း မှတ်ရန်' }).click();
		await shown(page.getByText('လက်မှတ် ၁ ခု ထုတ်ပေးပြီး ၁ ဦး', { exact: false }));
		// The one failed request is the save sent while the phone had no connection.
		expect(errors).toEqual(['Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);

		// Ma's certificate, checked by anyone; her skill, confirmed by the organization; the job.
		const held = storedRow<{ code: string }>(
			'select code from training_certificate where training_id = ?',
			training.id
		);
		const verify = await (await new Client('en').request(`/verify/${held.code}`)).text();
		expect(verify).toContain('Training: Machine sewing, given by');
		expect(verify).toContain(training.orgName);
		const certificates = await (await ma.request('/learn/certificates')).text();
		expect(certificates).toContain('စက်ချုပ် သင်တန်း');
		const profile = await (await ma.request('/learn/profile')).text();
		expect(profile).toContain('လက်တွေ့သင်တန်း - စက်ချုပ် သင်တန်း');
		expect(await rolePage(ma)).toContain('သင် အရည်အချင်း ပြည့်မီသည်');
		expect(await rolePage(su)).toContain('အရည်အချင်း မပြည့်မီသေး');
		expect(
			storedRow<{ n: number }>(
				'select count(*) as n from training_certificate where training_id = ?',
				training.id
			).n
		).toBe(1);
	});

	it('a session marked without JavaScript, and a refused sheet keeps what was chosen', async () => {
		const training = await openTrainingOnServer(1, {
			sessions: [{ startsAt: `${today}T09:00`, endsAt: `${today}T12:00` }]
		});
		const org = new Client('my');
		await org.signIn(training.orgName.replace(/ org$/, ''), 'authors write well');
		const learner = new Client('my');
		await learner.signUp(uniqueName('nojs'));
		await learner.post(`/learn/trainings/${training.id}?/ask`, {});
		const page = await pageOf(org, false);
		await page.goto(`/org/trainings/${training.id}/attendance`);
		await page.getByRole('link', { name: 'တက်ရောက်မှု မှတ်ရန်' }).click();
		// Nothing chosen: refused in words, nothing written.
		await page.getByRole('button', { name: 'တက်ရောက်မှု သိမ်းရန်' }).click();
		await shown(page.getByText('အနည်းဆုံး တစ်ဦးအတွက်', { exact: false }));
		expect(marks(training.id)).toBe(0);
		await page.locator('main form fieldset').getByLabel('တက်ရောက်').check();
		await page.getByRole('button', { name: 'တက်ရောက်မှု သိမ်းရန်' }).click();
		await shown(page.getByText('၁ ဦးအတွက် သိမ်းပြီးပါပြီ။'));
		expect(marks(training.id)).toBe(1);
		expect(await page.locator('main form fieldset').getByLabel('တက်ရောက်').isChecked()).toBe(true);
	});

	it('a thread per participant, a notice to all, and a learner who mutes it', async () => {
		const training = await openTrainingOnServer(2, {
			sessions: [{ startsAt: `${today}T09:00`, endsAt: `${today}T12:00` }]
		});
		const org = new Client('my');
		await org.signIn(training.orgName.replace(/ org$/, ''), 'authors write well');
		const [ma, su] = [new Client('my'), new Client('my')];
		for (const learner of [ma, su]) {
			await learner.signUp(uniqueName('thread'));
			await learner.post(`/learn/trainings/${training.id}?/ask`, {});
		}
		const maPage = await pageOf(ma);
		await maPage.goto(`/learn/trainings/${training.id}/messages`);
		await typeInto(maPage.getByLabel('စာ ရေးရန်'), 'ကလေး ခေါ်လာလို့ ရလား');
		await maPage.getByRole('button', { name: 'ပို့ရန်' }).click();
		await shown(maPage.getByText('ကလေး ခေါ်လာလို့ ရလား'));

		const orgPage = await pageOf(org);
		await orgPage.goto(`/org/trainings/${training.id}/messages`);
		await shown(orgPage.getByText('အသစ်'));
		await typeInto(orgPage.getByLabel('အသိပေးချက်', { exact: true }), 'ဒုတိယနေ့ ဆယ်နာရီ စမည်');
		await orgPage.getByRole('button', { name: 'တက်ရောက်သူ အားလုံးထံ ပို့ရန်' }).click();
		await shown(orgPage.getByText('တက်ရောက်သူ အားလုံးထံ ပို့ပြီးပါပြီ။'));

		// Su mutes: the notice makes no news for her; Ma sees it marked as a notice to all.
		expect(
			(await su.post(`/learn/trainings/${training.id}/messages?/mute`, { change: 'mute' })).status
		).toBe(200);
		expect(await (await su.request(`/learn/trainings/${training.id}`)).text()).not.toContain(
			'class="badge"'
		);
		expect(await (await ma.request(`/learn/trainings/${training.id}`)).text()).toContain(
			'class="badge"'
		);
		await maPage.goto(`/learn/trainings/${training.id}/messages`);
		await shown(maPage.getByText('ဒုတိယနေ့ ဆယ်နာရီ စမည်'));
		await shown(maPage.getByText('တက်ရောက်သူ အားလုံးသို့ အသိပေးချက်'));
		// Another learner never reads it.
		const stranger = new Client('my');
		await stranger.signUp(uniqueName('stranger'));
		expect((await stranger.request(`/learn/trainings/${training.id}/messages`)).status).toBe(404);
	});
});

describe('places asked for at once', () => {
	it('50 learners asking together over HTTP for 12 places: 12 hold one, 38 wait in one order, each told where', async () => {
		const training = await openTrainingOnServer(12);
		const learners: Client[] = [];
		for (let i = 0; i < 50; i++) {
			const learner = new Client('en');
			expect((await learner.signUp(uniqueName('crowd'))).status).toBe(200);
			learners.push(learner);
		}
		const answers = await Promise.all(
			learners.map((l) => l.post(`/learn/trainings/${training.id}?/ask`, {}))
		);
		expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
		const states = storedRow<{ holding: number; waiting: number; rows: number }>(
			`select sum(state = 'holding') as holding, sum(state = 'waiting') as waiting,
			 count(*) as rows from training_place where training_id = ?`,
			training.id
		);
		expect(states).toEqual({ holding: 12, waiting: 38, rows: 50 });
		// Each one waiting reads a different turn, 1 to 38.
		const turns: number[] = [];
		for (const learner of learners) {
			const page = await (await learner.request(`/learn/trainings/${training.id}`)).text();
			const turn = /You are number (\d+) in line/.exec(page);
			if (turn) turns.push(Number(turn[1]));
		}
		expect(turns.sort((a, b) => a - b)).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
		// Asking again changes nothing.
		expect((await learners[0].post(`/learn/trainings/${training.id}?/ask`, {})).status).toBe(409);
		expect(
			storedRow<{ n: number }>(
				'select count(*) as n from training_place where training_id = ?',
				training.id
			).n
		).toBe(50);
	});
});

describe('the example training', () => {
	it('is shown to a learner as an example with no place to ask, and an administrator removes it for good', async () => {
		const example = storedRow<{ id: string; title_my: string } | undefined>(
			'select id, title_my from training where example = 1'
		);
		expect(example, 'the starter data made the example on the first start').toBeTruthy();
		const learner = new Client('my');
		await learner.signUp(uniqueName('example'));
		const page = await pageOf(learner);
		await page.goto(`/learn/trainings/${example!.id}`);
		await shown(page.getByText('ဤသည်မှာ လက်တွေ့သင်တန်း တစ်ခု မည်သို့ ပေါ်မည်ကို ပြသော ဥပမာ', { exact: false }));
		expect(await page.getByRole('button', { name: /နေရာ တောင်း|စောင့်ဆိုင်း/ }).count()).toBe(0);
		expect((await learner.post(`/learn/trainings/${example!.id}?/ask`, {})).status).toBe(409);
		await page.goto('/learn/trainings');
		await shown(page.getByText('ဥပမာ၊ အစစ်အမှန် သင်တန်း မဟုတ်ပါ'));

		const admin = await adminClient('my', 'exampleadmin');
		const adminPage = await pageOf(admin);
		await adminPage.goto('/admin/trainings');
		await adminPage.getByRole('link', { name: `ဥပမာ သင်တန်း - ${example!.title_my}` }).click();
		await adminPage.waitForURL(`**/admin/trainings/${example!.id}`);
		await adminPage.getByText('ဥပမာကို ဖယ်ရှားရန်').click();
		await adminPage.getByRole('button', { name: 'ဟုတ်ကဲ့၊ ဖယ်ရှားမည်' }).click();
		await shown(adminPage.getByText('ဥပမာ သင်တန်းကို ဖယ်ရှားပြီးပါပြီ။'));
		expect(storedRow('select id from training where example = 1')).toBeUndefined();
		expect((await learner.request(`/learn/trainings/${example!.id}`)).status).toBe(404);
	});
});
