/** Look-alike names: format characters in any name or title, and usernames mixing scripts. */
import { describe, expect, it } from 'vitest';
import { signUpSchema } from '$lib/schemas/account';
import { courseDetailsSchema } from '$lib/schemas/authoring';
import { certificateNameSchema } from '$lib/schemas/learning';
import { orgApplicationSchema } from '$lib/schemas/org';
import { roleDetailsSchema } from '$lib/schemas/role';
import { skillFormSchema } from '$lib/schemas/skill';

const signUp = (username: string) =>
	signUpSchema.safeParse({ username, password: 'green tea and rice', kind: 'learner' });
const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
	result.error?.issues.map((i) => i.message) ?? [];

const FORMAT = [
	'\u200b',
	'\u200c',
	'\u200d',
	'\u2060',
	'\ufeff',
	'\u00ad',
	'\u202e',
	'\u202d',
	'\u2066',
	'\u200f'
];

describe('usernames', () => {
	it('take one script: Latin or Myanmar, with digits and - _ .', () => {
		for (const ok of ['ownerX', 'mg_mg-2021', 'မောင်မောင်', 'မောင်2021', 'မောင်၂၀၂၁', 'Zoë.k'])
			expect(signUp(ok).success, ok).toBe(true);
		for (const mixed of [
			'\u043ewnerX',
			'ownerХ',
			'mgမောင်',
			'mg၂၀၂၁',
			'Ωmega1',
			'испытание',
			'ผู้ใช้abc'
		]) {
			expect(issues(signUp(mixed)), mixed).toContain('error_username_script');
		}
	});

	it('never hold a format character', () => {
		for (const char of FORMAT)
			expect(signUp(`owner${char}X`).success, JSON.stringify(char)).toBe(false);
	});
});

describe('names and titles', () => {
	it('refuse format characters, each with the same message', () => {
		for (const char of FORMAT) {
			const name = `Org X Re${char}lief`;
			expect(
				issues(orgApplicationSchema.safeParse({ name, kind: 'ngo', description: '' })),
				JSON.stringify(char)
			).toContain('error_format_chars');
			const role = {
				kind: 'trainer',
				title_my: '',
				title_en: name,
				description_my: '',
				description_en: 'Help',
				safety_my: '',
				safety_en: '',
				area: 'mae_sot',
				availability: 'volunteer',
				pay: '',
				seats: '1',
				starts_on: '',
				closes_on: ''
			};
			expect(issues(roleDetailsSchema.safeParse(role)), JSON.stringify(char)).toContain(
				'error_format_chars'
			);
			expect(
				issues(certificateNameSchema.safeParse({ code: 'ABCD-EFGH-JKMN-PQRS', name })),
				JSON.stringify(char)
			).toContain('error_format_chars');
			expect(
				issues(
					courseDetailsSchema.safeParse({
						category: 'computer',
						audience: 'everyone',
						title_my: '',
						title_en: name,
						summary_my: '',
						summary_en: 'About'
					})
				),
				JSON.stringify(char)
			).toContain('error_format_chars');
		}
		const skill = {
			group: 'health',
			name_my: 'ဆေး\u200bထိုး',
			name_en: 'Injections',
			basic_my: 'က',
			basic_en: 'a',
			working_my: 'က',
			working_en: 'a',
			teach_my: 'က',
			teach_en: 'a'
		};
		expect(issues(skillFormSchema.safeParse(skill))).toContain('error_format_chars');
	});

	it('still take plain Burmese and English', () => {
		expect(
			orgApplicationSchema.safeParse({
				name: 'မဲဆောက် ဆေးခန်း Clinic',
				kind: 'ngo',
				description: 'Help\u200b in text is fine'
			}).success
		).toBe(true);
	});
});
