import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (locale: string) => {
	const { $schema: _, ...messages } = JSON.parse(
		fs.readFileSync(`messages/${locale}.json`, 'utf8')
	) as Record<string, string>;
	return messages;
};
const en = load('en');
const my = load('my');
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
	it('has every message in both Burmese and English', () => {
		expect(Object.keys(my).sort()).toEqual(Object.keys(en).sort());
	});

	it.each(Object.keys(en))(
		'%s is filled in and has the same parameters in both languages',
		(key) => {
			expect(en[key].trim()).not.toBe('');
			expect(my[key].trim()).not.toBe('');
			expect(params(my[key])).toEqual(params(en[key]));
		}
	);

	it('Burmese messages are in Burmese script, not copies of the English', () => {
		const untranslated = Object.keys(en).filter(
			(key) => my[key] === en[key] && /[a-z]{4}/i.test(en[key])
		);
		// Names that stay the same in both languages.
		expect(untranslated.filter((key) => !['language_switch'].includes(key))).toEqual([]);
	});

	it('a role is called အခွင့်အလမ်း in Burmese, never ရာထူး (a rank) or တာဝန် (a duty, as in military service)', () => {
		const aboutRoles = Object.keys(en).filter((key) => /\broles?\b/i.test(en[key]));
		expect(aboutRoles.length).toBeGreaterThan(20);
		expect(aboutRoles.filter((key) => /ရာထူး|တာဝန်(?!ထမ်း)/.test(my[key]))).toEqual([]);
		// ရာထူး stays where the English says rank; တာဝန်ထမ်း is "served".
		expect(
			Object.keys(my).filter((key) => /ရာထူး/.test(my[key]) && !/\brank\b/i.test(en[key]))
		).toEqual([]);
		expect(Object.keys(my).filter((key) => /တာဝန်(?!ထမ်း)/.test(my[key]))).toEqual([]);
	});

	it("lesson navigation says lesson, never the browser's own forward and back (ရှေ့သို့, နောက်သို့)", () => {
		for (const key of ['lesson_previous', 'lesson_next', 'learn_next']) {
			expect(my[key]).toContain('သင်ခန်းစာ');
			expect(my[key]).not.toMatch(/ရှေ့သို့|နောက်သို့/);
		}
	});

	it('a quiz verdict says one thing: right is never said with a "not", nor wrong without one', () => {
		expect(my.quiz_correct).not.toMatch(/မှား|မ\S*ပါ/);
		expect(my.quiz_wrong).toMatch(/မ\S*ပါ|မှား/);
		expect(my.quiz_wrong).not.toContain('မှန်သည်');
	});

	it('no Burmese message says a word twice around a number ("လ {months} လကြာ")', () => {
		expect(Object.keys(my).filter((key) => /(\S+) \{\w+\} \1/.test(my[key]))).toEqual([]);
	});

	it('every message used in the code exists', () => {
		const used = new Set<string>();
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const file = `${dir}/${entry.name}`;
				if (entry.isDirectory()) {
					if (entry.name !== 'paraglide') walk(file);
				} else if (/\.(svelte|ts)$/.test(entry.name)) {
					const text = fs.readFileSync(file, 'utf8');
					if (text.includes('paraglide/messages')) {
						for (const match of text.matchAll(/\bm\.(\w+)\(/g)) used.add(match[1]);
					}
					for (const match of text.matchAll(/'(error_\w+)'/g)) used.add(match[1]);
				}
			}
		};
		walk('src');
		expect([...used].filter((key) => !(key in en))).toEqual([]);
	});

	it('uses author_*, org_* and admin_* messages only on staff pages, which load them in their own chunk', () => {
		const outside: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const file = `${dir}/${entry.name}`;
				if (entry.isDirectory()) {
					if (
						![
							'src/lib/paraglide',
							'src/routes/author',
							'src/routes/org',
							'src/routes/admin',
							'src/lib/components/author',
							'src/lib/staff'
						].includes(file)
					)
						walk(file);
				} else if (/\bm\.(author|org|admin)_\w+\b/.test(fs.readFileSync(file, 'utf8')))
					outside.push(file);
			}
		};
		walk('src');
		expect(outside).toEqual([]);
	});

	it('has a message for every refusal of an uploaded image and of an authoring edit', () => {
		for (const error of [
			'empty',
			'too_large',
			'unsupported_type',
			'unreadable',
			'cannot_shrink',
			'missing'
		])
			expect(en).toHaveProperty(`error_image_${error}`);
		for (const error of [
			'not_author',
			'no_course',
			'id_taken',
			'no_module',
			'no_lesson',
			'no_quiz',
			'no_question',
			'quiz_exists',
			'last_question',
			'no_skill',
			'not_ready'
		])
			expect(en).toHaveProperty(`error_${error}`);
	});
});
