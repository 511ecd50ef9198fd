/** A vetted organization posts a role, an administrator approves it, the organization opens it; nobody else can touch it. */
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import {
	Client,
	consoleErrors,
	launch,
	phone,
	retypeInto,
	shown,
	signInAsNewAdmin,
	signUpInBrowser,
	typeInto,
	uniqueName
} from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('a role', () => {
	it('is written by a vetted organization with the skills it needs, approved by an administrator, then opened', async () => {
		const owner = await (await phone(browser)).newPage();
		const errors = consoleErrors(owner);
		const ownerName = uniqueName('roles');
		await signUpInBrowser(owner, ownerName, 'clinic by the river', 'org_member');
		await owner.goto('/org');
		const orgName = `Hill Clinic ${ownerName}`;
		await typeInto(owner.getByLabel('အဖွဲ့အစည်း အမည်'), orgName);
		await owner.getByLabel('အဖွဲ့အစည်း အမျိုးအစား').selectOption('clinic');
		await owner.getByRole('button', { name: 'လျှောက်လွှာ ပို့ရန်' }).click();
		await shown(owner.getByText('စစ်ဆေးရန် စောင့်နေသည်'));
		await owner.goto('/org/roles');
		await shown(owner.getByText('စိစစ်ပြီးသော အဖွဲ့သာ အခွင့်အလမ်း တင်နိုင်သည်', { exact: false }));

		const admin = await (await phone(browser)).newPage();
		await signInAsNewAdmin(admin, 'roleadmin');
		await admin.getByRole('link', { name: `Review ${orgName}` }).click();
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));

		// The owner writes the role in Burmese only.
		await owner.goto('/org/roles');
		await owner.getByRole('link', { name: 'အခွင့်အလမ်းအသစ်' }).click();
		await owner.getByLabel('အခွင့်အလမ်း အမျိုးအစား').selectOption('medical_volunteer');
		const title = 'ဆေးခန်း စေတနာ့ဝန်ထမ်း';
		await typeInto(owner.getByRole('group', { name: 'ခေါင်းစဉ်' }).getByLabel('မြန်မာ'), title);
		const description = 'ဒဏ်ရာ ကုသရာတွင် ကူညီရန်။ နေ့လယ်စာ ပါသည်။';
		await typeInto(
			owner.getByRole('group', { name: 'အခွင့်အလမ်းအကြောင်း' }).getByLabel('မြန်မာ'),
			description
		);
		await owner.getByLabel('နေရာ', { exact: true }).selectOption('mae_sot');
		const pay = 'တစ်ရက် ၃၀၀ ဘတ် နှင့် ခရီးစရိတ်';
		await typeInto(owner.getByLabel('လစာ သို့မဟုတ် ထောက်ပံ့ငွေ'), pay);
		// The field starts at 1: the person replaces it.
		await retypeInto(owner.getByLabel('လက်ခံမည့် လူဦးရေ'), '3');
		// A date picker, not typing: fill sets the day as the picker would.
		await owner.getByLabel('လျှောက်ထားမှု ပိတ်မည့်နေ့').fill('2027-01-31');
		await owner.getByRole('button', { name: 'မူကြမ်း ပြုလုပ်ရန်' }).click();
		await shown(owner.getByRole('heading', { level: 1, name: title }));
		expect(await axeViolations(owner)).toEqual([]);

		await owner.getByRole('link', { name: 'ကျန်းမာရေးနှင့် ရှေးဦးသူနာပြု' }).click();
		await owner.getByLabel('ကျန်းမာရေးနှင့် ရှေးဦးသူနာပြု').selectOption('first_aid');
		await owner.getByLabel('အနည်းဆုံး ဤအဆင့်').selectOption('2');
		await owner.getByRole('button', { name: 'ကျွမ်းကျင်မှု ထည့်ရန်' }).click();
		await shown(owner.getByText('ရှေးဦးသူနာပြုစုခြင်း', { exact: true }));
		await owner.getByRole('button', { name: 'စစ်ဆေးရန် တင်ရန်' }).click();
		await shown(owner.getByText('စီမံခန့်ခွဲသူကို စောင့်နေသည်'));
		const roleUrl = new URL(owner.url()).pathname;

		// Another organization cannot see it, and a learner cannot reach it.
		const stranger = new Client('en');
		await stranger.signUp(uniqueName('other'), 'org_member');
		expect((await stranger.request(roleUrl)).status).toBe(404);
		const learner = new Client('en');
		await learner.signUp(uniqueName('learner'));
		expect((await learner.request(roleUrl)).status).toBe(403);

		await admin.goto('/admin');
		await admin.getByRole('link', { name: `Check ${title}` }).click();
		await shown(admin.getByText('First aid · working · required'));
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));

		await owner.reload();
		await owner.getByRole('button', { name: 'သင်ယူသူများအတွက် ဖွင့်ရန်' }).click();
		await shown(owner.getByText('ဖွင့်ထားသည်', { exact: true }));

		// Stored exactly as typed; the administrator's note box, left alone, stored nothing.
		const db = new Database(inject('databasePath'), { readonly: true });
		const stored = db
			.prepare(
				'select title_my, title_en, description_my, description_en, safety_my, pay, seats, review_note from role where id = ?'
			)
			.get(roleUrl.split('/').pop());
		db.close();
		expect(stored).toEqual({
			title_my: title,
			title_en: '',
			description_my: description,
			description_en: '',
			safety_my: '',
			pay,
			seats: 3,
			review_note: ''
		});
		// A learner reads the pay as it was typed.
		const html = await (
			await learner.request(`/learn/opportunities/${roleUrl.split('/').pop()}`)
		).text();
		expect(html).toContain(`<dd>${pay}</dd>`);
		expect(errors).toEqual([]);
		await owner.context().close();
		await admin.context().close();
	});
});
