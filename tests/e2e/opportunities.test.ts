/**
 * The whole path: an organization applies and is vetted, posts a role that an
 * administrator approves; a former medic sees it ranked first with reasons, and a learner who
 * lacks a skill sees the course that closes the gap.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { Client, consoleErrors, launch, openVettedRole, phone, shown, signUpInBrowser, uniqueName } from './support';
import { QUOTAS } from '$lib/server/quotas';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('opportunities', () => {
	it('ranks a vetted role first for a former medic, with reasons, and shows a learner the course that closes the gap', async () => {
		const title = `ဆေးခန်း ကူညီသူ ${uniqueName('r')}`;
		const { id: roleId, org } = await openVettedRole(title);

		// A former medic: skills from the crosswalk, Thai added, area and time given.
		const page = await (await phone(browser)).newPage();
		const errors = consoleErrors(page);
		const medicName = uniqueName('medic');
		await signUpInBrowser(page, medicName, 'skills from the clinic');
		await page.goto('/learn/profile?from=medical_corps');
		await page.getByRole('button', { name: 'ဤကျွမ်းကျင်မှုများကို သိမ်းရန်' }).click();
		await shown(page.getByText('သင့် ကျွမ်းကျင်မှုများကို သိမ်းပြီးပါပြီ။'));
		await page.goto('/learn/profile?group=languages');
		await page.locator('select[name="level_thai"]').selectOption('1');
		await page.getByRole('button', { name: 'ကျွန်ုပ်၏ အဆင့်များကို သိမ်းရန်' }).click();
		await shown(page.getByText('သင့် ကျွမ်းကျင်မှုများကို သိမ်းပြီးပါပြီ။'));
		await page.getByLabel('သင် ရှိသည့်နေရာ (နယ်မြေ အကြမ်းဖျင်းသာ)').selectOption('mae_sot');
		await page.getByLabel('စေတနာ့ဝန်ထမ်းအဖြစ်').check();
		await page.getByLabel(/^စိစစ်ပြီး အဖွဲ့များ/).check();
		await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).click();
		await shown(page.getByText(/^သိမ်းပြီးပါပြီ။ ပရိုဖိုင်ကို/));

		await page.getByRole('navigation', { name: 'ပင်မ' }).getByRole('link', { name: 'အခွင့်အလမ်း' }).click();
		const first = page.locator('ol > li').first();
		await shown(first.getByRole('link', { name: title }));
		await shown(first.getByText('သင် အရည်အချင်း ပြည့်မီသည်'));
		await shown(first.getByText('လိုအပ်သော ကျွမ်းကျင်မှု 2 ခုအနက် 2 ခု သင့်တွင် ရှိသည်။'));
		await shown(first.getByText('သင့်နယ်မြေတွင် ဖြစ်သည်။'));
		expect(await axeViolations(page)).toEqual([]);
		await first.getByRole('link', { name: title }).click();
		await shown(page.getByRole('heading', { level: 1, name: title }));
		await shown(page.getByText('ဒဏ်ရာ ကုသရာတွင် ကူညီရန်'));

		// The medic applies with a message; the organization accepts; both see the history.
		await page.getByLabel('စာ (မဖြစ်မနေ မလို)').fill('ဆေးတပ်တွင် ခြောက်နှစ် လုပ်ခဲ့သည်။');
		await page.getByRole('button', { name: 'လျှောက်ထားရန်', exact: true }).click();
		await page.waitForURL('**/learn/applications/*');
		await shown(page.getByText('ပို့ပြီး', { exact: true }).first());
		const applicationId = new URL(page.url()).pathname.split('/').pop()!;
		const list = await (await org.request(`/org/roles/${roleId}/applications`)).text();
		expect(list).toContain(`/org/applications/${applicationId}`);
		expect(list).not.toContain(medicName);
		// The new application is news for the organization until someone of it opens it.
		expect(list).toContain('class="badge new"');
		expect((await org.post(`/org/applications/${applicationId}?/decide`, { decision: 'accept', note: 'Welcome: the clinic will message you here.' })).status).toBe(200);
		expect(await (await org.request(`/org/roles/${roleId}/applications`)).text()).not.toContain('class="badge new"');
		// The decision is news for the learner: a badge on the menu until the application is opened.
		await page.goto('/learn');
		await page.getByRole('link', { name: 'အသစ် 1 ခု' }).click();
		await page.waitForURL('**/learn/applications');
		await shown(page.getByText('အသစ်', { exact: true }));
		await page.getByRole('link', { name: title }).click();
		await page.waitForURL(`**/learn/applications/${applicationId}`);
		await shown(page.getByRole('link', { name: 'လျှောက်လွှာ', exact: true }));
		await shown(page.getByText('လက်ခံသည်', { exact: true }).first());
		await shown(page.getByText('Welcome: the clinic will message you here.'));
		expect(await page.getByRole('button', { name: 'လျှောက်လွှာကို ရုပ်သိမ်းရန်' }).count()).toBe(0);
		// A text thread: the organization writes, the learner answers on the page.
		expect((await org.post(`/org/applications/${applicationId}?/message`, { body: 'Can you start on Monday?' })).status).toBe(200);
		await page.reload();
		await shown(page.getByText('Can you start on Monday?'));
		await page.getByLabel('စာ ရေးရန်').fill('တနင်္လာနေ့ စနိုင်ပါသည်။');
		await page.getByRole('button', { name: 'ပို့ရန်' }).click();
		await shown(page.getByText('တနင်္လာနေ့ စနိုင်ပါသည်။'));
		expect(await (await org.request(`/org/applications/${applicationId}`)).text()).toContain('တနင်္လာနေ့ စနိုင်ပါသည်။');

		// After working together, the organization endorses first aid; the medic's profile shows it.
		expect((await org.post(`/org/applications/${applicationId}?/endorse`, { skill: 'first_aid', level: '3' })).status).toBe(200);
		await page.goto('/learn/profile');
		await shown(page.getByText(/က ထောက်ခံသည် \(သင်ပေးနိုင်\)/));
		expect(errors).toEqual([]);

		// A learner without Thai: not yet eligible, and pointed to the Thai course.
		const other = await (await phone(browser)).newPage();
		await signUpInBrowser(other, uniqueName('spouse'), 'learning thai slowly');
		await other.goto('/learn/profile?group=health');
		await other.locator('select[name="level_first_aid"]').selectOption('2');
		await other.getByRole('button', { name: 'ကျွန်ုပ်၏ အဆင့်များကို သိမ်းရန်' }).click();
		await shown(other.getByText('သင့် ကျွမ်းကျင်မှုများကို သိမ်းပြီးပါပြီ။'));
		await other.goto(`/learn/opportunities/${roleId}`);
		await shown(other.getByText('အရည်အချင်း မပြည့်မီသေး'));
		await shown(other.getByText(/မရှိသေးသည် - ထိုင်းစကား, အခြေခံ/));
		await other.getByRole('link', { name: 'အရည်အချင်း ပြည့်မီရန် “မဲဆောက်အတွက် ထိုင်းစကား” ကို တက်ပါ။' }).click();
		await other.waitForURL('**/learn/courses/thai-for-mae-sot');
		// The organization sees the medic among its ranked candidates, by a pseudonym only.
		const candidates = await (await org.request(`/org/roles/${roleId}/candidates`)).text();
		expect(candidates).toContain('Has 2 of 2 required skills.');
		expect(candidates).not.toContain(medicName);
		await page.context().close();
		await other.context().close();
	});

	it('refuses a learner’s message past the day’s quota with a translated 429, and keeps none of it', async () => {
		const { id: roleId } = await openVettedRole(uniqueName('Quota role'));
		const learner = new Client('my');
		expect((await learner.signUp(uniqueName('writer'))).status).toBe(200);
		const applied = await learner.post(`/learn/opportunities/${roleId}?/apply`, { message: '' });
		expect(applied.status).toBe(303);
		const path = `${applied.headers.get('location')}?/message`;
		for (let i = 0; i < QUOTAS.messages; i++) expect((await learner.post(path, { body: `message ${i}` })).status).toBe(200);
		const over = await learner.post(path, { body: 'one more' }, { headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
		const result = JSON.parse(await over.text());
		expect(result).toMatchObject({ type: 'failure', status: 429 });
		expect(JSON.parse(result.data)).toContain('ယနေ့ စာ အများအပြား ပို့ပြီးပါပြီ။ ၂၄ နာရီခန့်အကြာတွင် ထပ်ရေးပါ။');
		const page = await learner.request(applied.headers.get('location')!);
		expect(await page.text()).not.toContain('one more');
	});
});

