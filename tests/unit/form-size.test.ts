import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { declaredFields, readFormData } from '$lib/server/forms';

const schema = z.object({ title: z.string().max(100, 'error_too_long') });
const ZAWGYI = 'ျမန္မာႏိုင္ငံ';
const form = (fields: [string, string][]) => {
	const data = new FormData();
	for (const [name, value] of fields) data.append(name, value);
	return data;
};

describe('form size', () => {
	// Checking a megabyte of Burmese for Zawgyi holds the server for tens of seconds.
	it('refuses a field longer than any form takes, before checking it for Zawgyi, in the user’s language', () => {
		const result = readFormData(
			form([['title', ZAWGYI.repeat(2_000)]]),
			z.object({ title: z.string() }),
			'my'
		);
		expect(result).toMatchObject({ ok: false, errors: { title: 'ရှည်လွန်းနေသည်။' } });
	});

	it('drops fields the form does not declare, unread, whatever their size or number', () => {
		const fields = Array.from({ length: 80 }, (_, i): [string, string] => [
			`extra${i}`,
			ZAWGYI.repeat(1_500)
		]);
		const result = readFormData(
			form([['title', 'ok'], ...fields, ['', ZAWGYI], ['title[]', ZAWGYI], ['__proto__', ZAWGYI]]),
			schema,
			'en'
		);
		expect(result).toEqual({ ok: true, data: { title: 'ok' }, values: { title: 'ok' } });
	});

	it('refuses a declared field past its own maximum before reading it, in the schema’s own words', () => {
		const username = z.object({ username: z.string().trim().max(32, 'error_username_long') });
		const result = readFormData(form([['username', ZAWGYI.repeat(1_500)]]), username, 'en');
		expect(result).toMatchObject({
			ok: false,
			errors: { username: 'The username can have at most 32 characters.' }
		});
		// Trailing spaces do not count against it, as the schema trims them; a value cut by the limit is never taken.
		expect(
			readFormData(form([['username', `name${' '.repeat(40)}`]]), username, 'en')
		).toMatchObject({ ok: true, data: { username: 'name' } });
		expect(readFormData(form([['username', `a${' '.repeat(40)}b`]]), username, 'en')).toMatchObject(
			{ ok: false, errors: { username: 'This is too long.' } }
		);
	});

	it('counts only declared fields towards the most a form carries', () => {
		const two = z.object({ a: z.string().max(40_000), b: z.string().max(40_000) });
		expect(
			readFormData(
				form([
					['a', 'x'.repeat(35_000)],
					['b', 'y'.repeat(35_000)]
				]),
				two,
				'en'
			)
		).toMatchObject({ ok: false, errors: { form: 'This is too long.' } });
	});

	it('still reads the longest text a form takes (a lesson), converting its Zawgyi', () => {
		const body = z.object({ body: z.string().max(20_000) });
		const result = readFormData(form([['body', ZAWGYI.repeat(1_500)]]), body, 'en');
		expect(result.ok).toBe(true);
		expect(result.ok && result.data.body.startsWith('မြန်မာနိုင်ငံ')).toBe(true);
	});
});

describe('the fields each form declares', () => {
	// Every form schema (src/lib/schemas, except those of content files): its fields are known, so others are dropped unread.
	const modules = import.meta.glob<Record<string, unknown>>(
		['/src/lib/schemas/*.ts', '!/src/lib/schemas/*-content.ts'],
		{ eager: true }
	);
	const schemas = Object.entries(modules).flatMap(([file, exports]) =>
		Object.entries(exports)
			.filter(
				([name, value]) =>
					name.endsWith('Schema') && typeof value === 'object' && value !== null && '_zod' in value
			)
			.map(([name, value]) => [`${file.split('/').pop()} ${name}`, value] as const)
	);

	it('finds the forms', () => {
		expect(schemas.length).toBeGreaterThan(30);
	});

	it.each(schemas)('%s: declares its fields, each with a maximum', (_, schema) => {
		expect(declaredFields(schema)).not.toBeNull();
	});

	it('reads each field’s own maximum through refinements, transforms, defaults and choices', () => {
		const fields = declaredFields(
			z
				.object({
					name: z.string().trim().max(32),
					kind: z.enum(['learner', 'org_member']),
					shared: z.literal('on').optional(),
					minutes: z.string().max(12).transform(Number).pipe(z.number()),
					note: z.string().max(600).default(''),
					free: z.string()
				})
				.superRefine(() => {})
				.transform((v) => v)
		)!;
		expect(['name', 'kind', 'shared', 'minutes', 'note', 'free', 'other'].map(fields)).toEqual([
			32,
			10,
			2,
			12,
			600,
			20_000,
			null
		]);
		const levels = declaredFields(
			z.record(z.string().regex(/^level_[a-z]+$/), z.enum(['0', '1']))
		)!;
		expect([levels('level_thai'), levels('thai')]).toEqual([1, null]);
		const open = declaredFields(z.object({ area: z.enum(['mae_sot']) }).catchall(z.literal('on')))!;
		expect([open('area'), open('interest_health')]).toEqual([7, 2]);
	});
});
