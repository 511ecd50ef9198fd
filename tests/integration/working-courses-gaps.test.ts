/** The working-level starter courses close a role's level-2 gap, and the basic courses do not. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readStarterCatalogue } from '$lib/server/courses/content-files';
import type { Db } from '$lib/server/db';
import { getOpportunity, listOpportunities } from '$lib/server/matching/opportunities';
import { declareSkills } from '$lib/server/skills/profile';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openRole } from '../helpers/roles';

let db: Db;
let cleanup: () => Promise<void>;
let adminId: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, readTaxonomy());
	for (const bundle of readStarterCatalogue()) await loadCourseBundle(db, bundle);
	const admin = await createAdministrator(db, 'opsadmin');
	if (!admin.ok) throw new Error(admin.error);
	adminId = admin.userId;
});
afterEach(() => cleanup());

const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('working-level courses', () => {
	it('name only skills of the taxonomy, under the taxonomy names', () => {
		const taxonomy = new Map(
			readTaxonomy().groups.flatMap((g) => g.skills.map((s) => [s.id, s.name] as const))
		);
		for (const { course } of readStarterCatalogue().filter((b) =>
			b.course.skills.some((s) => s.level === 2)
		)) {
			for (const skill of course.skills)
				expect(taxonomy.get(skill.id), `${course.id}: ${skill.id}`).toEqual(skill.name);
		}
	});

	it.each([
		['thai', 'thai-for-work-mae-sot'],
		['pricing_costing', 'earning-from-food-or-sewing'],
		['bookkeeping', 'earning-from-food-or-sewing'],
		['online_selling', 'earning-from-food-or-sewing'],
		['spreadsheets', 'office-computer-skills'],
		['burmese_unicode_typing', 'office-computer-skills'],
		['first_aid', 'first-aid-for-volunteers'],
		['wound_care', 'first-aid-for-volunteers'],
		['patient_transport', 'first-aid-for-volunteers'],
		['digital_safety', 'phone-and-account-safety']
	])(
		'a role asking %s at working level points to %s, not to the basic course',
		async (skill, course) => {
			const org = await vettedOrgMember(db, `org${skill.replace(/_/g, '')}`);
			const roleId = await openRole(db, org.userId, adminId, 'Working role', [
				{ id: skill, level: 2, required: true }
			]);
			const learner = await account(db, `learner${skill.replace(/_/g, '')}`, 'learner');
			const [opportunity] = await listOpportunities(db, learner.userId, 'en', NOW);
			expect(opportunity.id).toBe(roleId);
			expect(opportunity.missing.map((m) => [m.id, m.level, m.courses.map((c) => c.id)])).toEqual([
				[skill, 2, [course]]
			]);
			// A practical course records "basic" by itself: the page names the partner who confirms the level.
			expect(opportunity.missing[0].courses[0].practical).toBe(
				course === 'first-aid-for-volunteers'
			);
		}
	);

	it('a role asking Thai at basic level points to both Thai courses', async () => {
		const org = await vettedOrgMember(db, 'thaibasic');
		await openRole(db, org.userId, adminId, 'Thai helper', [
			{ id: 'thai', level: 1, required: true }
		]);
		const learner = await account(db, 'newcomer', 'learner');
		const [opportunity] = await listOpportunities(db, learner.userId, 'en', NOW);
		expect(opportunity.missing[0].courses.map((c) => c.id)).toEqual([
			'thai-for-mae-sot',
			'thai-for-work-mae-sot'
		]);
	});

	it('a role asking first aid at basic level points to both first-aid courses', async () => {
		const org = await vettedOrgMember(db, 'firstaidbasic');
		await openRole(db, org.userId, adminId, 'First-aid helper', [
			{ id: 'first_aid', level: 1, required: true }
		]);
		const learner = await account(db, 'helper', 'learner');
		const [opportunity] = await listOpportunities(db, learner.userId, 'en', NOW);
		expect(opportunity.missing[0].courses.map((c) => c.id)).toEqual([
			'first-aid-basics',
			'first-aid-for-volunteers'
		]);
	});
});

describe('a gap no course closes', () => {
	it('points to the course that starts the skill, says it is a first step, and points to the course that reaches it when one does', async () => {
		const org = await vettedOrgMember(db, 'firststeps');
		const roleId = await openRole(db, org.userId, adminId, 'Clinic interpreter', [
			{ id: 'english', level: 2, required: true },
			{ id: 'first_aid', level: 2, required: true },
			{ id: 'vital_signs', level: 1, required: true }
		]);
		const learner = await account(db, 'spousefirst', 'learner');
		const gaps = async () =>
			(await getOpportunity(db, learner.userId, roleId, 'en', NOW))!.missing.map((m) => [
				m.id,
				m.reaches,
				m.courses.map((c) => [c.id, c.level])
			]);
		expect(await gaps()).toEqual([
			// No working-level English course: the basic one is a first step.
			['english', false, [['english-for-work', 1]]],
			// First aid at working level: the course that reaches it, not the basic one.
			['first_aid', true, [['first-aid-for-volunteers', 2]]],
			// No course teaches it at all: nothing to point to.
			['vital_signs', false, []]
		]);
		// A learner who already has what a course teaches is not sent to it.
		await declareSkills(db, learner.userId, [
			{ id: 'first_aid', level: 1 },
			{ id: 'english', level: 1 }
		]);
		expect(await gaps()).toEqual([
			['english', false, []],
			['first_aid', true, [['first-aid-for-volunteers', 2]]],
			['vital_signs', false, []]
		]);
		// The list says the same.
		const [listed] = await listOpportunities(db, learner.userId, 'en', NOW);
		expect(listed.missing.find((m) => m.id === 'first_aid')).toMatchObject({
			reaches: true,
			courses: [{ id: 'first-aid-for-volunteers', level: 2 }]
		});
	});

	it('lists every first step, the one starting lowest first, when the level asked is above every course', async () => {
		const org = await vettedOrgMember(db, 'teachthai');
		await openRole(db, org.userId, adminId, 'Thai teacher', [
			{ id: 'thai', level: 3, required: true }
		]);
		const learner = await account(db, 'wantstoteach', 'learner');
		const [opportunity] = await listOpportunities(db, learner.userId, 'en', NOW);
		expect(opportunity.missing.map((m) => [m.reaches, m.courses.map((c) => c.id)])).toEqual([
			[false, ['thai-for-mae-sot', 'thai-for-work-mae-sot']]
		]);
		await declareSkills(db, learner.userId, [{ id: 'thai', level: 1 }]);
		const [again] = await listOpportunities(db, learner.userId, 'en', NOW);
		expect(again.missing.map((m) => [m.reaches, m.courses.map((c) => c.id)])).toEqual([
			[false, ['thai-for-work-mae-sot']]
		]);
	});
});
