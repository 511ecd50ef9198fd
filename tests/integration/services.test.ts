import { removeExample } from '$lib/server/orgs/examples';
/**
 * Support services (src/lib/server/services/): a vetted organization lists them, an
 * administrator reviews each before the public directory shows it, the directory's version
 * follows every change, and the starter data's examples come once and go for good.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import { createService, moveService, updateService } from '$lib/server/services/editing';
import { directory, listedService } from '$lib/server/services/directory';
import { orgService, orgServices } from '$lib/server/services/organization';
import { reviewService, serviceForReview, servicesForAdmin } from '$lib/server/services/review';
import { loadExampleServices, readExampleServices } from '$lib/server/services/example';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { listedService as listed, serviceInput } from '../helpers/services';

let db: Db;
eachTestDb((made) => (db = made));

let admin: string;
let member: string;
let other: string;
beforeEach(async () => {
	const made = await createAdministrator(db, 'checker');
	if (!made.ok) throw new Error(made.error);
	admin = made.userId;
	member = (await vettedOrgMember(db, 'clinic')).userId;
	other = (await vettedOrgMember(db, 'legal')).userId;
});

describe('an organization lists a service', () => {
	it('as a draft nobody else sees, shown in the directory only once an administrator approves it', async () => {
		const created = await createService(db, member, serviceInput());
		if (!created.ok) throw new Error(created.error);
		expect((await directory(db)).services).toEqual([]);
		expect(await serviceForReview(db, created.id)).toBeNull();
		expect(await moveService(db, member, created.id, 'submit')).toMatchObject({ ok: true });
		expect((await servicesForAdmin(db)).map((s) => [s.id, s.status])).toEqual([
			[created.id, 'submitted']
		]);
		expect((await directory(db)).services).toEqual([]);
		expect(await reviewService(db, admin, created.id, 'approve', '')).toEqual({ ok: true });
		const found = await directory(db);
		expect(found.services).toEqual([
			expect.objectContaining({
				id: created.id,
				org: 'clinic org',
				kind: 'counselling',
				area: 'remote',
				name: { my: 'စိတ်ပိုင်း ဆွေးနွေးမှု', en: 'Someone to talk to' },
				languages: ['my', 'en'],
				free: true,
				example: false
			})
		]);
		expect(found.bytes).toBeGreaterThan(50);
		expect(await listedService(db, created.id)).toMatchObject({ id: created.id });
	});

	it('returned with a note goes back to draft, and only a draft changes', async () => {
		const created = await createService(db, member, serviceInput());
		if (!created.ok) throw new Error(created.error);
		await moveService(db, member, created.id, 'submit');
		expect(
			await updateService(db, member, created.id, serviceInput({ nameEn: 'Changed' }))
		).toEqual({ ok: false, error: 'not_draft' });
		expect(await reviewService(db, admin, created.id, 'return', 'Say your hours')).toEqual({
			ok: true
		});
		expect(await orgService(db, member, created.id)).toMatchObject({
			status: 'draft',
			reviewNote: 'Say your hours',
			moves: ['submit']
		});
		expect(
			await updateService(db, member, created.id, serviceInput({ hours: 'Every day' }))
		).toEqual({ ok: true });
		expect((await orgService(db, member, created.id))?.hours).toBe('Every day');
	});

	it("is another organization's to see or change: never", async () => {
		const id = await listed(db, member, admin);
		expect(await orgService(db, other, id)).toBeNull();
		expect(await orgServices(db, other)).toEqual([]);
		expect(await moveService(db, other, id, 'close')).toEqual({ ok: false, error: 'no_service' });
		expect(await updateService(db, other, id, serviceInput())).toEqual({
			ok: false,
			error: 'no_service'
		});
	});

	it('needs a vetted organization, and only an administrator reviews', async () => {
		const learner = (await account(db, 'someone', 'learner')).userId;
		expect(await createService(db, learner, serviceInput())).toEqual({
			ok: false,
			error: 'not_vetted'
		});
		const created = await createService(db, member, serviceInput());
		if (!created.ok) throw new Error(created.error);
		await moveService(db, member, created.id, 'submit');
		expect(await reviewService(db, member, created.id, 'approve', '')).toEqual({
			ok: false,
			error: 'not_admin'
		});
	});

	it('leaves the directory when the organization takes it out or is suspended, and the version changes', async () => {
		const id = await listed(db, member, admin);
		const first = await directory(db);
		await listed(db, other, admin, { kind: 'legal', nameEn: 'Papers', area: 'mae_sot' });
		const second = await directory(db);
		expect(second.version).not.toBe(first.version);
		expect(second.services.map((s) => s.kind).sort()).toEqual(['counselling', 'legal']);
		expect(await moveService(db, member, id, 'close')).toMatchObject({ ok: true });
		expect((await directory(db)).services.map((s) => s.kind)).toEqual(['legal']);
		const legalOrg = await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', other)
			.executeTakeFirstOrThrow();
		expect(await decideOrganization(db, admin, legalOrg.org_id, 'suspend', 'checking')).toEqual(
			expect.objectContaining({ ok: true })
		);
		expect((await directory(db)).services).toEqual([]);
	});

	it('has no "open" step: approved is listed', async () => {
		const id = await listed(db, member, admin);
		expect((await orgService(db, member, id))?.moves).toEqual(['close']);
	});
});

describe('the example services', () => {
	it('are made once, listed marked as examples, and an administrator removes each for good', async () => {
		const examples = readExampleServices();
		expect(await loadExampleServices(db, examples)).toBe(examples.services.length);
		expect(await loadExampleServices(db, examples)).toBe(0);
		const shown = (await directory(db)).services;
		expect(shown).toHaveLength(examples.services.length);
		expect(shown.every((s) => s.example && s.name.en.startsWith('Example'))).toBe(true);
		expect(await removeExample(db, 'service', member, shown[0].id)).toEqual({
			ok: false,
			error: 'not_admin'
		});
		expect(await removeExample(db, 'service', admin, shown[0].id)).toEqual({ ok: true });
		expect(await loadExampleServices(db, examples)).toBe(0);
		expect((await directory(db)).services).toHaveLength(examples.services.length - 1);
		const real = await listed(db, member, admin);
		expect(await removeExample(db, 'service', admin, real)).toEqual({
			ok: false,
			error: 'not_example'
		});
	});
});
