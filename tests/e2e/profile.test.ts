/** A learner's skills: from what they did before to confirmed skills, and who may see them. */
import Database from 'better-sqlite3';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import {
	Client,
	consoleErrors,
	launch,
	phone,
	shown,
	signUpInBrowser,
	typeInto,
	uniqueName
} from './support';
import { openMenu } from './screen';

let browser: Browser;

/** The skills a learner declared themselves, as stored. */
function selfSkills(username: string): { skill_id: string; level: number }[] {
	const db = new Database(inject('databasePath'), { readonly: true });
	try {
		return db
			.prepare(
				"select skill_id, level from user_skill join user on user.id = user_skill.user_id where user.username = ? and source = 'self' order by skill_id"
			)
			.all(username) as { skill_id: string; level: number }[];
	} finally {
		db.close();
	}
}

/**
 * Waits until the element's top is on the 740 px screen, below the sticky header (with "Leave
 * quickly"): where the person is looking. Fails after 5 s.
 */
async function inView(locator: Locator) {
	const where = async () => {
		const box = await locator.first().boundingBox();
		const bar = await locator.page().locator('header.top').boundingBox();
		return { top: box?.y ?? -1, barBottom: bar ? bar.y + bar.height : 0 };
	};
	const deadline = Date.now() + 5000;
	let seen = await where();
	while (!(seen.top >= seen.barBottom - 1 && seen.top + 20 <= 740) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		seen = await where();
	}
	expect(
		seen.top,
		'the element is hidden under the bar or above the screen'
	).toBeGreaterThanOrEqual(seen.barBottom - 1);
	expect(seen.top + 20, 'the element is below the screen').toBeLessThanOrEqual(740);
}

beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('my skills', () => {
	it('suggests the skills of "medical corps" unclaimed where the learner looks, stores only the levels tapped, and stays hidden until the learner chooses', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		const name = uniqueName('medic');
		await signUpInBrowser(page, name, 'skills from the clinic');
		await page.goto('/learn');
		await openMenu(page);
		await page
			.getByRole('navigation', { name: 'ပင်မ' })
			.getByRole('link', { name: 'ကျွမ်းကျင်မှု' })
			.click();
		await shown(page.getByRole('heading', { level: 1, name: 'ကျွန်ုပ်၏ ကျွမ်းကျင်မှုများ' }));
		await shown(page.getByText('ကျွမ်းကျင်မှု မရှိသေးပါ။', { exact: false }));
		expect(await axeViolations(page)).toEqual([]);

		// Choosing a background brings its suggestions where the person is looking.
		await page.getByRole('link', { name: /^ဆေးတပ်/ }).tap();
		const heading = page.getByRole('heading', { level: 3, name: /^ဆေးတပ်/ });
		await shown(heading);
		await inView(heading);
		await shown(page.getByText(/^သင် မရွေးမချင်း မည်သည့် ကျွမ်းကျင်မှုကိုမျှ/));
		expect(await axeViolations(page)).toEqual([]);
		// Every suggestion starts unclaimed; the level usual for the work is only a hint.
		const notMine = page.getByRole('radio', { name: 'ကျွန်ုပ်နှင့် မဆိုင်ပါ' });
		expect(await notMine.count()).toBeGreaterThanOrEqual(8);
		for (const radio of await notMine.all()) expect(await radio.isChecked()).toBe(true);
		const firstAid = page.getByRole('group', { name: 'ရှေးဦးသူနာပြုစုခြင်း', exact: true });
		await shown(firstAid.getByText('ဤအလုပ် လုပ်ခဲ့သူများတွင် များသောအားဖြင့် - လုပ်ကိုင်နိုင်'));

		// One tap on save claims nothing, and says so beside the button.
		await page.getByRole('button', { name: 'ကျွန်ုပ် ရွေးထားသည်များကို သိမ်းရန်' }).tap();
		const none = page.getByText(/^ဤကျွမ်းကျင်မှုများအနက် တစ်ခုကိုမျှ မရွေးထားသဖြင့်/);
		await shown(none);
		await inView(none);
		expect(selfSkills(name)).toEqual([]);

		// The learner taps the level of the two skills they have, one below the usual level.
		await firstAid
			.locator('label')
			.filter({ hasText: /^သင်ပေးနိုင်$/ })
			.tap();
		await page
			.getByRole('group', { name: /^လူနာကို အရေးကြီးမှုအလိုက် ခွဲခြားခြင်း/ })
			.locator('label')
			.filter({ hasText: /^အခြေခံ$/ })
			.tap();
		await page.getByRole('button', { name: 'ကျွန်ုပ် ရွေးထားသည်များကို သိမ်းရန်' }).tap();
		const saved = page.getByText('သိမ်းပြီးပါပြီ။ ဤကျွမ်းကျင်မှုများအနက် ၂ ခုသည် ယခု သင့်ပရိုဖိုင်တွင် ရှိသည်။');
		await shown(saved);
		await inView(saved);
		expect(selfSkills(name)).toEqual([
			{ skill_id: 'first_aid', level: 3 },
			{ skill_id: 'triage', level: 1 }
		]);
		await page.reload();
		const mine = page.getByRole('region', { name: 'ကျွန်ုပ်၏ ကျွမ်းကျင်မှုများ' });
		await shown(mine.getByText('ရှေးဦးသူနာပြုစုခြင်း'));
		await shown(mine.getByText('ကိုယ်တိုင် ပြောသည် (သင်ပေးနိုင်)').first());
		// Shown again, the list starts from what the learner chose.
		expect(await firstAid.getByRole('radio', { name: 'သင်ပေးနိုင်' }).isChecked()).toBe(true);

		const db = new Database(inject('databasePath'), { readonly: true });
		try {
			const userId = (
				db.prepare('select id from user where username = ?').get(name) as { id: string }
			).id;
			// What the learner did before is not kept anywhere: only skills.
			expect(
				JSON.stringify(db.prepare('select * from learner_profile where user_id = ?').all(userId))
			).not.toMatch(/medical/);
			expect(
				db.prepare('select visibility from learner_profile where user_id = ?').get(userId)
			).toBeUndefined();

			// For matching: an area and who may see it, saved at once.
			await page.getByLabel('သင် ရှိသည့်နေရာ (နယ်မြေ အကြမ်းဖျင်းသာ)').selectOption('mae_sot');
			await page.getByLabel('အချိန်ပိုင်း').check();
			await page.getByLabel(/^စိစစ်ပြီး အဖွဲ့များ/).check();
			// Showing the profile to organizations: first without the password, which is asked for.
			await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).click();
			await shown(page.getByText('ပရိုဖိုင်ကို အဖွဲ့အစည်းများ ပိုမြင်စေရန် စကားဝှက်ကို ရိုက်ထည့်ပါ။'));
			expect(
				db.prepare('select visibility from learner_profile where user_id = ?').get(userId)
			).toBeUndefined();
			await typeInto(page.getByLabel(/^စကားဝှက် \(ပရိုဖိုင်/), 'skills from the clinic');
			await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).click();
			await shown(page.getByText('သိမ်းပြီးပါပြီ။ ပရိုဖိုင်ကို မြင်နိုင်သူ ချက်ချင်း ပြောင်းသွားပြီ။'));
			expect(
				db
					.prepare('select area, visibility, availability from learner_profile where user_id = ?')
					.get(userId)
			).toEqual({ area: 'mae_sot', visibility: 'vetted', availability: '["part_time"]' });
		} finally {
			db.close();
		}
		expect(errors).toEqual([]);
		await context.close();
	});

	it('prints the background only on the profile, where the learner changes it; the home and account pages never', async () => {
		const name = uniqueName('soldier');
		const signUp = await new Client('my').post('/signup', {
			username: name,
			password: 'rice fields at dawn',
			kind: 'learner',
			background: 'former_soldier'
		});
		expect(signUp.status).toBe(200);
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		await page.goto('/signin');
		await typeInto(page.getByLabel('အသုံးပြုသူအမည်'), name);
		await typeInto(page.getByLabel('စကားဝှက်', { exact: true }), 'rice fields at dawn');
		await page.getByRole('button', { name: 'ဝင်မည်' }).click();
		await page.waitForURL('**/learn');
		// "Former soldier" nowhere (the catalogue's filter for courses meant for former soldiers and
		// police is not about the learner), nor in the data the pages carry.
		for (const path of [
			'/learn',
			'/account',
			'/learn/courses',
			'/learn/opportunities',
			'/learn/applications'
		]) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			const text = await page.locator('body').innerText();
			expect(text, path).not.toMatch(/စစ်သားဟောင်း(?!နှင့် ရဲဟောင်းများ)/);
			expect(text, path).not.toContain('နောက်ခံ');
			const data = await (await page.request.get(`${path}/__data.json`)).text();
			expect(data, path).not.toContain('former_soldier');
		}
		await openMenu(page);
		await page
			.getByRole('navigation', { name: 'ပင်မ' })
			.getByRole('link', { name: 'ကျွမ်းကျင်မှု' })
			.click();
		const choice = page.getByLabel('ကျွန်ုပ်၏ နောက်ခံ (မဖြည့်လည်း ရသည်)');
		await shown(choice);
		expect(await choice.inputValue()).toBe('former_soldier');
		await choice.selectOption('');
		await page.getByRole('button', { name: 'နောက်ခံကို သိမ်းရန်' }).click();
		await shown(page.getByText('သိမ်းပြီးပါပြီ။', { exact: true }));
		const db = new Database(inject('databasePath'), { readonly: true });
		expect(db.prepare('select background from user where username = ?').get(name)).toEqual({
			background: null
		});
		db.close();
		expect(errors).toEqual([]);
		await context.close();
	});

	it('works without JavaScript: the server renders the suggestions after the choice, and the answer, where the learner looks', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		const name = uniqueName('nojs');
		await signUpInBrowser(page, name, 'no script on this phone');
		await page.goto('/learn/profile');
		// A spouse who sewed at home.
		await page.getByRole('link', { name: 'အပ်ချုပ်ခြင်း', exact: true }).tap();
		await page.waitForURL(/\?from=sewing#suggested$/);
		const heading = page.getByRole('heading', { level: 3, name: 'အပ်ချုပ်ခြင်း' });
		await inView(heading);
		const notMine = page.getByRole('radio', { name: 'ကျွန်ုပ်နှင့် မဆိုင်ပါ' });
		expect(await notMine.count()).toBeGreaterThanOrEqual(3);
		for (const radio of await notMine.all()) expect(await radio.isChecked()).toBe(true);
		// The learner taps one level, for the first suggestion.
		const first = page
			.getByRole('group')
			.filter({ has: page.getByRole('radio', { name: 'ကျွန်ုပ်နှင့် မဆိုင်ပါ' }) })
			.first();
		const skill = (await first.locator('legend').innerText()).trim();
		await first
			.locator('label')
			.filter({ hasText: /^လုပ်ကိုင်နိုင်$/ })
			.tap();
		await page.getByRole('button', { name: 'ကျွန်ုပ် ရွေးထားသည်များကို သိမ်းရန်' }).tap();
		await page.waitForURL(/#crosswalk-answer$/);
		const saved = page.getByText('သိမ်းပြီးပါပြီ။ ဤကျွမ်းကျင်မှုများအနက် ၁ ခုသည် ယခု သင့်ပရိုဖိုင်တွင် ရှိသည်။');
		await shown(saved);
		await inView(saved);
		const stored = selfSkills(name);
		expect(stored.map((s) => s.level)).toEqual([2]);
		// The list is shown again, starting from what was chosen.
		expect(await first.getByRole('radio', { name: 'လုပ်ကိုင်နိုင်' }).isChecked()).toBe(true);
		expect(
			await page
				.getByRole('region', { name: 'ကျွန်ုပ်၏ ကျွမ်းကျင်မှုများ' })
				.getByText(skill, { exact: true })
				.count()
		).toBe(1);
		await context.close();
	});
});
