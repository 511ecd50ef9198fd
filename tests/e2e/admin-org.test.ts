/** The first administrator, and a partner organization's owner and member. */
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	adminClient,
	Client,
	createAdminWithCommand,
	launch,
	phone,
	signInAsNewAdmin,
	signUpInBrowser,
	typeInto,
	uniqueName,
	shown
} from './support';
import { openMenu, typeBackCode } from './screen';
import EN from '../../messages/en.json' with { type: 'json' };

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('the first administrator', () => {
	it('is made by the command, must replace the one-time password, then sees the overview', async () => {
		const name = uniqueName('admin');
		const oneTime = await createAdminWithCommand(name);
		const context = await phone(browser);
		const page = await context.newPage();
		await page.goto('/signin');
		await openMenu(page);
		await page.getByRole('button', { name: 'English' }).click();
		await typeInto(page.getByLabel('Username'), name);
		await typeInto(page.getByLabel('Password'), oneTime);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/account/password');
		// A new account's language is Burmese; the administrator switches to English.
		await openMenu(page);
		await page.getByRole('button', { name: 'English' }).click();
		await shown(page.getByText('This password was given to you once.'));

		// Nothing else opens until the password is changed.
		await page.goto('/admin');
		expect(new URL(page.url()).pathname).toBe('/account/password');

		await typeInto(page.getByLabel('Current password'), oneTime);
		await typeInto(page.getByLabel('New password'), 'administrators guard the gate');
		await page.getByRole('button', { name: 'Change password' }).click();
		await page.waitForURL('**/admin');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			'Administration'
		);

		// The one-time password is gone.
		const check = await browser.newContext({ baseURL: page.url() });
		const other = await check.newPage();
		await other.goto('/signin');
		await typeInto(other.getByLabel(/Username|အသုံးပြုသူအမည်/), name);
		await typeInto(other.getByLabel(/^(Password|စကားဝှက်)$/), oneTime);
		await other.getByRole('button', { name: /Sign in|ဝင်မည်/ }).click();
		await shown(other.getByRole('alert'));
		// The new password, typed, is the one that works.
		await typeInto(other.getByLabel(/^(Password|စကားဝှက်)$/), 'administrators guard the gate');
		await other.getByRole('button', { name: /Sign in|ဝင်မည်/ }).click();
		await other.waitForURL('**/admin');
		await check.close();
		await context.close();
	});
});

describe('a partner organization', () => {
	it('applies, waits for vetting, and invites a member who joins with the code', async () => {
		const ownerContext = await phone(browser);
		const owner = await ownerContext.newPage();
		const ownerCodes = await signUpInBrowser(
			owner,
			uniqueName('owner'),
			'clinic by the river',
			'org_member'
		);
		await typeBackCode(owner, ownerCodes[0]);
		await owner.waitForURL('**/org');
		await typeInto(owner.getByLabel('အဖွဲ့အစည်း အမည်'), 'ျမစ္ကမ္း ေဆးခန္း'); // typed in Zawgyi
		await owner.getByLabel('အဖွဲ့အစည်း အမျိုးအစား').selectOption('clinic');
		await owner.getByRole('button', { name: 'လျှောက်လွှာ ပို့ရန်' }).click();
		// Stored and shown in Unicode.
		await shown(owner.getByRole('heading', { name: 'မြစ်ကမ်း ဆေးခန်း' }));
		await shown(owner.getByText('စစ်ဆေးရန် စောင့်နေသည်'));

		await owner.getByRole('button', { name: 'ဖိတ်ကြားကုဒ် ပြုလုပ်ရန်' }).click();
		const status = await owner.getByRole('status').innerText();
		const code = status.match(/[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/)![0];

		const memberContext = await phone(browser);
		const member = await memberContext.newPage();
		const memberName = uniqueName('member');
		await signUpInBrowser(member, memberName, 'helping hands daily', 'org_member');
		await member.goto('/org');
		await typeInto(member.getByRole('textbox', { name: 'ဖိတ်ကြားကုဒ်' }), code);
		await member.getByRole('button', { name: 'ဝင်မည်' }).click();
		await shown(member.getByRole('heading', { name: 'မြစ်ကမ်း ဆေးခန်း' }));
		// Members cannot invite.
		await expect(member.getByRole('button', { name: 'ဖိတ်ကြားကုဒ် ပြုလုပ်ရန်' }).count()).resolves.toBe(0);

		await owner.reload();
		await shown(owner.getByText(memberName));
		await memberContext.close();
		await ownerContext.close();
	});
});

describe('vetting', () => {
	it('an administrator vets an application, suspends the organization (its members lose authoring at once) and reinstates it, each decision kept', async () => {
		const ownerName = uniqueName('clinic');
		const owner = await (await phone(browser)).newPage();
		await signUpInBrowser(owner, ownerName, 'clinic by the river', 'org_member');
		await owner.goto('/org');
		const orgName = `Riverside Clinic ${ownerName}`;
		await typeInto(owner.getByLabel('အဖွဲ့အစည်း အမည်'), orgName);
		await owner.getByLabel('အဖွဲ့အစည်း အမျိုးအစား').selectOption('clinic');
		await owner.getByLabel('မဲဆောက် နယ်မြေ').check();
		await owner.getByRole('button', { name: 'လျှောက်လွှာ ပို့ရန်' }).click();
		await shown(owner.getByText('စစ်ဆေးရန် စောင့်နေသည်'));

		const admin = await (await phone(browser)).newPage();
		await signInAsNewAdmin(admin, 'vetter');
		await admin.getByRole('link', { name: `Review ${orgName}` }).click();
		await shown(admin.getByRole('heading', { level: 1, name: orgName }));
		await shown(admin.getByText('Mae Sot area'));
		await shown(admin.getByText(ownerName, { exact: true }));
		await admin.getByLabel('Vet: checked, may post roles').check();
		await typeInto(admin.getByLabel('Note (why)'), 'Known to our partners in Mae Sot');
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));
		const history = admin.getByRole('region', { name: 'Decisions so far' });
		await shown(history.getByText('Known to our partners in Mae Sot'));

		await owner.reload();
		await shown(owner.getByText('စစ်ဆေးပြီး', { exact: true }));
		await owner.goto('/author');
		expect(await owner.getByText('သင့်အဖွဲ့အစည်းကို မစိစစ်ရသေးပါ').count()).toBe(0);

		// Suspended: the owner's authoring goes at once.
		await admin.getByLabel('Suspend: its members lose access at once').check();
		await typeInto(admin.getByLabel('Note (why)'), 'Reported misuse');
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(history.getByText('Reported misuse'));
		await owner.goto('/org');
		await shown(owner.getByText('ယာယီ ရပ်ဆိုင်းထားသည်'));
		await shown(owner.getByText(/စီမံခန့်ခွဲသူက ဤအဖွဲ့ကို ဆိုင်းငံ့ထားသည်/));

		await admin.getByLabel('Reinstate').check();
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await expect.poll(() => history.getByRole('listitem').count()).toBe(3);
		// Each note is exactly what was typed; the one left alone is empty, never "undefined".
		const db = new Database(inject('databasePath'), { readonly: true });
		const notes = db
			.prepare(
				'select d.note from org_decision d join organization o on o.id = d.org_id where o.name = ? order by d.decided_at'
			)
			.all(orgName);
		db.close();
		expect(notes).toEqual([
			{ note: 'Known to our partners in Mae Sot' },
			{ note: 'Reported misuse' },
			{ note: '' }
		]);
		await owner.goto('/org');
		await shown(owner.getByText('စစ်ဆေးပြီး', { exact: true }));
		await admin.context().close();
		await owner.context().close();
	});

	it('warns administrators, on the overview and the application, that a new name looks like an existing one', async () => {
		// A copy of a vetted organization's name, with a Cyrillic "е" for the Latin "e".
		const real = `Lookalike Relief ${uniqueName('real')}`;
		const copy = real.replace('Relief', 'R\u0435lief');
		const names: string[] = [];
		for (const name of [real, copy, `Other Help ${uniqueName('other')}`]) {
			const owner = new Client('en');
			expect((await owner.signUp(uniqueName('lookalike'), 'org_member')).status).toBe(200);
			expect(
				(
					await owner.post('/org?/apply', {
						name,
						kind: 'ngo',
						description: 'Help',
						area_mae_sot: 'on'
					})
				).status
			).toBe(200);
			names.push(name);
		}
		const admin = await adminClient('en', 'lookalikeadmin');
		const overview = await (await admin.request('/admin')).text();
		expect(overview).toContain(EN.admin_org_looks_like.replace('{names}', real));
		expect(overview).toContain(EN.admin_org_looks_like.replace('{names}', copy));
		expect(overview).not.toContain(EN.admin_org_looks_like.replace('{names}', names[2]));

		const check = new Database(inject('databasePath'), { readonly: true });
		const [copyId, realId, otherId] = [copy, real, names[2]].map(
			(name) =>
				(check.prepare('select id from organization where name = ?').get(name) as { id: string }).id
		);
		check.close();
		const WARNING = 'looks like the name of the organizations below';
		expect(EN.admin_vet_looks_like).toContain(WARNING);
		const application = await (await admin.request(`/admin/organizations/${copyId}`)).text();
		expect(application).toContain(WARNING);
		expect(application).toContain(`href="/admin/organizations/${realId}"`);
		const other = await (await admin.request(`/admin/organizations/${otherId}`)).text();
		expect(other).not.toContain(WARNING);
	});
});
