import { z } from 'zod';
import { asciiDigits } from '../text/characters';

/**
 * Messages in these schemas are keys of the message catalogue (`messages/*.json`); the server
 * translates them into the user's language.
 */
export const username = z
	.string({ error: 'error_required' })
	.trim()
	.min(3, 'error_username_short')
	.max(32, 'error_username_long')
	.regex(/^[\p{L}\p{M}\p{N}_.-]+$/u, 'error_username_chars');

export const newPassword = z
	.string({ error: 'error_required' })
	.min(8, 'error_password_short')
	.max(128, 'error_password_long');

/** Sign-in fields say nothing about the rules: any wrong value is just a failed sign-in. */
export const anyUsername = z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(64, 'error_too_long');
export const anyPassword = z.string({ error: 'error_required' }).min(1, 'error_required').max(256, 'error_too_long');

export const background = z
	.enum(['former_soldier', 'former_police', 'family', 'other', ''], { error: 'error_choice' })
	.optional()
	.transform((v) => (v ? v : null));

/** A checkbox: "on" when ticked, absent otherwise. */
export const checkbox = z
	.enum(['on'], { error: 'error_choice' })
	.optional()
	.transform((v) => v === 'on');

export const locale = z.enum(['my', 'en'], { error: 'error_choice' });

const HTML_LIKE = /<\s*[a-z!/?]/i;
const SQL_LIKE = /(['"`]\s*(or|and)\s+[^=]*=)|(;\s*(drop|delete|insert|update|select|alter|create)\b)|(\bunion\s+(all\s+)?select\b)|(--\s*$)|(\/\*)/i;

/** Free text people type (names, descriptions): no markup, nothing that reads as SQL. */
export function plainText(min: number, max: number, minMessage = 'error_required') {
	return z
		.string({ error: 'error_required' })
		.trim()
		.min(min, minMessage)
		.max(max, 'error_too_long')
		.refine((v) => !HTML_LIKE.test(v), 'error_markup')
		.refine((v) => !SQL_LIKE.test(v), 'error_code_like');
}

/** Recovery and invitation codes: letters, digits, dashes and spaces only. */
export const code = z
	.string({ error: 'error_required' })
	.trim()
	.min(1, 'error_required')
	.max(40, 'error_too_long')
	.regex(/^[A-Za-z0-9\s-]+$/, 'error_code_format');

/** A whole number typed in either digit system (a Burmese keyboard types ၀-၉). */
export function wholeNumber(min: number, max: number) {
	return z
		.string({ error: 'error_invalid' })
		.trim()
		.max(12, 'error_invalid')
		.transform((v) => (v === '' ? NaN : Number(asciiDigits(v))))
		.pipe(z.number({ error: 'error_invalid' }).int('error_invalid').min(min, 'error_invalid').max(max, 'error_invalid'));
}
