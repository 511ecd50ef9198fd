import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readFormData } from '$lib/server/forms';

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
		const result = readFormData(form([['title', ZAWGYI.repeat(2_000)]]), z.object({ title: z.string() }), 'my');
		expect(result).toMatchObject({ ok: false, errors: { title: 'ရှည်လွန်းနေသည်။' } });
	});

	it('refuses a form carrying more text than any form takes, whatever its fields', () => {
		const started = Date.now();
		const fields = Array.from({ length: 80 }, (_, i): [string, string] => [`extra${i}`, ZAWGYI.repeat(1_500)]);
		const result = readFormData(form([['title', 'ok'], ...fields]), schema, 'en');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(result).toMatchObject({ ok: false, errors: { form: 'This is too long.' } });
	});

	it('still reads the longest text a form takes (a lesson), converting its Zawgyi', () => {
		const body = z.object({ body: z.string().max(20_000) });
		const result = readFormData(form([['body', ZAWGYI.repeat(1_500)]]), body, 'en');
		expect(result.ok).toBe(true);
		expect(result.ok && result.data.body.startsWith('မြန်မာနိုင်ငံ')).toBe(true);
	});
});
