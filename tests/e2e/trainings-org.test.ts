/**
 * A vetted organization posts a sewing training with real places, an administrator approves it,
 * the organization opens it; the form also works on a phone with no script at all.
 */
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatDay } from '$lib/format';
import { axeViolations } from './axe';
import {
	adminClient,
	Client,
	consoleErrors,
	launch,
	phone,
	retypeInto,
	shown,
	signedIn,
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

/** Today as the server counts days (UTC): both sessions meet today, so a later test can complete it the same day. */
const today = new Date().toISOString().slice(0, 10);
/** Today as the app writes a day in English ("6 December 2026"), by its own formatter. */
const todayInEnglish = formatDay(today, 'en');

const stored = <T>(sql: string, ...args: unknown[]): T => {
	const db = new Database(inject('databasePath'), { readonly: true });
	try {
		return db.prepare(sql).all(...args) as T;
	} finally {
		db.close();
	}
};

describe('a training with real places', () => {
	it('is written in Burmese by a vetted organization, approved by an administrator, then opened', async () => {
		const owner = await (await phone(browser)).newPage();
		const errors = consoleErrors(owner);
		const ownerName = uniqueName('trainings');
		await signUpInBrowser(owner, ownerName, 'needles and thread', 'org_member');
		await owner.goto('/org');
		const orgName = `Sewing Circle ${ownerName}`;
		await typeInto(owner.getByLabel('အဖွဲ့အစည်း အမည်'), orgName);
		await owner.getByLabel('အဖွဲ့အစည်း အမျိုးအစား').selectOption('ngo');
		await owner.getByRole('button', { name: 'လျှောက်လွှာ ပို့ရန်' }).click();
		await shown(owner.getByText('စစ်ဆေးရန် စောင့်နေသည်'));
		await owner.getByRole('link', { name: 'သင့်အဖွဲ့ ပေးသော သင်တန်းများ' }).click();
		await shown(owner.getByText('စိစစ်ပြီးသော အဖွဲ့သာ သင်တန်း တင်နိုင်သည်', { exact: false }));

		const admin = await (await phone(browser)).newPage();
		await signInAsNewAdmin(admin, 'trainingadmin');
		await admin.getByRole('link', { name: `Review ${orgName}` }).click();
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));

		await owner.reload();
		await owner.getByRole('link', { name: 'သင်တန်းအသစ်' }).click();
		const title = 'အပ်ချုပ် သင်တန်း';
		await typeInto(owner.getByRole('group', { name: 'ခေါင်းစဉ်' }).getByLabel('မြန်မာ'), title);
		const description = 'စက်ချုပ်နည်း နှစ်ပိုင်း။ အထည် ယူလာပါ။';
		await typeInto(
			owner.getByRole('group', { name: 'သင်တန်းက သင်ပေးသည့်အရာ' }).getByLabel('မြန်မာ'),
			description
		);
		await owner.getByLabel('မည်သူ့အတွက်').selectOption('families');
		await owner.getByLabel('ဒေသ', { exact: true }).selectOption('mae_sot');
		const meetingPoint = 'ဈေးနောက်ဘက် ရပ်ကွက် ခန်းမ';
		await typeInto(owner.getByLabel('တွေ့ဆုံမည့် နေရာ အတိအကျ'), meetingPoint);
		// Typed with the Burmese keyboard's digits.
		await typeInto(owner.getByLabel('နေရာ အရေအတွက်'), '၂');
		await owner.getByRole('checkbox', { name: 'ပစ္စည်းများ' }).check();
		await owner.getByRole('checkbox', { name: 'နေရာတွင် ကလေးထိန်းပေးခြင်း' }).check();
		// Days and times are pickers, not text: fill sets them as a picker would (a phone shows a
		// calendar and a clock; no key-by-key typing reaches them the same way).
		await owner.getByLabel('တောင်းဆိုမှု ပိတ်မည့်နေ့').fill(today);
		const first = owner.getByRole('group', { name: 'သင်ခန်းချိန် ၁' });
		await first.getByLabel('နေ့').fill(today);
		await first.getByLabel('စမည့်အချိန်').fill('09:00');
		await first.getByLabel('ပြီးမည့်အချိန်').fill('12:00');
		const second = owner.getByRole('group', { name: 'သင်ခန်းချိန် ၂' });
		await second.getByLabel('နေ့').fill(today);
		await second.getByLabel('စမည့်အချိန်').fill('13:00');
		await second.getByLabel('ပြီးမည့်အချိန်').fill('16:00');
		// The share to complete starts at 75: the organization keeps it, retyping it as it is.
		await retypeInto(owner.getByLabel(/ပြီးဆုံးရန် တက်ရမည့် သင်ခန်းချိန်/), '၇၅');
		await owner.getByRole('button', { name: 'မူကြမ်း ပြုလုပ်ရန်' }).click();
		await shown(owner.getByRole('heading', { level: 1, name: title }));
		await shown(owner.getByText('မူကြမ်း', { exact: true }));
		await shown(owner.getByText('နေရာ ၂ ခုအနက် ၀ ခု ရှိပြီး'));
		expect(await axeViolations(owner)).toEqual([]);
		const trainingUrl = new URL(owner.url()).pathname;
		const id = trainingUrl.split('/').pop()!;

		// The skill it teaches, chosen from the shared list.
		await owner.getByRole('link', { name: 'ကျန်းမာရေးနှင့် ရှေးဦးသူနာပြု' }).click();
		await owner.getByLabel('ကျန်းမာရေးနှင့် ရှေးဦးသူနာပြု').selectOption('first_aid');
		await owner.getByLabel('ရောက်ရှိမည့် အဆင့်').selectOption('1');
		await owner.getByRole('button', { name: 'ကျွမ်းကျင်မှု ထည့်ရန်' }).click();
		await shown(owner.getByText('ရှေးဦးသူနာပြုစုခြင်း', { exact: true }));

		await owner.getByRole('button', { name: 'စစ်ဆေးရန် တင်ရန်' }).click();
		await shown(owner.getByText('စီမံခန့်ခွဲသူကို စောင့်နေသည်'));

		// Another organization cannot see it, and a learner cannot reach it.
		const stranger = new Client('en');
		await stranger.signUp(uniqueName('other'), 'org_member');
		expect((await stranger.request(trainingUrl)).status).toBe(404);
		const learner = new Client('en');
		await learner.signUp(uniqueName('learner'));
		expect((await learner.request(trainingUrl)).status).toBe(403);

		// The administrator reads the whole training, its meeting point too.
		await admin.goto('/admin');
		await admin.getByRole('link', { name: `Check ${title}` }).click();
		await shown(admin.getByText(meetingPoint, { exact: true }));
		await shown(admin.getByText(`${todayInEnglish}, 09:00 to 12:00`, { exact: true }));
		await shown(admin.getByText(`${todayInEnglish}, 13:00 to 16:00`, { exact: true }));
		await shown(admin.getByText('Materials · Childcare on site', { exact: true }));
		await shown(admin.getByText('75% of the sessions', { exact: true }));
		await shown(admin.getByText('First aid · basic', { exact: true }));
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));

		await owner.reload();
		await owner.getByRole('button', { name: 'သင်ယူသူများအတွက် ဖွင့်ရန်' }).click();
		await shown(owner.getByText('ဖွင့်ထားသည်', { exact: true }));
		await shown(owner.getByText('နေရာ ရထားသူ - ၀'));
		await owner.goto('/org/trainings');
		await shown(owner.getByText('နေရာ ၂ ခုအနက် ၀ ခု ရှိပြီး', { exact: false }));

		// Stored exactly as typed; the note box, left alone, stored nothing.
		expect(
			stored(
				'select title_my, title_en, description_my, audience, area, seats, closes_on, meeting_point, completion_share, status, review_note from training where id = ?',
				id
			)
		).toEqual([
			{
				title_my: title,
				title_en: '',
				description_my: description,
				audience: 'families',
				area: 'mae_sot',
				seats: 2,
				closes_on: today,
				meeting_point: meetingPoint,
				completion_share: 75,
				status: 'open',
				review_note: ''
			}
		]);
		expect(
			stored(
				'select starts_at, ends_at from training_session where training_id = ? order by starts_at',
				id
			)
		).toEqual([
			{ starts_at: `${today}T09:00`, ends_at: `${today}T12:00` },
			{ starts_at: `${today}T13:00`, ends_at: `${today}T16:00` }
		]);
		expect(
			stored('select item from training_provision where training_id = ? order by item', id)
		).toEqual([{ item: 'childcare' }, { item: 'materials' }]);
		expect(stored('select skill_id, level from training_skill where training_id = ?', id)).toEqual([
			{ skill_id: 'first_aid', level: 1 }
		]);
		expect(errors).toEqual([]);
		await owner.context().close();
		await admin.context().close();
	});

	it('is written on a phone with no script: more rows for sessions, then the draft', async () => {
		const member = new Client('en');
		await member.signUp(uniqueName('noscript'), 'org_member');
		const orgName = uniqueName('No script org');
		expect(
			(
				await member.post('/org?/apply', {
					name: orgName,
					kind: 'ngo',
					description: '',
					area_mae_sot: 'on'
				})
			).status
		).toBe(200);
		const [{ id: orgId }] = stored<{ id: string }[]>(
			'select id from organization where name = ?',
			orgName
		);
		const admin = await adminClient('en', 'noscriptadmin');
		expect(
			(await admin.post(`/admin/organizations/${orgId}?/decide`, { decision: 'vet', note: '' }))
				.status
		).toBe(200);

		const context = await signedIn(browser, member, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/org/trainings/new');
		await typeInto(page.getByRole('group', { name: 'Title' }).getByLabel('English'), 'Cooking');
		await typeInto(
			page.getByRole('group', { name: 'What the training teaches' }).getByLabel('English'),
			'Noodles and curries to sell.'
		);
		await page.getByLabel('Area').selectOption('thai_border');
		// Key by key after a click: in this Chromium with no script, a tap then pressSequentially
		// right after the description's text area loses every key here (the field stays empty,
		// the server is sent nothing), while a click then the keyboard lands them.
		await page.getByLabel('Exact meeting point').click();
		await page.keyboard.type('Kitchen of the clinic');
		await typeInto(page.getByLabel('Places', { exact: true }), '12');
		// Pickers, as above.
		await page.getByLabel('Requests close on').fill(today);
		const first = page.getByRole('group', { name: 'Session 1' });
		await first.getByLabel('Day').fill(today);
		await first.getByLabel('Starts').fill('08:00');
		await first.getByLabel('Ends').fill('10:30');
		expect(await page.getByRole('group', { name: /^Session \d+$/ }).count()).toBe(4);

		await page.getByRole('button', { name: 'More rows for sessions' }).click();
		await page.waitForLoadState();
		expect(await page.getByRole('group', { name: /^Session \d+$/ }).count()).toBe(8);
		// What was typed came back.
		expect(
			await page.getByRole('group', { name: 'Title' }).getByLabel('English').inputValue()
		).toBe('Cooking');
		expect(await page.getByLabel('Places', { exact: true }).inputValue()).toBe('12');
		expect(await page.getByLabel('Exact meeting point').inputValue()).toBe('Kitchen of the clinic');
		expect(await first.getByLabel('Ends').inputValue()).toBe('10:30');
		const sixth = page.getByRole('group', { name: 'Session 6' });
		await sixth.getByLabel('Day').fill(today);
		await sixth.getByLabel('Starts').fill('14:00');
		await sixth.getByLabel('Ends').fill('13:00');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForLoadState();
		// Ending before it starts is refused beside the field, nothing written, the rows kept.
		await shown(page.getByText('The session must end after it starts.'));
		expect(await page.getByRole('group', { name: /^Session \d+$/ }).count()).toBe(8);
		expect(stored('select id from training where title_en = ?', 'Cooking')).toEqual([]);
		await sixth.getByLabel('Ends').fill('16:00');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await shown(page.getByRole('heading', { level: 1, name: 'Cooking' }));
		const id = new URL(page.url()).pathname.split('/').pop()!;
		expect(
			stored(
				'select starts_at, ends_at from training_session where training_id = ? order by starts_at',
				id
			)
		).toEqual([
			{ starts_at: `${today}T08:00`, ends_at: `${today}T10:30` },
			{ starts_at: `${today}T14:00`, ends_at: `${today}T16:00` }
		]);
		expect(stored('select seats, area from training where id = ?', id)).toEqual([
			{ seats: 12, area: 'thai_border' }
		]);
		await context.close();
	});
});
