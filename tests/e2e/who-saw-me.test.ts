/**
 * "Who viewed my profile": an organization opens a learner's application, sees the profile the
 * learner lets it see (or a note that it is kept private), and the learner then finds the
 * organization's name on their own page. A learner nobody looked at finds nobody.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
	baseUrl,
	Client,
	consoleErrors,
	launch,
	openVettedRole,
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

describe('who viewed my profile', () => {
	it('lists the organization that opened the application, and only for that learner', async () => {
		const title = `ဆေးခန်း ကူညီသူ ${uniqueName('w')}`;
		const { id: roleId, org, orgName } = await openVettedRole(title);

		// A learner with first aid, visible only to organizations they apply to, applies.
		const page = await (await phone(browser)).newPage();
		const errors = consoleErrors(page);
		const learnerName = uniqueName('seen');
		await signUpInBrowser(page, learnerName, 'who looked at me');
		await page.goto('/learn/profile?group=health');
		await page.locator('select[name="level_first_aid"]').selectOption('2');
		await page.getByRole('button', { name: 'ကျွန်ုပ်၏ အဆင့်များကို သိမ်းရန်' }).click();
		await shown(page.getByText('သင့် ကျွမ်းကျင်မှုများကို သိမ်းပြီးပါပြီ။'));
		await page.getByLabel('သင် ရှိသည့်နေရာ (နယ်မြေ အကြမ်းဖျင်းသာ)').selectOption('mae_sot');
		await page.getByLabel('ကျွန်ုပ် လျှောက်ထားသော အခွင့်အလမ်းများ၏ အဖွဲ့များသာ').check();
		// Showing the profile to more organizations asks for the password.
		await typeInto(page.getByLabel('စကားဝှက် (ပရိုဖိုင်ကို ပိုမြင်စေမှသာ လိုသည်)'), 'who looked at me');
		await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).click();
		await shown(page.getByText(/^သိမ်းပြီးပါပြီ။ ပရိုဖိုင်ကို/));
		await page.goto(`/learn/opportunities/${roleId}`);
		await page.getByRole('button', { name: 'လျှောက်ထားရန်', exact: true }).click();
		await page.waitForURL('**/learn/applications/*');
		const applicationId = new URL(page.url()).pathname.split('/').pop()!;

		// Nobody has looked yet.
		await page.goto('/learn/profile');
		await page.getByRole('link', { name: 'ကျွန်ုပ်၏ ပရိုဖိုင်ကို မည်သူ ကြည့်ခဲ့သနည်း' }).click();
		await page.waitForURL('**/learn/privacy');
		await shown(page.getByText('သင့်ပရိုဖိုင်ကို မည်သူမျှ မကြည့်ရသေးပါ။'));

		// The organization opens the application: the profile the learner allows, never the name.
		const opened = await (await org.request(`/org/applications/${applicationId}`)).text();
		expect(opened).toContain('The learner’s profile');
		expect(opened).toContain('First aid');
		expect(opened).toContain('Mae Sot area');
		expect(opened).toContain('The learner can see that your organization opened this page');
		expect(opened).not.toContain(learnerName);

		// The learner sees the organization's name, what it saw, and no member's name.
		await page.reload();
		await shown(page.getByRole('heading', { level: 1, name: 'ကျွန်ုပ်၏ ပရိုဖိုင်ကို မည်သူ ကြည့်ခဲ့သနည်း' }));
		const line = page.getByRole('listitem').filter({ hasText: orgName });
		await shown(line);
		await shown(line.getByText('သင့်ပရိုဖိုင် · သင့်လျှောက်လွှာ · သင့်စာများ'));
		expect(await axeViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();

		// A learner who keeps the profile hidden: the organization reads only that it is private.
		const quiet = new Client('en');
		expect((await quiet.signUp(uniqueName('quiet'))).status).toBe(200);
		const applied = await quiet.post(`/learn/opportunities/${roleId}?/apply`, { message: '' });
		expect(applied.status).toBe(303);
		const quietPage = await (
			await org.request(applied.headers.get('location')!.replace('/learn/', '/org/'))
		).text();
		expect(quietPage).toContain('This learner keeps their profile private');
		expect(quietPage).not.toContain('First aid');
		const quietViews = await (await quiet.request('/learn/privacy')).text();
		expect(quietViews).toContain(orgName);
		// A hidden profile was not shown, so it was not seen.
		expect(quietViews).toContain('your application · your messages');
		expect(quietViews).not.toContain('your profile ·');

		// A learner nobody looked at sees nobody: never another learner's entries.
		const other = new Client('en');
		expect((await other.signUp(uniqueName('unseen'))).status).toBe(200);
		const otherViews = await (await other.request('/learn/privacy')).text();
		expect(otherViews).toContain('Nobody has viewed your profile yet.');
		expect(otherViews).not.toContain(orgName);
	});

	it('records a candidates list as a view only of the learners it shows: those who hold a required skill, or reach the score the page states', async () => {
		const title = `ဆေးခန်း ကူညီသူ ${uniqueName('c')}`;
		const { id: roleId, org, orgName } = await openVettedRole(title);

		// Two learners in Mae Sot, free full time, visible to vetted organizations: a medic with
		// basic first aid, and a tailor with sewing alone.
		const medic = await (await phone(browser)).newPage();
		const errors = consoleErrors(medic);
		await signUpInBrowser(medic, uniqueName('basicmedic'), 'first aid learnt');
		await medic.goto('/learn/profile?group=health#by-group');
		await medic.getByLabel('ရှေးဦးသူနာပြုစုခြင်း', { exact: true }).selectOption({ label: 'အခြေခံ' });
		await medic.getByRole('button', { name: 'ကျွန်ုပ်၏ အဆင့်များကို သိမ်းရန်' }).tap();
		await shown(medic.getByText('သင့် ကျွမ်းကျင်မှုများကို သိမ်းပြီးပါပြီ။'));
		await showToOrganizations(medic, 'first aid learnt');
		const tailor = await (await phone(browser)).newPage();
		await signUpInBrowser(tailor, uniqueName('tailor'), 'sewing at home');
		await tailor.goto('/learn/profile?from=sewing#suggested');
		await tailor
			.getByRole('group')
			.filter({ has: tailor.getByRole('radio') })
			.first()
			.locator('label')
			.filter({ hasText: /^သင်ပေးနိုင်$/ })
			.tap();
		await tailor.getByRole('button', { name: 'ကျွန်ုပ် ရွေးထားသည်များကို သိမ်းရန်' }).tap();
		await shown(tailor.getByText(/^သိမ်းပြီးပါပြီ။ ဤကျွမ်းကျင်မှုများအနက် ၁ ခု/));
		await showToOrganizations(tailor, 'sewing at home');

		// A member of the organization opens the role's candidates on a phone: the page states the rule.
		const member = await orgPhone(org);
		await member.goto(`/org/roles/${roleId}/candidates`);
		await shown(member.getByText(/^ဤအခွင့်အလမ်းအတွက် လိုအပ်သော ကျွမ်းကျင်မှုများအနက် အနည်းဆုံး တစ်ခုကို/));
		expect(await axeViolations(member)).toEqual([]);
		// The medic is listed (not yet eligible), so sees the organization; the tailor is not, and does not.
		await medic.goto('/learn/privacy');
		await shown(medic.getByRole('listitem').filter({ hasText: orgName }).getByText('သင့်ပရိုဖိုင်'));
		await tailor.goto('/learn/privacy');
		await shown(tailor.getByText('သင့်ပရိုဖိုင်ကို မည်သူမျှ မကြည့်ရသေးပါ။'));
		expect(await tailor.getByText(orgName).count()).toBe(0);

		// A role that requires no skill lists by score, and says which: the tailor fits its place and time.
		const open = await openVettedRole(`အပ်ချုပ် သင်တန်း ${uniqueName('t')}`, []);
		const second = await orgPhone(open.org);
		await second.goto(`/org/roles/${open.id}/candidates`);
		await shown(
			second.getByText(/^ဤအခွင့်အလမ်းသည် မည်သည့် ကျွမ်းကျင်မှုကိုမျှ မဖြစ်မနေ မလိုအပ်သဖြင့် ကိုက်ညီမှု ၁၀၀ တွင် အနည်းဆုံး ၁၀၀ ရှိသော/)
		);
		await tailor.reload();
		await shown(tailor.getByRole('listitem').filter({ hasText: open.orgName }).getByText('သင့်ပရိုဖိုင်'));
		expect(errors).toEqual([]);
		for (const page of [medic, tailor, member, second]) await page.context().close();
	});
});

/** Saves area Mae Sot, full time, and "visible to vetted organizations" on the profile page. */
async function showToOrganizations(page: Page, password: string) {
	await page.goto('/learn/profile#details');
	await page.getByLabel('သင် ရှိသည့်နေရာ (နယ်မြေ အကြမ်းဖျင်းသာ)').selectOption('mae_sot');
	await page.getByLabel('အချိန်ပြည့်').check();
	await page.getByLabel(/^စိစစ်ပြီး အဖွဲ့များ/).check();
	await typeInto(page.getByLabel('စကားဝှက် (ပရိုဖိုင်ကို ပိုမြင်စေမှသာ လိုသည်)'), password);
	await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).tap();
	await shown(page.getByText(/^သိမ်းပြီးပါပြီ။ ပရိုဖိုင်ကို/));
}

/** A phone signed in as the organization member `client` is (its session cookie). */
async function orgPhone(client: Client): Promise<Page> {
	const context = await phone(browser);
	const [name, value] = client.cookie.split(/=(.*)/s);
	await context.addCookies([{ name, value, url: baseUrl() }]);
	return context.newPage();
}
