/** Administrators adding and editing skills: ids, validation, duplicates, who may, and the loader keeping their words. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import { createRole } from '$lib/server/roles/editing';
import { setPostedSkill } from '$lib/server/roles/posted-skills';
import {
	addSkill,
	editSkill,
	skillForAdmin,
	skillFormValues,
	skillGroupsForAdmin,
	skillsForAdmin
} from '$lib/server/skills/editing';
import { declareSkills, getSkillGroup } from '$lib/server/skills/profile';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { skillFormSchema, type SkillInput } from '$lib/schemas/skill';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { roleInput } from '../helpers/roles';

let db: Db;
let cleanup: () => Promise<void>;
let adminId: string;
const taxonomy = readTaxonomy();
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, taxonomy);
	const admin = await createAdministrator(db, 'skillkeeper');
	if (!admin.ok) throw new Error(admin.error);
	adminId = admin.userId;
});
afterEach(() => cleanup());

const levels = {
	basic: {
		my: 'လက်မောင်းကို ထုပ်ပိုးကာ မလှုပ်အောင် ထားနိုင်သည်။',
		en: 'Can keep an injured arm still with a sling.'
	},
	working: {
		my: 'ခြေ၊ လက် အရိုးကျိုးကို ကျပ်စည်းနိုင်သည်။',
		en: 'Can splint a broken arm or leg and check the blood flow.'
	},
	teach: {
		my: 'ကျပ်စည်းနည်းကို လေ့ကျင့်ခန်းဖြင့် သင်ပေးနိုင်သည်။',
		en: 'Can teach splinting with practice and check each step.'
	}
};
const splinting: SkillInput = {
	group: 'health',
	name: { my: 'အရိုးကျိုး ကျပ်စည်းခြင်း', en: 'Splinting a broken limb' },
	levels
};
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};
const fields = {
	group: 'health',
	name_my: splinting.name.my,
	name_en: splinting.name.en,
	...Object.fromEntries(
		Object.entries(levels).flatMap(([level, text]) => [
			[`${level}_my`, text.my],
			[`${level}_en`, text.en]
		])
	)
};
const skillCount = async () =>
	Number(
		(
			await db
				.selectFrom('skill')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

describe('adding a skill', () => {
	it('makes its id from the English name, puts it at the end of its group, marks it edited, and learners and roles can choose it at once', async () => {
		const before = (await getSkillGroup(db, 'health', 'en'))!.skills;
		expect(await addSkill(db, adminId, splinting, 5000)).toEqual({
			ok: true,
			id: 'splinting_a_broken_limb'
		});
		const health = (await getSkillGroup(db, 'health', 'my'))!.skills;
		expect(health).toHaveLength(before.length + 1);
		expect(health.at(-1)).toEqual({
			id: 'splinting_a_broken_limb',
			name: 'အရိုးကျိုး ကျပ်စည်းခြင်း',
			levels: { basic: levels.basic.my, working: levels.working.my, teach: levels.teach.my }
		});
		expect(await skillForAdmin(db, 'splinting_a_broken_limb')).toMatchObject({
			groupId: 'health',
			editedAt: 5000,
			levels,
			use: { learners: 0, roles: 0, courses: 0 }
		});

		const learner = await account(db, 'splinter', 'learner');
		expect(
			await declareSkills(db, learner.userId, [{ id: 'splinting_a_broken_limb', level: 2 }])
		).toEqual({ ok: true });
		const org = await vettedOrgMember(db, 'clinic');
		const role = await createRole(db, org.userId, roleInput('Medic'));
		if (!role.ok) throw new Error(role.error);
		expect(
			await setPostedSkill(db, 'role', org.userId, role.id, {
				id: 'splinting_a_broken_limb',
				level: 2,
				required: true
			})
		).toEqual({ ok: true });
		expect((await skillsForAdmin(db, 'health')).at(-1)).toMatchObject({
			id: 'splinting_a_broken_limb',
			use: { learners: 1, roles: 1, courses: 0 }
		});
		expect((await skillGroupsForAdmin(db)).find((g) => g.id === 'health')?.skills).toBe(
			before.length + 1
		);
	});

	it('gives an id of the taxonomy form whatever the English name starts with', async () => {
		const added = await addSkill(db, adminId, {
			...splinting,
			name: { my: 'သုံးဖက်မြင် ပုံနှိပ်ခြင်း', en: '3D printing' }
		});
		expect(added).toEqual({ ok: true, id: 'skill_3d_printing' });
		const long = await addSkill(db, adminId, {
			...splinting,
			name: { my: 'ရှည်လျားသော အမည်', en: 'Repairing motorbike engines, gearboxes and brakes' }
		});
		expect(long).toEqual({ ok: true, id: 'repairing_motorbike_engines_gearboxes_an' });
		// Every form that names a skill (profile, roles, endorsements) takes ids of this form.
		for (const id of ['skill_3d_printing', 'repairing_motorbike_engines_gearboxes_an'])
			expect(id).toMatch(/^[a-z][a-z0-9_]{1,39}$/);
	});
});

describe('editing a skill', () => {
	it('changes names, group and level texts, keeps the id and who uses it, and moves it to the end of its new group', async () => {
		const learner = await account(db, 'medic', 'learner');
		await declareSkills(db, learner.userId, [{ id: 'first_aid', level: 3 }]);
		const edited = {
			group: 'teaching',
			name: { my: 'ရှေးဦးသူနာပြု သင်ကြားခြင်း', en: 'First aid teaching' },
			levels
		};
		expect(await editSkill(db, adminId, 'first_aid', edited, 7000)).toEqual({ ok: true });
		const skill = await skillForAdmin(db, 'first_aid');
		expect(skill).toMatchObject({
			id: 'first_aid',
			name: edited.name,
			groupId: 'teaching',
			levels,
			editedAt: 7000,
			use: { learners: 1 }
		});
		expect((await skillsForAdmin(db, 'teaching')).at(-1)?.id).toBe('first_aid');
		expect((await skillsForAdmin(db, 'health')).map((s) => s.id)).not.toContain('first_aid');
		// The form shows what is stored, and reads back as the same skill.
		expect(skillFormSchema.parse(skillFormValues(skill!))).toEqual(edited);
		// Saving again without a change is fine: its own name is no duplicate.
		expect(await editSkill(db, adminId, 'first_aid', edited, 8000)).toEqual({ ok: true });
	});

	it('places a skill a course named (no group, no levels)', async () => {
		await db
			.insertInto('skill')
			.values({ id: 'lace_making', name_my: 'ဇာထိုး', name_en: 'Lace making' })
			.execute();
		expect(await skillsForAdmin(db, null)).toEqual([
			expect.objectContaining({ id: 'lace_making', groupId: null, levels: null })
		]);
		expect(skillFormValues((await skillForAdmin(db, 'lace_making'))!)).toMatchObject({
			group: '',
			basic_my: '',
			teach_en: ''
		});
		expect(
			await editSkill(db, adminId, 'lace_making', {
				group: 'textiles',
				name: { my: 'ဇာထိုး', en: 'Lace making' },
				levels
			})
		).toEqual({ ok: true });
		expect(await skillsForAdmin(db, null)).toEqual([]);
		expect((await getSkillGroup(db, 'textiles', 'en'))!.skills.at(-1)).toMatchObject({
			id: 'lace_making',
			levels: { basic: levels.basic.en }
		});
	});
});

describe('the skill form', () => {
	it('reads Zawgyi as Unicode, takes any wording as typed, and refuses missing, non-Burmese and unusable names with translated messages', () => {
		const zawgyi = readFormData(
			form({ ...fields, name_my: 'ဒဏ္ရာ ပတ္တီးစည္းျခင္း' }),
			skillFormSchema,
			'en'
		);
		expect(zawgyi.ok && zawgyi.data.name.my).toBe('ဒဏ်ရာ ပတ်တီးစည်းခြင်း');

		// Text that looks like markup or SQL is only text: shown escaped, bound as a value.
		const worded = readFormData(
			form({
				...fields,
				working_my: '<b>ကျပ်</b> စည်းနိုင်သည်',
				teach_en: "Can teach it; update the group's notes --"
			}),
			skillFormSchema,
			'en'
		);
		expect(worded.ok && worded.data.levels).toMatchObject({
			working: { my: '<b>ကျပ်</b> စည်းနိုင်သည်' },
			teach: { en: "Can teach it; update the group's notes --" }
		});

		const bad = readFormData(
			form({ ...fields, group: 'Health!', name_my: 'Splinting', name_en: 'အရိုး', basic_en: '' }),
			skillFormSchema,
			'en'
		);
		expect(bad.ok).toBe(false);
		if (bad.ok) return;
		expect(bad.errors).toEqual({
			group: 'Please choose one of the options.',
			name_my: 'Write this in Burmese, in Myanmar Unicode letters.',
			name_en: "Write the English name with Latin letters: the skill's id is made from it.",
			basic_en: 'Please fill in this field.'
		});
		// What was typed comes back, to be corrected rather than typed again.
		expect(bad.values).toMatchObject({ name_my: 'Splinting', basic_my: levels.basic.my });

		const missing = readFormData(form({}), skillFormSchema, 'my');
		expect(missing.ok).toBe(false);
		if (!missing.ok)
			expect(Object.keys(missing.errors).sort()).toEqual([
				'basic_en',
				'basic_my',
				'group',
				'name_en',
				'name_my',
				'teach_en',
				'teach_my',
				'working_en',
				'working_my'
			]);
		if (!missing.ok) expect(missing.errors.name_my).toMatch(/[\u1000-\u109f]/);

		const long = readFormData(
			form({ ...fields, name_en: 'a'.repeat(61), teach_my: 'က'.repeat(141) }),
			skillFormSchema,
			'en'
		);
		expect(long.ok || long.errors).toEqual({
			name_en: 'This is too long.',
			teach_my: 'This is too long.'
		});
	});
});

describe('duplicates', () => {
	it('refuses a second skill with the same English name (in any spelling that makes the same id) or Burmese name, and writes nothing', async () => {
		const count = await skillCount();
		const firstAid = { id: 'first_aid', name: { my: 'ရှေးဦးသူနာပြုစုခြင်း', en: 'First aid' } };
		for (const en of ['First aid', 'first-aid!', '  FIRST   AID ']) {
			expect(await addSkill(db, adminId, { ...splinting, name: { my: 'အသစ်', en } })).toEqual({
				ok: false,
				error: 'duplicate',
				field: 'name_en',
				other: firstAid
			});
		}
		expect(
			await addSkill(db, adminId, {
				...splinting,
				name: { my: 'ရှေးဦးသူနာပြုစုခြင်း', en: 'Emergency care' }
			})
		).toEqual({ ok: false, error: 'duplicate', field: 'name_my', other: firstAid });
		expect(await skillCount()).toBe(count);

		// Renaming a skill to another's name is refused too, and changes nothing.
		const before = await skillForAdmin(db, 'wound_care');
		expect(
			await editSkill(db, adminId, 'wound_care', {
				...splinting,
				name: { my: 'ဒဏ်ရာ', en: 'First Aid' }
			})
		).toMatchObject({ ok: false, error: 'duplicate', field: 'name_en' });
		expect(await skillForAdmin(db, 'wound_care')).toEqual(before);

		expect(await addSkill(db, adminId, splinting)).toMatchObject({ ok: true });
		expect(
			await addSkill(db, adminId, {
				...splinting,
				name: { my: 'အခြား', en: 'Splinting a broken limb' }
			})
		).toMatchObject({ ok: false, error: 'duplicate', other: { id: 'splinting_a_broken_limb' } });
	});

	it('refuses the id of an existing skill even when that skill is now called something else', async () => {
		await editSkill(db, adminId, 'first_aid', {
			group: 'health',
			name: { my: 'အရေးပေါ် ပြုစုခြင်း', en: 'Emergency care' },
			levels
		});
		expect(
			await addSkill(db, adminId, { ...splinting, name: { my: 'ရှေးဦးသူနာပြု', en: 'First aid' } })
		).toMatchObject({
			ok: false,
			error: 'duplicate',
			field: 'name_en',
			other: { id: 'first_aid' }
		});
	});
});

describe('who may', () => {
	it('refuses learners and organization members, an unknown group and an unknown skill, and writes nothing', async () => {
		const count = await skillCount();
		const learner = await account(db, 'curious', 'learner');
		const member = await vettedOrgMember(db, 'eager');
		for (const userId of [learner.userId, member.userId, 'nosuchuser']) {
			expect(await addSkill(db, userId, splinting)).toEqual({ ok: false, error: 'not_admin' });
			expect(await editSkill(db, userId, 'first_aid', splinting)).toEqual({
				ok: false,
				error: 'not_admin'
			});
		}
		expect(await addSkill(db, adminId, { ...splinting, group: 'flying' })).toEqual({
			ok: false,
			error: 'no_group'
		});
		expect(await editSkill(db, adminId, 'first_aid', { ...splinting, group: 'flying' })).toEqual({
			ok: false,
			error: 'no_group'
		});
		expect(await editSkill(db, adminId, 'no_such_skill', splinting)).toEqual({
			ok: false,
			error: 'no_skill'
		});
		expect(
			await addSkill(db, adminId, { ...splinting, name: { my: 'မြန်မာ', en: 'ñ' } })
		).toMatchObject({ ok: true, id: 'skill_n' });
		expect(await addSkill(db, adminId, { ...splinting, name: { my: 'မြန်မာသာ', en: '—' } })).toEqual(
			{ ok: false, error: 'no_id' }
		);
		expect(await skillCount()).toBe(count + 1);
		expect((await skillForAdmin(db, 'first_aid'))?.editedAt).toBeNull();
	});
});

describe('the loader at the next start', () => {
	it('keeps an administrator’s edit and added skills as they left them', async () => {
		const edited = {
			group: 'teaching',
			name: { my: 'ရှေးဦးသူနာပြု (ပြင်ထား)', en: 'First aid (edited)' },
			levels
		};
		await editSkill(db, adminId, 'first_aid', edited, 7000);
		await addSkill(db, adminId, splinting, 7000);
		const kept = [
			await skillForAdmin(db, 'first_aid'),
			await skillForAdmin(db, 'splinting_a_broken_limb')
		];
		await loadTaxonomy(db, readTaxonomy());
		expect([
			await skillForAdmin(db, 'first_aid'),
			await skillForAdmin(db, 'splinting_a_broken_limb')
		]).toEqual(kept);
		expect(kept[0]).toMatchObject({ name: edited.name, groupId: 'teaching', editedAt: 7000 });
		// A skill nobody edited still follows the files.
		await db
			.updateTable('skill')
			.set({ name_en: 'Changed without an edit' })
			.where('id', '=', 'wound_care')
			.execute();
		await loadTaxonomy(db, readTaxonomy());
		expect((await skillForAdmin(db, 'wound_care'))?.name.en).toBe('Wound care');
	});
});
