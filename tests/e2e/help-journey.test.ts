/**
 * Help beyond work, as people use it on a 360 px phone, typing key by key: an organization
 * lists a counselling service, an administrator approves it, a learner opens "Get help", goes
 * offline and still reads the directory, comes back online and asks privately; the
 * organization replies and proposes passing the learner on to a legal aid service; the learner
 * agrees, and the second organization sees only what was agreed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
	adminClient,
	Client,
	consoleErrors,
	launch,
	shown,
	signedIn,
	storedRow,
	typeInto,
	typePair,
	uniqueName
} from './support';
import { serviceDetails } from './form-samples';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

/** A new organization, vetted by `admin`, with its member's client (in English). */
async function vettedOrg(admin: Client, prefix: string): Promise<{ member: Client; name: string }> {
	const member = new Client('en');
	expect((await member.signUp(uniqueName(prefix), 'org_member')).status).toBe(200);
	const name = uniqueName(`${prefix} org `);
	expect((await member.post('/org?/apply', { name, kind: 'ngo', description: '' })).status).toBe(
		200
	);
	const { id } = storedRow<{ id: string }>('select id from organization where name = ?', name);
	expect(
		(await admin.post(`/admin/organizations/${id}?/decide`, { decision: 'vet', note: '' })).status
	).toBe(200);
	return { member, name };
}

async function page(client: Client, serviceWorkers: 'allow' | 'block' = 'block'): Promise<Page> {
	return (await signedIn(browser, client, { serviceWorkers })).newPage();
}

describe('getting help', () => {
	it('from listing a service to passing a person on, with their consent, only the words agreed', async () => {
		const adminHttp = await adminClient('en', 'helpadmin');
		const counsel = await vettedOrg(adminHttp, 'counsel');
		const legal = await vettedOrg(adminHttp, 'legalaid');

		// The legal aid service of the second organization is listed already.
		const legalName = uniqueName('Papers and rights ');
		const created = await legal.member.post('/org/services/new?/create', {
			...serviceDetails,
			kind: 'legal',
			name_en: legalName,
			area: 'mae_sot'
		});
		expect(created.status).toBe(303);
		const legalId = created.headers.get('location')!.split('/').pop()!;
		expect(
			(await legal.member.post(`/org/services/${legalId}?/move`, { move: 'submit' })).status
		).toBe(200);
		expect(
			(
				await adminHttp.post(`/admin/services/${legalId}?/review`, {
					decision: 'approve',
					note: ''
				})
			).status
		).toBe(200);

		// 1. The counselling organization lists its service, typed on its phone.
		const org = await page(counsel.member);
		const orgErrors = consoleErrors(org);
		await org.goto('/org');
		await org.getByRole('link', { name: 'Support services your organization gives' }).click();
		await org.getByRole('link', { name: 'New service' }).click();
		await org.getByLabel('What help').selectOption('counselling');
		const name = uniqueName('Someone to talk to ');
		await typePair(org, 'Name of the service', 'စကားပြောဖော်', name);
		await typePair(
			org,
			'What you do, in a few lines',
			'စိတ်ဖိစီးမှု၊ အိပ်မပျော်ခြင်းအတွက် လျှို့ဝှက်စွာ စကားပြောနိုင်သည်။',
			'Private talks about stress, sleep and fear.'
		);
		await org.getByLabel('Who it is for').selectOption('everyone');
		await org.getByLabel('Where', { exact: true }).selectOption('remote');
		await org.getByRole('checkbox', { name: 'Burmese' }).check();
		await org.getByRole('checkbox', { name: 'Karen' }).check();
		await org.getByRole('radio', { name: 'Free', exact: true }).check();
		await typeInto(org.getByLabel('Hours'), 'Mon-Fri 9:00-17:00');
		await org.getByRole('button', { name: 'Create the draft' }).click();
		await shown(org.getByRole('heading', { level: 1, name: 'စကားပြောဖော်' }));
		expect(await axeViolations(org)).toEqual([]);
		await org.getByRole('button', { name: 'Send for review' }).click();
		await shown(org.getByText('Done.'));
		const serviceId = new URL(org.url()).pathname.split('/').pop()!;
		expect(
			storedRow<{ status: string }>('select status from service where id = ?', serviceId)
		).toEqual({ status: 'submitted' });

		// 2. An administrator checks it and approves it.
		const admin = await page(adminHttp);
		await admin.goto('/admin/services');
		await admin.getByRole('link', { name: 'Check စကားပြောဖော်' }).click();
		await shown(admin.getByText('Private talks about stress, sleep and fear.'));
		await admin.getByRole('button', { name: 'Record the decision' }).click();
		await shown(admin.getByText('Decision recorded.'));

		// 3. A learner opens "Get help" on her home; the phone keeps the directory.
		const learnerHttp = new Client('en');
		const learnerName = uniqueName('helped');
		expect((await learnerHttp.signUp(learnerName)).status).toBe(200);
		const context = await signedIn(browser, learnerHttp, { serviceWorkers: 'allow' });
		const learner = await context.newPage();
		const learnerErrors = consoleErrors(learner);
		await learner.goto('/learn');
		await learner.getByRole('main').getByRole('link', { name: 'Get help' }).click();
		await shown(learner.getByRole('heading', { level: 1, name: 'Get help' }));
		await shown(learner.getByText(/services\. The whole list is kept on this phone/));
		// The worker fetches and keeps the page's public copy: slower than a page on a busy phone.
		await learner
			.getByText('Kept on this phone: it opens with no internet.')
			.waitFor({ timeout: 60_000 });
		expect(await axeViolations(learner)).toEqual([]);

		// 4. Offline, the directory still reads, and its filters work on the phone.
		await context.setOffline(true);
		await learner.reload();
		// In her language from the first frame: the copy was fetched without cookies, its language
		// named in its address.
		await shown(learner.getByRole('heading', { level: 1, name: 'Get help' }));
		const keptCopy = await learner.evaluate(async () => {
			const kept = await caches.match('/help');
			return { language: kept?.headers.get('content-language'), html: (await kept?.text()) ?? '' };
		});
		expect(keptCopy.language).toBe('en');
		expect(keptCopy.html).toMatch(/<html lang="en"/);
		// A kept page shows nothing before its script (the disguise's code is checked on the phone);
		// its script then draws it in the language the copy carries.
		expect(keptCopy.html).toContain('locale:"en"');
		await shown(learner.getByRole('link', { name }));
		await shown(learner.getByRole('link', { name: legalName }));
		await learner.getByLabel('What help').selectOption('legal');
		await shown(learner.getByRole('link', { name: legalName }));
		expect(await learner.getByRole('link', { name }).count()).toBe(0);
		await learner.getByLabel('What help').selectOption('');
		await context.setOffline(false);

		// 5. Back online, she asks privately.
		await learner
			.getByRole('listitem')
			.filter({ has: learner.getByRole('link', { name }) })
			.getByRole('link', { name: 'Ask privately' })
			.click();
		await shown(
			learner.getByRole('heading', { level: 1, name: new RegExp(`Ask ${counsel.name}`) })
		);
		await learner.getByRole('radio', { name: 'This week' }).check();
		const first = 'I cannot sleep since I left the army';
		await typeInto(learner.getByLabel('Your message'), first);
		await learner.getByRole('button', { name: 'Send privately' }).click();
		await shown(learner.getByText(first));
		const second = 'And I have no papers to stay here';
		await typeInto(learner.getByLabel('Write a message'), second);
		await learner.getByRole('button', { name: 'Send', exact: true }).click();
		await shown(learner.getByText(second));
		const requestUrl = learner.url();

		// 6. The organization reads it by a pseudonym, replies, and proposes the legal aid service.
		await org.goto('/org/help');
		const pseudonymLink = org
			.getByRole('main')
			.getByRole('link', { name: /^[A-Z2-9]{4}-[A-Z2-9]{4}$/ });
		const pseudonym = (await pseudonymLink.first().innerText()).trim();
		await pseudonymLink.first().click();
		await shown(org.getByText(first));
		expect(await org.content()).not.toContain(learnerName);
		// Her profile is not shown to the organization she asked, until she chooses to show it.
		await shown(org.getByText('This learner keeps their profile private', { exact: false }));
		const requestPath = new URL(org.url()).pathname;
		await learner.getByRole('button', { name: `Show my profile to ${counsel.name}` }).click();
		await shown(learner.getByText(`${counsel.name} can see your profile`, { exact: false }));
		await org.reload();
		await shown(org.getByRole('heading', { name: 'The learner’s profile' }));
		await shown(org.getByRole('heading', { name: 'Skills' }));
		await learner.getByRole('button', { name: 'Stop showing my profile' }).click();
		await shown(learner.getByText('sees only your code name', { exact: false }));
		await org.goto(requestPath);
		await shown(org.getByText('This learner keeps their profile private', { exact: false }));
		const reply = 'We can talk on Tuesday. Our legal friends can help with papers.';
		await typeInto(org.getByLabel('Write a message'), reply);
		await org.getByRole('button', { name: 'Send', exact: true }).click();
		await shown(org.getByText(reply));
		await org
			.getByLabel('To which service')
			.selectOption({ label: `${legalName} · ${legal.name}` });
		await org.getByRole('checkbox', { name: second }).check();
		await org.getByRole('button', { name: 'Ask the person' }).click();
		await shown(org.getByText('Proposed: the person will see it and decide.'));
		// Nothing has reached the second organization.
		expect(await (await legal.member.request('/org/help')).text()).not.toContain(second);

		// 7. The learner sees which organization and which words, and agrees.
		await learner.goto(requestUrl);
		const proposal = learner.getByRole('region', { name: `Pass you on to ${legal.name}?` });
		await shown(proposal);
		await shown(proposal.getByText(second));
		expect(await proposal.getByText(first).count()).toBe(0);
		await proposal.getByRole('button', { name: 'Yes, pass these words on' }).click();
		await shown(learner.getByText('Passed on: you will find the new request', { exact: false }));

		// 8. The second organization sees a new request, by its own pseudonym, with only the agreed words.
		const legalPage = await page(legal.member);
		await legalPage.goto('/org/help');
		const theirs = legalPage
			.getByRole('main')
			.getByRole('link', { name: /^[A-Z2-9]{4}-[A-Z2-9]{4}$/ });
		expect(await theirs.count()).toBe(1);
		expect((await theirs.innerText()).trim()).not.toBe(pseudonym);
		await theirs.click();
		await shown(legalPage.getByText(second));
		const seen = await legalPage.content();
		expect(seen).not.toContain(first);
		expect(seen).not.toContain(reply);
		expect(seen).not.toContain(learnerName);
		expect([...orgErrors, ...learnerErrors]).toEqual([]);
	}, 240_000);
});
