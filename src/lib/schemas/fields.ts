import { z } from 'zod';
import { asciiDigits } from '../text/characters';
import { BACKGROUNDS } from '../vocab/accounts';

/**
 * Messages in these schemas are keys of the message catalogue (`messages/*.json`); the server
 * translates them into the user's language.
 */
/** Invisible characters that change how text looks or reads: zero-width, joiners, bidi overrides (Unicode Cf). */
const FORMAT_CHARS = /\p{Cf}/u;

/**
 * The scripts a username may be written in, one per name: Burmese (with the other languages
 * written in Myanmar letters) or Latin. Mixing them, or any other script (Cyrillic `о` looks like
 * Latin `o`), would let one name pass for another.
 */
const USERNAME_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Myanmar}/u];
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** True when every letter, mark and digit of `name` that belongs to a script belongs to the same one, Latin or Myanmar. */
export function oneScript(name: string): boolean {
	const used = new Set<number>();
	for (const char of name) {
		if (NEUTRAL.test(char)) continue;
		const script = USERNAME_SCRIPTS.findIndex((s) => s.test(char));
		if (script < 0) return false;
		used.add(script);
	}
	return used.size <= 1;
}

export const username = z
	.string({ error: 'error_required' })
	.trim()
	.min(3, 'error_username_short')
	.max(32, 'error_username_long')
	.regex(/^[\p{L}\p{M}\p{N}_.-]+$/u, 'error_username_chars')
	.refine(oneScript, 'error_username_script');

export const newPassword = z
	.string({ error: 'error_required' })
	.min(8, 'error_password_short')
	.max(128, 'error_password_long');

/** Sign-in fields say nothing about the rules: any wrong value is just a failed sign-in. */
export const anyUsername = z
	.string({ error: 'error_required' })
	.trim()
	.min(1, 'error_required')
	.max(64, 'error_too_long');
export const anyPassword = z
	.string({ error: 'error_required' })
	.min(1, 'error_required')
	.max(256, 'error_too_long');

export const background = z
	.enum([...BACKGROUNDS, ''], { error: 'error_choice' })
	.optional()
	.transform((v) => (v ? v : null));

/** A checkbox: "on" when ticked, absent otherwise. */
export const checkbox = z
	.enum(['on'], { error: 'error_choice' })
	.optional()
	.transform((v) => v === 'on');

export const locale = z.enum(['my', 'en'], { error: 'error_choice' });

/**
 * Free text people type (names, descriptions, messages, notes), as typed: line breaks as the
 * person made them (a textarea sends CRLF; stored as LF), spaces around trimmed.
 *
 * No refusal of text that "looks like" code or markup: it protected nothing and refused ordinary
 * sentences ("I can start on Monday; update me", "see you at the clinic --").
 * - SQL: every query is built by Kysely with bound parameters; text is never part of SQL.
 * - HTML: every plain text is shown by Svelte as text (escaped in text and attributes), never
 *   through {@html}; the only HTML a page inserts is lesson Markdown, after the sanitising
 *   renderer (src/lib/server/text/markdown.ts). Exports are JSON downloads (nosniff).
 * tests/unit/plain-text.test.ts; tests/e2e/late-script.test.ts shows such a message stored
 * and shown as typed.
 */
export function plainText(min: number, max: number, minMessage = 'error_required') {
	return z
		.string({ error: 'error_required' })
		.overwrite((v) => v.replace(/\r\n?/g, '\n'))
		.trim()
		.min(min, minMessage)
		.max(max, 'error_too_long');
}

/**
 * A name or title people read to tell things apart (an organization, a role, a course, a skill,
 * the name on a certificate): plain text without format characters, which would make two
 * names look alike or read backwards.
 */
export function nameText(min: number, max: number, minMessage = 'error_required') {
	return plainText(min, max, minMessage).refine((v) => !FORMAT_CHARS.test(v), 'error_format_chars');
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
		.pipe(
			z
				.number({ error: 'error_invalid' })
				.int('error_invalid')
				.min(min, 'error_invalid')
				.max(max, 'error_invalid')
		);
}
