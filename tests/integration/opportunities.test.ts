/** What learners see of roles: open roles of vetted organizations only, ranked and explained, with courses that close a gap. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder } from '$lib/server/courses/content-files';
import type { Db } from '$lib/server/db';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { createRole, moveRole, type RoleInput } from '$lib/server/roles/editing';
import {
	getOpportunity,
	listOpportunities,
	opportunitiesPage
} from '$lib/server/matching/opportunities';
import { reviewRole } from '$lib/server/roles/review';
import { declareSkills, saveProfileDetails } from '$lib/server/skills/profile';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { roleInput } from '../helpers/roles';
import { almostThere, byMatch, scoreMatch } from '$lib/server/matching/score';
import { AREAS, ORG_AREAS } from '$lib/vocab/areas';
import { AVAILABILITY } from '$lib/vocab/profile';
import { ROLE_KINDS } from '$lib/vocab/roles';

let db: Db;
let cleanup: () => Promise<void>;
let adminId: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, readTaxonomy());
	await loadCourseBundle(db, readCourseFolder('content/courses/thai-for-mae-sot'));
	const admin = await createAdministrator(db, 'opsadmin');
	if (!admin.ok) throw new Error(admin.error);
	adminId = admin.userId;
});
afterEach(() => cleanup());

const NOW = Date.parse('2026-12-01T00:00:00Z');
const role = (title: string, skills: RoleInput['skills'], more: Partial<RoleInput> = {}) =>
	roleInput(title, skills, { closesOn: '2026-12-31', ...more });

/** A role taken all the way to open (or stopped at `until`). */
async function post(
	userId: string,
	input: RoleInput,
	until: 'draft' | 'submitted' | 'approved' | 'open' = 'open'
) {
	const created = await createRole(db, userId, input);
	if (!created.ok) throw new Error(created.error);
	if (until !== 'draft') await moveRole(db, userId, created.id, 'submit');
	if (until === 'approved' || until === 'open')
		await reviewRole(db, adminId, created.id, 'approve', '');
	if (until === 'open') await moveRole(db, userId, created.id, 'open');
	return created.id;
}

describe('opportunities', () => {
	it('ranks open roles for the learner, explains each, and points to the course that closes a gap', async () => {
		const org = await vettedOrgMember(db, 'ranker');
		const medic = await post(
			org.userId,
			role('Clinic volunteer', [
				{ id: 'first_aid', level: 2, required: true },
				{ id: 'thai', level: 1, required: true }
			])
		);
		const cook = await post(
			org.userId,
			role('Camp cook', [{ id: 'large_group_cooking', level: 1, required: true }], {
				availability: 'full_time'
			})
		);
		const learner = await account(db, 'formermedic', 'learner');
		await declareSkills(db, learner.userId, [
			{ id: 'first_aid', level: 3 },
			{ id: 'large_group_cooking', level: 1 }
		]);
		await saveProfileDetails(db, learner.userId, {
			area: 'mae_sot',
			visibility: 'hidden',
			remote: false,
			availability: ['volunteer'],
			interests: []
		});

		let list = await listOpportunities(db, learner.userId, 'en', NOW);
		// The cook role is met (eligible) though it is not the learner's time; the medic role lacks Thai.
		expect(list.map((o) => [o.id, o.match.eligible, o.match.score])).toEqual([
			[cook, true, 85],
			[medic, false, 25 + 20 + 15 + 15]
		]);
		expect(list[1].missing).toEqual([
			{
				id: 'thai',
				name: 'Thai',
				level: 1,
				has: 0,
				reaches: true,
				trainings: [],
				courses: [{ id: 'thai-for-mae-sot', title: 'Thai for Mae Sot', level: 1, practical: false }]
			}
		]);

		// Declaring Thai (or finishing the course) makes the learner eligible at once.
		await declareSkills(db, learner.userId, [{ id: 'thai', level: 1 }]);
		list = await listOpportunities(db, learner.userId, 'en', NOW);
		expect(list[0]).toMatchObject({
			id: medic,
			match: { eligible: true, score: 100 },
			missing: []
		});
		expect((await getOpportunity(db, learner.userId, medic, 'en', NOW))?.skills).toEqual([
			{ name: 'First aid', level: 2, required: true, has: 3 },
			{ name: 'Thai', level: 1, required: true, has: 1 }
		]);
	});

	it('counts a full-time learner available for part-time and volunteer roles, and a part-time one for volunteer roles only', async () => {
		const org = await vettedOrgMember(db, 'clinic');
		const ids = {
			volunteer: await post(
				org.userId,
				role('Clinic volunteer', [], { availability: 'volunteer' })
			),
			part_time: await post(org.userId, role('Clinic helper', [], { availability: 'part_time' })),
			full_time: await post(org.userId, role('Clinic nurse', [], { availability: 'full_time' }))
		};
		const fits = async (
			name: string,
			availability: ('full_time' | 'part_time' | 'volunteer')[]
		) => {
			const learner = await account(db, name, 'learner');
			await saveProfileDetails(db, learner.userId, {
				area: 'mae_sot',
				visibility: 'hidden',
				remote: false,
				availability,
				interests: []
			});
			const list = await listOpportunities(db, learner.userId, 'en', NOW);
			return Object.fromEntries(
				Object.entries(ids).map(([time, id]) => [time, list.find((o) => o.id === id)?.match.time])
			);
		};
		expect(await fits('fulltimemedic', ['full_time'])).toEqual({
			volunteer: true,
			part_time: true,
			full_time: true
		});
		expect(await fits('parttimemedic', ['part_time'])).toEqual({
			volunteer: true,
			part_time: true,
			full_time: false
		});
		expect(await fits('volunteermedic', ['volunteer'])).toEqual({
			volunteer: true,
			part_time: false,
			full_time: false
		});
		// The detail page explains the same match.
		const learner = await account(db, 'detailmedic', 'learner');
		await saveProfileDetails(db, learner.userId, {
			area: 'mae_sot',
			visibility: 'hidden',
			remote: false,
			availability: ['full_time'],
			interests: []
		});
		expect(
			(await getOpportunity(db, learner.userId, ids.volunteer, 'en', NOW))?.match
		).toMatchObject({ time: true, score: 100 });
	});

	it('shows only open roles of vetted organizations before their closing day; a suspension hides them at once', async () => {
		const org = await vettedOrgMember(db, 'visibility');
		const open = await post(org.userId, role('Open', []));
		const hidden = [
			await post(org.userId, role('Draft', []), 'draft'),
			await post(org.userId, role('Submitted', []), 'submitted'),
			await post(org.userId, role('Approved', []), 'approved')
		];
		const closing = await post(org.userId, role('Closed', []));
		await moveRole(db, org.userId, closing, 'close');
		const past = await post(org.userId, role('Past', [], { closesOn: '2026-11-30' }));
		const learner = await account(db, 'looking', 'learner');
		expect((await listOpportunities(db, learner.userId, 'en', NOW)).map((o) => o.id)).toEqual([
			open
		]);
		for (const id of [...hidden, closing, past])
			expect(await getOpportunity(db, learner.userId, id, 'en', NOW)).toBeNull();

		const orgId = (
			await db
				.selectFrom('org_member')
				.select('org_id')
				.where('user_id', '=', org.userId)
				.executeTakeFirstOrThrow()
		).org_id;
		await decideOrganization(db, adminId, orgId, 'suspend', 'Checks');
		expect(await listOpportunities(db, learner.userId, 'en', NOW)).toEqual([]);
		expect(await getOpportunity(db, learner.userId, open, 'en', NOW)).toBeNull();
	});

	it('pages and filters the list, and counts a new skill and a newly opened role at once', async () => {
		const org = await vettedOrgMember(db, 'manyroles');
		for (let i = 0; i < 22; i++)
			await post(
				org.userId,
				role(`Thai helper ${String(i).padStart(2, '0')}`, [
					{ id: 'thai', level: 1, required: true }
				])
			);
		await post(
			org.userId,
			role('Driver', [{ id: 'car_driving', level: 1, required: true }], { kind: 'paid_job' })
		);
		const learner = await account(db, 'pager', 'learner');

		const first = await opportunitiesPage(
			db,
			learner.userId,
			'en',
			{ kind: '', show: 'all', page: 1 },
			NOW
		);
		expect([first.total, first.matching, first.page, first.pages, first.roles.length]).toEqual([
			23, 23, 1, 2, 20
		]);
		// Every role on the page has its gap explained; the Thai ones with the course that closes it.
		expect(first.roles.find((r) => r.title.startsWith('Thai helper'))?.missing).toEqual([
			{
				id: 'thai',
				level: 1,
				has: 0,
				name: 'Thai',
				reaches: true,
				trainings: [],
				courses: [{ id: 'thai-for-mae-sot', title: expect.any(String), level: 1, practical: false }]
			}
		]);
		expect(first.roles.every((r) => r.missing.length === 1)).toBe(true);
		const second = await opportunitiesPage(
			db,
			learner.userId,
			'en',
			{ kind: '', show: 'all', page: 2 },
			NOW
		);
		expect(second.roles.length).toBe(3);
		expect(new Set([...first.roles, ...second.roles].map((r) => r.id)).size).toBe(23);
		// Past the end: the last page.
		expect(
			(await opportunitiesPage(db, learner.userId, 'en', { kind: '', show: 'all', page: 99 }, NOW))
				.page
		).toBe(2);
		const jobs = await opportunitiesPage(
			db,
			learner.userId,
			'en',
			{ kind: 'paid_job', show: 'all', page: 1 },
			NOW
		);
		expect(jobs.roles.map((r) => r.title)).toEqual(['Driver']);
		expect(
			(
				await opportunitiesPage(
					db,
					learner.userId,
					'en',
					{ kind: '', show: 'eligible', page: 1 },
					NOW
				)
			).matching
		).toBe(0);

		// A learner's new skill and a newly opened role count at the next page view.
		await declareSkills(db, learner.userId, [{ id: 'thai', level: 1 }]);
		await post(org.userId, role('Interpreter', [{ id: 'thai', level: 1, required: true }]));
		const eligible = await opportunitiesPage(
			db,
			learner.userId,
			'en',
			{ kind: '', show: 'eligible', page: 1 },
			NOW
		);
		expect([eligible.total, eligible.matching]).toEqual([24, 23]);
		expect(
			(await listOpportunities(db, learner.userId, 'en', NOW)).find(
				(r) => r.title === 'Interpreter'
			)?.match.eligible
		).toBe(true);
	});

	it('ranks hundreds of roles exactly as scoring each one and sorting by the ranking rule does, filters included', async () => {
		const org = await vettedOrgMember(db, 'manyroles');
		const { org_id: orgId } = await db
			.selectFrom('org_member')
			.select('org_id')
			.where('user_id', '=', org.userId)
			.executeTakeFirstOrThrow();
		const skills = (
			await db.selectFrom('skill').select('id').orderBy('id').limit(12).execute()
		).map((s) => s.id);
		// A seeded generator, so a failure can be replayed.
		let seed = 17;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
		for (let r = 0; r < 300; r++) {
			const id = `many-${String(r).padStart(3, '0')}`;
			const remote = rnd() < 0.3;
			await db
				.insertInto('role')
				.values({
					id,
					org_id: orgId,
					kind: pick(ROLE_KINDS),
					title_my: '',
					title_en: `Role ${r}`,
					description_my: '',
					description_en: 'Help',
					safety_my: '',
					safety_en: '',
					area: remote && rnd() < 0.5 ? null : pick(ORG_AREAS),
					remote: remote ? 1 : 0,
					availability: pick(AVAILABILITY),
					pay: '',
					seats: 1,
					starts_on: null,
					// Some closed before today, many on the same day, so ties are broken by id.
					closes_on:
						rnd() < 0.4 ? null : pick(['2026-11-30', '2026-12-01', '2026-12-20', '2027-01-05']),
					status: 'open',
					reviewed_by: null,
					reviewed_at: null,
					created_by: org.userId,
					created_at: NOW,
					updated_at: NOW
				})
				.execute();
			const named = new Set<string>();
			const count = Math.floor(rnd() * 5);
			while (named.size < count) named.add(pick(skills));
			let i = 0;
			for (const skill of named)
				await db
					.insertInto('role_skill')
					.values({
						role_id: id,
						skill_id: skill,
						level: 1 + Math.floor(rnd() * 3),
						required: i++ < 2 ? 1 : 0
					})
					.execute();
		}
		const roleFacts = async () => {
			const roles = await db
				.selectFrom('role')
				.selectAll()
				.where('status', '=', 'open')
				.where((eb) => eb.or([eb('closes_on', 'is', null), eb('closes_on', '>=', '2026-12-01')]))
				.execute();
			const named = await db.selectFrom('role_skill').selectAll().orderBy('skill_id').execute();
			return roles.map((r) => ({
				id: r.id,
				kind: r.kind,
				closesOn: r.closes_on,
				facts: {
					required: named
						.filter((s) => s.role_id === r.id && s.required === 1)
						.map((s) => ({ id: s.skill_id, level: s.level })),
					preferred: named
						.filter((s) => s.role_id === r.id && s.required === 0)
						.map((s) => ({ id: s.skill_id, level: s.level })),
					area: r.area,
					remote: r.remote === 1,
					availability: r.availability
				}
			}));
		};
		const roles = await roleFacts();
		for (let l = 0; l < 6; l++) {
			const learner = await account(db, `many${l}`, 'learner');
			const held: Record<string, number> = {};
			for (const skill of skills) if (rnd() < 0.5) held[skill] = 1 + Math.floor(rnd() * 3);
			await declareSkills(
				db,
				learner.userId,
				Object.entries(held).map(([id, level]) => ({ id, level }))
			);
			const details = {
				area: pick(AREAS),
				visibility: 'hidden' as const,
				remote: rnd() < 0.5,
				availability: AVAILABILITY.filter(() => rnd() < 0.4),
				interests: []
			};
			await saveProfileDetails(db, learner.userId, details);
			const expected = roles
				.map((r) => ({
					...r,
					match: scoreMatch({ skills: held, ...details }, r.facts)
				}))
				.sort(byMatch);
			// Not all alike: some eligible, some almost there, some further.
			expect(new Set(expected.map((o) => o.match.score)).size).toBeGreaterThan(5);
			expect(
				(await listOpportunities(db, learner.userId, 'en', NOW)).map((o) => [o.id, o.match])
			).toEqual(expected.map((o) => [o.id, o.match]));
			for (const show of ['all', 'eligible', 'almost'] as const)
				for (const kind of ['', ROLE_KINDS[0]] as const) {
					const chosen = expected.filter(
						(o) =>
							(!kind || o.kind === kind) &&
							(show === 'all' || (show === 'eligible' ? o.match.eligible : almostThere(o.match)))
					);
					const page = await opportunitiesPage(
						db,
						learner.userId,
						'en',
						{ kind, show, page: 2 },
						NOW
					);
					expect([page.total, page.matching]).toEqual([expected.length, chosen.length]);
					expect(page.roles.map((o) => o.id)).toEqual(
						chosen.slice(20 * (page.page - 1), 20 * page.page).map((o) => o.id)
					);
				}
		}
	});
});
