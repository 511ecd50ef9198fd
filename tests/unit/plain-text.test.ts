/**
 * Free text is taken as typed. Once, sentences were refused as "computer code" (an SQL-looking
 * filter) or as "HTML tags": neither protected anything (queries bind their values; plain text
 * is always shown escaped), and both refused people's ordinary words.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainText } from '$lib/schemas/fields';
import { applySchema, messageSchema } from '$lib/schemas/application';
import { readFormData } from '$lib/server/forms';

const sentences = [
	'I can start on Monday; update me',
	'see you at the clinic --',
	'ဆေးခန်းမှာ တွေ့မယ်; update ပေးပါ',
	"Aung's sister; delete the old number from your notes",
	'Ages 18 and up, or older /* ask us */',
	'Press <Enter> after typing the code',
	'a < b and c > d',
	'<b>Bold</b> is how the poster wrote it'
];

describe('plain text', () => {
	it.each(sentences)('accepts %s, exactly as typed', (sentence) => {
		expect(plainText(0, 1000).parse(sentence)).toBe(sentence);
		expect(applySchema.parse({ message: sentence })).toMatchObject({ message: sentence });
		expect(messageSchema.parse({ body: sentence })).toEqual({ body: sentence });
	});

	it('keeps the lines a person made, as LF whatever the browser sent, and trims only the ends', () => {
		expect(plainText(0, 100).parse('  first line\r\nsecond line\rthird\n ')).toBe(
			'first line\nsecond line\nthird'
		);
	});

	it('still refuses what is too long or missing, with the message keys of the catalogue', () => {
		expect(plainText(1, 5).safeParse('').error?.issues[0].message).toBe('error_required');
		expect(plainText(0, 5).safeParse('abcdef').error?.issues[0].message).toBe('error_too_long');
		expect(plainText(0, 5).safeParse(undefined).error?.issues[0].message).toBe('error_required');
	});

	it('reads a form with such a message without an error, and echoes nothing cut', () => {
		const form = new FormData();
		const long = 'ကျွန်တော် ဆေးတပ်မှာ ငါးနှစ် လုပ်ခဲ့ပါတယ်; update me. '.repeat(15);
		form.append('message', long);
		const read = readFormData(form, z.object({ message: plainText(0, 100) }), 'en');
		expect(read.ok).toBe(false);
		// Refused as too long: what was typed comes back whole, to be shortened rather than retyped.
		expect(read.values.message).toBe(long);
	});
});
