import { removeExample } from '$lib/server/orgs/examples';
/**
 * The starter data's example training (src/lib/server/trainings/example.ts): made once on a new
 * install, shown to learners marked as an example with no place to ask, removed by an
 * administrator for good.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import {
	exampleTraining,
	loadExampleTraining,
	readExampleTraining
} from '$lib/server/trainings/example';
import { askForPlace } from '$lib/server/trainings/places';
import { trainingForLearner, trainingsForLearner } from '$lib/server/trainings/listing';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { eachTestDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openTraining } from '../helpers/trainings';

let db: Db;
eachTestDb((made) => (db = made));

let admin: string;
beforeEach(async () => {
	await loadTaxonomy(db, readTaxonomy());
	const made = await createAdministrator(db, 'checker');
	if (!made.ok) throw new Error(made.error);
	admin = made.userId;
});

const NOW = Date.parse('2026-12-06T08:00:00Z');

describe('the example training', () => {
	it('is made once, open for a month from the first start, with its sessions, provisions and skill', async () => {
		const id = await loadExampleTraining(db, readExampleTraining(), NOW);
		expect(id).toBeTruthy();
		expect(await loadExampleTraining(db, readExampleTraining(), NOW + 1000)).toBeNull();
		const row = await db
			.selectFrom('training')
			.selectAll()
			.where('id', '=', id!)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ example: 1, status: 'open', closes_on: '2027-01-05', seats: 12 });
		expect(row.title_en).toMatch(/^Example/);
		expect(
			await db
				.selectFrom('training_session')
				.select('starts_at')
				.where('training_id', '=', id!)
				.execute()
		).toEqual([{ starts_at: '2027-01-10T09:00' }, { starts_at: '2027-01-11T09:00' }]);
		expect(
			await db
				.selectFrom('training_skill')
				.select(['skill_id', 'level'])
				.where('training_id', '=', id!)
				.execute()
		).toEqual([{ skill_id: 'sewing_machine_operation', level: 1 }]);
	});

	it('shows learners it is an example, last in the list, and refuses every request for a place', async () => {
		const id = (await loadExampleTraining(db, readExampleTraining()))!;
		const member = (await vettedOrgMember(db, 'sewing')).userId;
		const real = await openTraining(db, member, admin, 4);
		const learner = (await account(db, 'spouse', 'learner')).userId;
		const list = await trainingsForLearner(db, { id: learner, background: 'family' }, 'en');
		expect(list.open.map((t) => [t.id, t.example])).toEqual([
			[real, false],
			[id, true]
		]);
		const page = await trainingForLearner(db, learner, id, 'en');
		expect(page).toMatchObject({ full: true, example: true, canAsk: false });
		expect(await askForPlace(db, learner, id)).toEqual({ ok: false, error: 'example' });
		expect(await db.selectFrom('training_place').selectAll().execute()).toEqual([]);
	});

	it('is removed by an administrator only, for good; no other training can be removed so', async () => {
		const id = (await loadExampleTraining(db, readExampleTraining()))!;
		const member = (await vettedOrgMember(db, 'sewing')).userId;
		const real = await openTraining(db, member, admin, 4);
		expect(await removeExample(db, 'training', member, id)).toEqual({
			ok: false,
			error: 'not_admin'
		});
		expect(await removeExample(db, 'training', admin, real)).toEqual({
			ok: false,
			error: 'not_example'
		});
		expect(await exampleTraining(db)).toMatchObject({ id });
		expect(await removeExample(db, 'training', admin, id)).toEqual({ ok: true });
		expect(await exampleTraining(db)).toBeNull();
		// The next start does not bring it back.
		expect(await loadExampleTraining(db, readExampleTraining())).toBeNull();
		expect(await exampleTraining(db)).toBeNull();
		expect(await db.selectFrom('training').select('id').execute()).toEqual([{ id: real }]);
	});
});
