/**
 * Final acts ask first: revoking a certificate and withdrawing an application open a question
 * with a second button, without JavaScript too; the actions refuse a post that skipped it.
 * Once, one tap revoked a certificate for good.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, launch, shown, signedIn, storedRow } from './support';
import { buildWorld, type World } from './world';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('final acts ask first', () => {
	let world: World;
	beforeAll(async () => {
		world = await buildWorld();
	}, 180_000);

	it('revoking a certificate, without JavaScript: the first tap asks, the second revokes; a post without the confirmation is refused', async () => {
		const certificate = world.certificate;
		const refused = await world.learner.post('/learn/certificates?/revoke', { code: certificate });
		expect(refused.status).toBe(400);
		expect(storedRow('select revoked_at from certificate where code = ?', certificate)).toEqual({
			revoked_at: null
		});

		const page = await (
			await signedIn(browser, world.learner, { javaScriptEnabled: false })
		).newPage();
		await page.goto('/learn/certificates');
		const yes = page.getByRole('button', { name: 'Yes, revoke it' });
		expect(await yes.isVisible()).toBe(false);
		await page.getByText('Revoke for good').click();
		await shown(
			page.getByText(
				'Revoke this certificate for good? Anyone who checks its code will be told it was revoked, and it cannot be shown or used again.'
			)
		);
		expect(storedRow('select revoked_at from certificate where code = ?', certificate)).toEqual({
			revoked_at: null
		});
		await yes.click();
		await shown(page.getByText('Revoked.', { exact: true }));
		expect(
			storedRow<{ revoked_at: number | null }>(
				'select revoked_at from certificate where code = ?',
				certificate
			).revoked_at
		).toBeGreaterThan(0);
		expect(await (await new Client('en').request(`/verify/${certificate}`)).text()).toContain(
			'This certificate was revoked by its holder.'
		);
		await page.context().close();
	});

	it('withdrawing an application: the first tap asks, the second withdraws', async () => {
		const page = await (await signedIn(browser, world.learner)).newPage();
		await page.goto(`/learn/applications/${world.applicationId}`);
		const yes = page.getByRole('button', { name: 'Yes, withdraw it' });
		expect(await yes.isVisible()).toBe(false);
		await page.getByText('Withdraw my application').click();
		await shown(
			page.getByText(/^Withdraw this application\? The organization will see it withdrawn/)
		);
		expect(storedRow('select status from application where id = ?', world.applicationId)).toEqual({
			status: 'applied'
		});
		await yes.click();
		await shown(page.getByRole('status').getByText('Your application is withdrawn.'));
		expect(storedRow('select status from application where id = ?', world.applicationId)).toEqual({
			status: 'withdrawn'
		});
		await page.context().close();
	});
});
