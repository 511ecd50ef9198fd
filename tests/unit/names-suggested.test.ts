import { describe, expect, it } from 'vitest';
import { SUGGESTION_WORDS, suggestName } from '$lib/server/accounts/names';
import { signUpSchema } from '$lib/schemas/account';

describe('suggested names', () => {
	it("are drawn at random, in the page's script, and are valid usernames", () => {
		for (const locale of ['my', 'en'] as const) {
			const names = Array.from({ length: 200 }, () => suggestName(locale));
			expect(new Set(names).size).toBeGreaterThan(195);
			for (const name of names) {
				expect(
					signUpSchema.safeParse({
						username: name,
						password: 'green tea and rice',
						kind: 'learner'
					}).success,
					name
				).toBe(true);
				expect(name).toMatch(
					locale === 'my'
						? /^[\u1000-\u109f]+-[\u1000-\u109f]+-[၁-၉][၀-၉]{2}$/
						: /^[a-z]+-[a-z]+-[1-9]\d{2}$/
				);
				const [a, b] = name.split('-');
				expect(a).not.toBe(b);
			}
		}
	});

	it('come from a list of distinct plain words in both scripts', () => {
		expect(SUGGESTION_WORDS.length).toBeGreaterThanOrEqual(60);
		expect(new Set(SUGGESTION_WORDS.map(([en]) => en)).size).toBe(SUGGESTION_WORDS.length);
		expect(new Set(SUGGESTION_WORDS.map(([, my]) => my)).size).toBe(SUGGESTION_WORDS.length);
		for (const [en, my] of SUGGESTION_WORDS) {
			expect(en).toMatch(/^[a-z]+$/);
			expect(my).toMatch(/^[\u1000-\u109f]+$/);
			expect(my.normalize('NFC')).toBe(my);
		}
	});
});
