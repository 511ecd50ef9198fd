/** An administrator adds a skill and edits it; a learner can choose it at once, and the next start keeps the edit. */
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import {
	consoleErrors,
	launch,
	phone,
	retypeInto,
	shown,
	signInAsNewAdmin,
	signUpInBrowser,
	typePair,
	uniqueName
} from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('skills', () => {
	it('an administrator adds a skill (typed in Zawgyi) that a learner can then choose, refuses a duplicate, and edits it', async () => {
		const context = await phone(browser);
		const admin = await context.newPage();
		const errors = consoleErrors(admin);
		await signInAsNewAdmin(admin, 'skilladmin');
		await admin.getByRole('link', { name: 'Add and edit skills' }).click();
		await shown(admin.getByRole('heading', { level: 1, name: 'Skills' }));
		expect(await axeViolations(admin)).toEqual([]);

		await admin
			.getByRole('combobox', { name: 'Group' })
			.selectOption({ label: 'Health and first aid' });
		await typePair(admin, 'Name', 'ဒဏ္ရာ ပတ္တီးစည္းျခင္း', 'Wound bandaging'); // Burmese typed in Zawgyi
		await typePair(
			admin,
			'Level: basic',
			'အနာငယ်ကို ပတ်တီး သန့်သန့် စည်းနိုင်သည်။',
			'Can put a clean bandage on a small wound.'
		);
		await typePair(
			admin,
			'Level: working',
			'ဒဏ်ရာကြီးကို ဖိ၍ ပတ်တီးစည်းနိုင်သည်။',
			'Can bandage a large wound with pressure.'
		);
		await typePair(
			admin,
			'Level: can teach',
			'ပတ်တီးစည်းနည်းကို သင်ပေးနိုင်သည်။',
			'Can teach bandaging with practice.'
		);
		await admin.getByRole('button', { name: 'Add the skill' }).click();
		await shown(admin.getByRole('status').getByText('Added: Wound bandaging.', { exact: false }));
		// Stored and shown in Unicode, at the end of its group, with the levels.
		const added = admin.locator('#skill-wound_bandaging');
		await shown(added.getByText('ဒဏ်ရာ ပတ်တီးစည်းခြင်း', { exact: true }));
		await shown(added.getByText('Learners: 0 · Roles: 0 · Courses: 0'));
		// The form is empty again for the next skill.
		expect(
			await admin
				.getByRole('group', { name: 'Name', exact: true })
				.getByLabel('English')
				.inputValue()
		).toBe('');

		// The same English name again (in another spelling) is refused, and what was typed stays.
		await admin
			.getByRole('combobox', { name: 'Group' })
			.selectOption({ label: 'Health and first aid' });
		await typePair(admin, 'Name', 'ပတ်တီး နောက်တစ်ခု', 'wound-bandaging');
		await typePair(admin, 'Level: basic', 'အခြေခံ', 'Basic');
		await typePair(admin, 'Level: working', 'လုပ်ကိုင်နိုင်', 'Working');
		await typePair(admin, 'Level: can teach', 'သင်ပေးနိုင်', 'Teach');
		await admin.getByRole('button', { name: 'Add the skill' }).click();
		await shown(
			admin.getByText('Another skill is already called “Wound bandaging”.', { exact: false })
		);
		expect(
			await admin
				.getByRole('group', { name: 'Name', exact: true })
				.getByLabel('Burmese')
				.inputValue()
		).toBe('ပတ်တီး နောက်တစ်ခု');
		expect(
			await admin
				.getByRole('group', { name: 'Level: can teach', exact: true })
				.getByLabel('English')
				.inputValue()
		).toBe('Teach');

		await admin.goto('/admin/skills?group=health');
		await admin.getByRole('link', { name: 'Edit Wound bandaging' }).click();
		await shown(admin.getByRole('heading', { level: 1, name: 'ဒဏ်ရာ ပတ်တီးစည်းခြင်း' }));
		expect(await axeViolations(admin)).toEqual([]);
		await retypeInto(
			admin.getByRole('group', { name: 'Level: basic', exact: true }).getByLabel('Burmese'),
			'အနာငယ်ကို ဆေးကြောပြီး ပတ်တီး သန့်သန့် စည်းနိုင်သည်။'
		);
		await admin.getByRole('button', { name: 'Save the skill' }).click();
		await shown(admin.getByText('Saved. The skill files will not overwrite these words.'));
		expect(errors).toEqual([]);

		// A learner finds it among the health skills, with the administrator's words for the levels.
		const learner = await (await phone(browser)).newPage();
		const name = uniqueName('bandager');
		await signUpInBrowser(learner, name, 'clean cloth and care');
		await learner.goto('/learn/profile');
		await learner.getByRole('link', { name: 'ကျန်းမာရေးနှင့် ရှေးဦးသူနာပြု' }).click();
		const choice = learner.getByLabel('ဒဏ်ရာ ပတ်တီးစည်းခြင်း', { exact: true });
		await shown(choice);
		await learner.locator('.field', { has: choice }).getByText('အဆင့်များ၏ အဓိပ္ပာယ်').click();
		await shown(learner.getByText('အနာငယ်ကို ဆေးကြောပြီး ပတ်တီး သန့်သန့် စည်းနိုင်သည်။', { exact: true }));
		await choice.selectOption({ label: 'လုပ်ကိုင်နိုင်' });
		await learner.getByRole('button', { name: 'ကျွန်ုပ်၏ အဆင့်များကို သိမ်းရန်' }).click();
		await shown(learner.getByText('သင့် ကျွမ်းကျင်မှုများကို သိမ်းပြီးပါပြီ။'));
		await learner.reload();
		await shown(
			learner.getByRole('region', { name: 'ကျွန်ုပ်၏ ကျွမ်းကျင်မှုများ' }).getByText('ဒဏ်ရာ ပတ်တီးစည်းခြင်း')
		);
		await learner.context().close();

		// The administrator sees who uses it.
		await admin.goto('/admin/skills?group=health');
		await shown(
			admin.locator('#skill-wound_bandaging').getByText('Learners: 1 · Roles: 0 · Courses: 0')
		);

		const db = new Database(inject('databasePath'), { readonly: true });
		try {
			const row = db
				.prepare(
					"select name_my, group_id, updated_at, levels from skill where id = 'wound_bandaging'"
				)
				.get() as { name_my: string; group_id: string; updated_at: number | null; levels: string };
			expect(row).toMatchObject({ name_my: 'ဒဏ်ရာ ပတ်တီးစည်းခြင်း', group_id: 'health' });
			// Marked as an administrator's: the loader at the next start keeps it.
			expect(row.updated_at).toBeGreaterThan(0);
			expect(JSON.parse(row.levels)).toEqual({
				basic: {
					my: 'အနာငယ်ကို ဆေးကြောပြီး ပတ်တီး သန့်သန့် စည်းနိုင်သည်။',
					en: 'Can put a clean bandage on a small wound.'
				},
				working: { my: 'ဒဏ်ရာကြီးကို ဖိ၍ ပတ်တီးစည်းနိုင်သည်။', en: 'Can bandage a large wound with pressure.' },
				teach: { my: 'ပတ်တီးစည်းနည်းကို သင်ပေးနိုင်သည်။', en: 'Can teach bandaging with practice.' }
			});
		} finally {
			db.close();
		}
		await context.close();
	});

	it('the add form works without JavaScript, errors shown beside the field', async () => {
		const context = await phone(browser, { javaScriptEnabled: false });
		const admin = await context.newPage();
		await signInAsNewAdmin(admin, 'nojsadmin');
		await admin.goto('/admin/skills?group=textiles');
		await typePair(admin, 'Name', 'Lace', 'Lace making by hand');
		await admin.getByRole('button', { name: 'Add the skill' }).click();
		const name = admin.getByRole('group', { name: 'Name', exact: true });
		await shown(name.getByText('Write this in Burmese, in Myanmar Unicode letters.'));
		await shown(
			admin
				.getByRole('group', { name: 'Level: basic', exact: true })
				.getByText('Please fill in this field.')
				.first()
		);
		expect(await name.getByLabel('English').inputValue()).toBe('Lace making by hand');
		await context.close();
	});
});
