/** A learner's skills: from what they did before to confirmed skills, and who may see them. */
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { consoleErrors, launch, phone, shown, signUpInBrowser, typeInto, uniqueName } from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('my skills', () => {
	it('turns "medical corps" into skills the learner checks, stores only those, and stays hidden until the learner chooses', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		const name = uniqueName('medic');
		await signUpInBrowser(page, name, 'skills from the clinic');
		await page.goto('/learn');
		await page.getByRole('navigation', { name: 'ပင်မ' }).getByRole('link', { name: 'ကျွမ်းကျင်မှု' }).click();
		await shown(page.getByRole('heading', { level: 1, name: 'ကျွန်ုပ်၏ ကျွမ်းကျင်မှုများ' }));
		await shown(page.getByText('ကျွမ်းကျင်မှု မရှိသေးပါ။', { exact: false }));
		expect(await axeViolations(page)).toEqual([]);

		await page.getByRole('link', { name: /^ဆေးတပ်/ }).click();
		await shown(page.getByText(/ကျွမ်းကျင်မှုတစ်ခုချင်းကို စစ်ပါ/));
		// Suggested levels come pre-set; the learner changes two.
		const firstAid = page.getByLabel('ရှေးဦးသူနာပြုစုခြင်း', { exact: true });
		expect(await firstAid.inputValue()).toBe('2');
		await firstAid.selectOption({ label: 'သင်ပေးနိုင်' });
		const triage = page.locator('select[name="level_triage"]');
		await triage.selectOption('0');
		await page.getByRole('button', { name: 'ဤကျွမ်းကျင်မှုများကို သိမ်းရန်' }).click();
		await shown(page.getByText('သင့် ကျွမ်းကျင်မှုများကို သိမ်းပြီးပါပြီ။'));
		await page.reload();
		const mine = page.getByRole('region', { name: 'ကျွန်ုပ်၏ ကျွမ်းကျင်မှုများ' });
		await shown(mine.getByText('ရှေးဦးသူနာပြုစုခြင်း'));
		await shown(mine.getByText('ကိုယ်တိုင် ပြောသည် (သင်ပေးနိုင်)').first());

		const db = new Database(inject('databasePath'), { readonly: true });
		try {
			const userId = (db.prepare('select id from user where username = ?').get(name) as { id: string }).id;
			const skills = db.prepare("select skill_id, level from user_skill where user_id = ? and source = 'self' order by skill_id").all(userId) as { skill_id: string; level: number }[];
			expect(skills).toContainEqual({ skill_id: 'first_aid', level: 3 });
			expect(skills.map((s) => s.skill_id)).not.toContain('triage');
			// What the learner did before is not kept anywhere: only skills.
			expect(JSON.stringify(db.prepare('select * from learner_profile where user_id = ?').all(userId))).not.toMatch(/medical/);
			expect(db.prepare('select visibility from learner_profile where user_id = ?').get(userId)).toBeUndefined();

			// For matching: an area and who may see it, saved at once.
			await page.getByLabel('သင် ရှိသည့်နေရာ (နယ်မြေ အကြမ်းဖျင်းသာ)').selectOption('mae_sot');
			await page.getByLabel('အချိန်ပိုင်း').check();
			await page.getByLabel(/^စိစစ်ပြီး အဖွဲ့များ/).check();
			// Showing the profile to organizations: first without the password, which is asked for.
			await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).click();
			await shown(page.getByText('ပရိုဖိုင်ကို အဖွဲ့အစည်းများ ပိုမြင်စေရန် စကားဝှက်ကို ရိုက်ထည့်ပါ။'));
			expect(db.prepare('select visibility from learner_profile where user_id = ?').get(userId)).toBeUndefined();
			await typeInto(page.getByLabel(/^စကားဝှက် \(ပရိုဖိုင်/), 'skills from the clinic');
			await page.getByRole('button', { name: 'သိမ်းရန်', exact: true }).click();
			await shown(page.getByText('သိမ်းပြီးပါပြီ။ ပရိုဖိုင်ကို မြင်နိုင်သူ ချက်ချင်း ပြောင်းသွားပြီ။'));
			expect(db.prepare('select area, visibility, availability from learner_profile where user_id = ?').get(userId)).toEqual({ area: 'mae_sot', visibility: 'vetted', availability: '["part_time"]' });
		} finally {
			db.close();
		}
		expect(errors).toEqual([]);
		await context.close();
	});
});
