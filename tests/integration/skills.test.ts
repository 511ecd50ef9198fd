/** The skill taxonomy, the crosswalk from what a person did before, and a learner's skill profile. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { readCourseFolder, readStarterCatalogue } from '$lib/server/courses/content-files';
import { markLessonDone, submitQuiz } from '$lib/server/courses/progress';
import type { Db } from '$lib/server/db';
import { listBackgrounds, suggestSkills } from '$lib/server/skills/crosswalk';
import {
	declareSkills,
	getProfile,
	getSkillGroup,
	listSkillGroups,
	saveProfileDetails
} from '$lib/server/skills/profile';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { profileDetailsSchema, skillChoicesSchema } from '$lib/schemas/profile';
import { freshDb } from '../helpers/db';
import { account } from '../helpers/authors';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, readTaxonomy());
});
afterEach(() => cleanup());

const taxonomy = readTaxonomy();

describe('the curated taxonomy', () => {
	it('has the groups the partners need, 150 to 250 skills, three levels each in both languages, and every starter course skill', () => {
		expect(taxonomy.groups.map((g) => g.id)).toEqual(
			expect.arrayContaining([
				'health',
				'teaching',
				'it_computer',
				'languages',
				'construction',
				'vehicles',
				'logistics',
				'office',
				'food',
				'textiles',
				'agriculture',
				'care_work',
				'security_safety'
			])
		);
		const skills = taxonomy.groups.flatMap((g) => g.skills);
		expect(skills.length).toBeGreaterThanOrEqual(150);
		expect(skills.length).toBeLessThanOrEqual(250);
		const ids = new Set(skills.map((s) => s.id));
		for (const bundle of readStarterCatalogue())
			for (const skill of bundle.course.skills)
				expect(ids, `${bundle.course.id}: ${skill.id}`).toContain(skill.id);
		// Languages are skills too, so a role can ask for "Thai, basic".
		expect(taxonomy.groups.find((g) => g.id === 'languages')!.skills.map((s) => s.id)).toEqual(
			expect.arrayContaining([
				'burmese',
				'english',
				'thai',
				'karen_sgaw',
				'chin',
				'kachin',
				'shan',
				'hindi'
			])
		);
	});

	it('loads again without change, keeps an administrator’s edit, and a course never renames a taxonomy skill', async () => {
		await loadTaxonomy(db, taxonomy);
		const count = await db
			.selectFrom('skill')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(count.n).toBe(taxonomy.groups.reduce((n, g) => n + g.skills.length, 0));
		await db
			.updateTable('skill')
			.set({ name_en: 'First aid (edited)', updated_at: 1 })
			.where('id', '=', 'first_aid')
			.execute();
		await loadTaxonomy(db, taxonomy);
		await loadCourseBundle(db, readCourseFolder('content/courses/first-aid-basics'));
		const firstAid = await db
			.selectFrom('skill')
			.selectAll()
			.where('id', '=', 'first_aid')
			.executeTakeFirstOrThrow();
		expect(firstAid).toMatchObject({ name_en: 'First aid (edited)', group_id: 'health' });
		const thai = await getSkillGroup(db, 'languages', 'en');
		expect(thai?.skills.find((s) => s.id === 'thai')?.levels?.basic).toBeTruthy();
	});
});

describe('the crosswalk', () => {
	it('suggests skills with levels for a military trade and for household work, and knows nothing it is not given', async () => {
		const backgrounds = await listBackgrounds(db, 'my');
		expect(backgrounds.filter((b) => b.kind === 'service').length).toBeGreaterThanOrEqual(12);
		expect(backgrounds.filter((b) => b.kind === 'household').length).toBeGreaterThanOrEqual(8);
		// Kinds of work only: no rank, unit, number or place.
		for (const b of taxonomy.backgrounds)
			expect(`${b.name.en}`).not.toMatch(
				/\b(rank|unit|battalion|regiment|badge|number|division|command)\b/i
			);
		const learner = await account(db, 'formermedic', 'learner');
		const medic = await suggestSkills(db, 'medical_corps', 'en', learner.userId);
		expect(medic?.skills).toEqual(
			expect.arrayContaining([expect.objectContaining({ id: 'first_aid', usual: 2 })])
		);
		expect(medic?.skills.every((s) => s.levels !== null)).toBe(true);
		const sewing = await suggestSkills(db, 'sewing', 'my', learner.userId);
		expect(sewing?.skills.map((s) => s.id)).toContain('sewing_machine_operation');
		expect(await suggestSkills(db, 'no_such_work', 'en', learner.userId)).toBeNull();
	});

	it('suggests every skill unclaimed: nothing is the learner’s until they choose it, and what they chose stays theirs', async () => {
		const learner = await account(db, 'cautious', 'learner');
		const suggested = async () =>
			(await suggestSkills(db, 'medical_corps', 'en', learner.userId))!.skills;
		const first = await suggested();
		expect(first.length).toBeGreaterThanOrEqual(8);
		expect(first.filter((s) => s.chosen !== 0)).toEqual([]);
		// The form sends every suggestion at the level it starts from: saved as is, it claims nothing.
		await declareSkills(
			db,
			learner.userId,
			first.map((s) => ({ id: s.id, level: s.chosen }))
		);
		expect((await getProfile(db, learner.userId, 'en')).skills).toEqual([]);
		// The learner taps two levels, one below the usual one; only those two become theirs.
		await declareSkills(
			db,
			learner.userId,
			first.map((s) => ({
				id: s.id,
				level: s.id === 'first_aid' ? 1 : s.id === 'triage' ? 3 : s.chosen
			}))
		);
		expect(
			(await getProfile(db, learner.userId, 'en')).skills.map((s) => [
				s.id,
				s.level,
				s.sources.map((x) => x.kind)
			])
		).toEqual([
			['first_aid', 1, ['self']],
			['triage', 3, ['self']]
		]);
		// Shown again, the list starts from what they chose; a skill from a course alone is not "chosen".
		await db
			.insertInto('user_skill')
			.values({
				user_id: learner.userId,
				skill_id: 'wound_care',
				level: 1,
				source: 'course',
				source_ref: 'some-course',
				granted_at: 1
			})
			.execute();
		expect(
			(await suggested()).filter((s) => s.chosen !== 0).map((s) => [s.id, s.chosen, s.usual])
		).toEqual([
			['first_aid', 1, 2],
			['triage', 3, 2]
		]);
		// Another learner's choices are not shown.
		const other = await account(db, 'otherone', 'learner');
		expect(
			(await suggestSkills(db, 'medical_corps', 'en', other.userId))!.skills.every(
				(s) => s.chosen === 0
			)
		).toBe(true);
	});
});

describe('a learner’s skill profile', () => {
	it('keeps self-declared levels apart from a completed course, shows where each comes from, and the highest level', async () => {
		const learner = await account(db, 'profiled', 'learner');
		expect(
			await declareSkills(db, learner.userId, [
				{ id: 'first_aid', level: 3 },
				{ id: 'thai', level: 1 }
			])
		).toEqual({ ok: true });
		// A completed course adds its own source.
		const bundle = readCourseFolder('content/courses/first-aid-basics');
		await loadCourseBundle(db, bundle);
		for (const module of bundle.course.modules) {
			for (const lesson of module.lessons)
				await markLessonDone(db, learner.userId, 'first-aid-basics', lesson.id);
			const quiz = bundle.quizzes.get(module.quiz!)!;
			const answers = Object.fromEntries(
				quiz.questions.map((q) => [
					q.id,
					q.type === 'single'
						? q.options.find((o) => o.correct)!.id
						: q.type === 'multiple'
							? q.options.filter((o) => o.correct).map((o) => o.id)
							: q.type === 'true_false'
								? q.answer
								: (q.accepted.en[0] ?? q.accepted.my[0])
				])
			);
			await submitQuiz(db, learner.userId, 'first-aid-basics', quiz.id, answers);
		}
		let profile = await getProfile(db, learner.userId, 'en');
		const firstAid = profile.skills.find((s) => s.id === 'first_aid')!;
		expect(firstAid.level).toBe(3);
		expect(firstAid.sources).toEqual(
			expect.arrayContaining([
				{ kind: 'self', level: 3, from: null },
				{ kind: 'course', level: 1, from: bundle.course.title.en }
			])
		);
		// Taking back the self-declared level leaves the course's.
		await declareSkills(db, learner.userId, [
			{ id: 'first_aid', level: 0 },
			{ id: 'thai', level: 2 }
		]);
		profile = await getProfile(db, learner.userId, 'en');
		expect(profile.skills.find((s) => s.id === 'first_aid')).toMatchObject({
			level: 1,
			sources: [{ kind: 'course' }]
		});
		expect(profile.skills.find((s) => s.id === 'thai')).toMatchObject({ level: 2 });
	});

	it('refuses an unknown skill or group and writes nothing; is hidden until the learner chooses otherwise', async () => {
		const learner = await account(db, 'careful', 'learner');
		expect(
			await declareSkills(db, learner.userId, [
				{ id: 'first_aid', level: 2 },
				{ id: 'flying', level: 3 }
			])
		).toEqual({ ok: false, error: 'no_skill' });
		expect((await getProfile(db, learner.userId, 'en')).skills).toEqual([]);
		expect(await getProfile(db, learner.userId, 'en')).toMatchObject({
			visibility: 'hidden',
			area: 'unsaid',
			availability: [],
			remote: false,
			interests: []
		});
		const details = {
			area: 'mae_sot' as const,
			visibility: 'vetted' as const,
			remote: true,
			availability: ['part_time' as const],
			interests: ['health', 'nowhere']
		};
		expect(await saveProfileDetails(db, learner.userId, details)).toEqual({
			ok: false,
			error: 'no_group'
		});
		expect((await getProfile(db, learner.userId, 'en')).visibility).toBe('hidden');
		expect(
			await saveProfileDetails(db, learner.userId, { ...details, interests: ['health'] })
		).toEqual({ ok: true });
		expect(await getProfile(db, learner.userId, 'en')).toMatchObject({
			area: 'mae_sot',
			visibility: 'vetted',
			remote: true,
			availability: ['part_time'],
			interests: ['health']
		});
		expect((await listSkillGroups(db, 'my'))[0].name).toMatch(/[\u1000-\u109f]/);
	});
});

describe('the profile forms', () => {
	it('take fixed choices only: unknown fields, typed text and out-of-range levels are refused', () => {
		expect(skillChoicesSchema.safeParse({ level_first_aid: '2', level_thai: '0' }).data).toEqual([
			{ id: 'first_aid', level: 2 },
			{ id: 'thai', level: 0 }
		]);
		expect(skillChoicesSchema.safeParse({ level_first_aid: '4' }).success).toBe(false);
		expect(skillChoicesSchema.safeParse({ name: 'Ko Aung' }).success).toBe(false);
		expect(skillChoicesSchema.safeParse({}).success).toBe(false);
		const good = profileDetailsSchema.safeParse({
			area: 'unsaid',
			visibility: 'hidden',
			availability_volunteer: 'on',
			interest_health: 'on',
			remote: 'on'
		});
		expect(good.data).toEqual({
			area: 'unsaid',
			visibility: 'hidden',
			remote: true,
			password: null,
			availability: ['volunteer'],
			interests: ['health']
		});
		for (const bad of [
			{ area: 'Yangon', visibility: 'hidden' },
			{ area: 'unsaid', visibility: 'everyone' },
			{ area: 'unsaid', visibility: 'hidden', unit: 'on' },
			{ area: 'unsaid', visibility: 'hidden', availability_sometimes: 'on' },
			{ area: 'unsaid', visibility: 'hidden', phone: '0912345678' }
		]) {
			expect(profileDetailsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
		}
	});
});
