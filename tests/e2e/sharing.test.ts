/**
 * Telling the truth about what is shared: the role's page says exactly what the organization
 * will see for the learner's visibility at the time. Once, a new learner (hidden by default) was
 * told the organization sees their skills and area, while it saw only the message. A hidden
 * learner may share the profile with that organization for that application alone, and stop.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	Client,
	launch,
	openVettedRole,
	shown,
	signedIn,
	storedRow,
	typeInto,
	uniqueName
} from './support';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const SEES_PROFILE =
	'Your profile: your skills (and whether a course, an organization or you yourself said so), your languages, your area and when you can work. Not your interests.';
const SEES_NO_PROFILE =
	'Not your profile: your skills, languages, area and time stay hidden from it.';
const HIDDEN_NOTE =
	'This learner keeps their profile private: you see only their message and what you write to each other.';

async function learnerWithFirstAid(
	prefix: string,
	visibility?: 'vetted' | 'applied'
): Promise<Client> {
	const learner = new Client('en');
	expect((await learner.signUp(uniqueName(prefix))).status).toBe(200);
	expect((await learner.post('/learn/profile?/skills', { level_first_aid: '2' })).status).toBe(200);
	// Showing the profile to more organizations asks for the password (Client's default).
	if (visibility)
		expect(
			(
				await learner.post('/learn/profile?/details', {
					area: 'mae_sot',
					visibility,
					password: 'green tea and rice'
				})
			).status
		).toBe(200);
	return learner;
}

const seesList = (page: Page, org: string) =>
	page.getByRole('list', { name: `What ${org} will see` });

describe('the role’s page', () => {
	it('tells a new learner (hidden by default) that the organization sees only the message, and shares the profile for that application alone when asked', async () => {
		const { id: roleId, org, orgName } = await openVettedRole(`Clinic helper ${uniqueName('r')}`);
		const learner = await learnerWithFirstAid('hiddenlearner');
		const page = await (await signedIn(browser, learner)).newPage();
		await page.goto(`/learn/opportunities/${roleId}`);
		const sees = seesList(page, orgName);
		await shown(sees.getByText(SEES_NO_PROFILE));
		expect(await sees.getByText(SEES_PROFILE).count()).toBe(0);
		await shown(page.getByText('You chose “Only me” for your profile.'));

		const message = 'I was a medic; I can start on Monday.';
		await typeInto(page.getByLabel('Message (optional)'), message);
		await page
			.getByLabel(`Also share my profile with ${orgName}, for this application only`)
			.check();
		await page.getByRole('button', { name: 'Apply', exact: true }).click();
		await page.waitForURL('**/learn/applications/*');
		const applicationId = new URL(page.url()).pathname.split('/').pop()!;
		expect(
			storedRow(
				'select message, profile_shared_at is not null as shared from application where id = ?',
				applicationId
			)
		).toEqual({ message, shared: 1 });
		let seen = await (await org.request(`/org/applications/${applicationId}`)).text();
		expect(seen).toContain('First aid · working');
		expect(seen).not.toContain(HIDDEN_NOTE);

		// Back on the role's page: what is shared, and the way to stop.
		await page.goto(`/learn/opportunities/${roleId}`);
		await shown(seesList(page, orgName).getByText(SEES_PROFILE));
		await shown(
			page.getByText(`You shared your profile with ${orgName} for this application only.`)
		);
		await page.getByRole('button', { name: 'Stop sharing my profile' }).click();
		await shown(page.getByRole('status').getByText(`${orgName} no longer sees your profile.`));
		await shown(seesList(page, orgName).getByText(SEES_NO_PROFILE));
		seen = await (await org.request(`/org/applications/${applicationId}`)).text();
		expect(seen).toContain(HIDDEN_NOTE);
		expect(seen).not.toContain('First aid · working');
		await page.context().close();

		// Without JavaScript, a plain form shares it again.
		const plain = await (await signedIn(browser, learner, { javaScriptEnabled: false })).newPage();
		await plain.goto(`/learn/opportunities/${roleId}`);
		await plain.getByRole('button', { name: `Share my profile with ${orgName}` }).click();
		await shown(
			plain.getByRole('status').getByText(`${orgName} now sees your profile on this application.`)
		);
		expect(await (await org.request(`/org/applications/${applicationId}`)).text()).toContain(
			'First aid · working'
		);
		await plain.context().close();

		// Applied without sharing: the organization sees the message only, as the page said.
		const other = await learnerWithFirstAid('quietlearner');
		const applied = await other.post(`/learn/opportunities/${roleId}?/apply`, {
			message: 'Message only'
		});
		const quiet = await (
			await org.request(applied.headers.get('location')!.replace('/learn/', '/org/'))
		).text();
		expect(quiet).toContain(HIDDEN_NOTE);
		expect(quiet).toContain('Message only');
		expect(quiet).not.toContain('First aid · working');
		// Closed, so it never outranks the roles other files expect first.
		expect((await org.post(`/org/roles/${roleId}?/move`, { move: 'close' })).status).toBe(200);
	});

	it.each([
		[
			'vetted',
			'You let vetted organizations see your profile, so {org} can also find you among the candidates for its roles.'
		],
		['applied', 'You let the organizations you apply to see your profile.']
	] as const)(
		'tells a learner who chose "%s" that the organization sees the profile, and offers no sharing to add',
		async (visibility, why) => {
			const { id: roleId, org, orgName } = await openVettedRole(`Clinic helper ${uniqueName('r')}`);
			const learner = await learnerWithFirstAid(`open${visibility}`, visibility);
			const page = await (await signedIn(browser, learner)).newPage();
			await page.goto(`/learn/opportunities/${roleId}`);
			await shown(seesList(page, orgName).getByText(SEES_PROFILE));
			await shown(page.getByText(why.replace('{org}', orgName)));
			expect(await page.getByLabel(/Also share my profile/).count()).toBe(0);
			await page.getByRole('button', { name: 'Apply', exact: true }).click();
			await page.waitForURL('**/learn/applications/*');
			const applicationId = new URL(page.url()).pathname.split('/').pop()!;
			expect(await (await org.request(`/org/applications/${applicationId}`)).text()).toContain(
				'First aid · working'
			);
			expect((await org.post(`/org/roles/${roleId}?/move`, { move: 'close' })).status).toBe(200);
			await page.context().close();
		}
	);
});
