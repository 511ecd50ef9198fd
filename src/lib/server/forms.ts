/**
 * One way to read every form: each field must be text, free of control characters and broken
 * UTF-8; Burmese typed in Zawgyi is converted to Unicode; then the form's zod schema decides.
 * Errors come back translated, and secrets (passwords) are never echoed.
 */
import type { z } from 'zod';
import type { Locale } from './schema';
import { translate, isMessageKey } from './i18n';
import { hasInvalidCharacters, toUnicode } from './text/normalize';

export type FormValues = Record<string, string>;
export type FormResult<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; values: FormValues; errors: Record<string, string> };

/**
 * The longest value any form takes (a lesson's text), and the most text one form may carry (two
 * lesson texts and their titles). Checking Burmese for Zawgyi costs about 25 µs a character, so a
 * megabyte sent to any form would hold the server for half a minute: longer values are refused
 * before they are read.
 */
const FIELD_MAX = 20_000;
const FORM_MAX = 64_000;

export async function readForm<S extends z.ZodType>(
	request: Request,
	schema: S,
	locale: Locale,
	secretFields: readonly string[] = []
): Promise<FormResult<z.output<S>>> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, values: {}, errors: { form: translate('error_form', locale) } };
	}
	return readFormData(form, schema, locale, secretFields);
}

/** As readForm, for a form already parsed (one that also carries a file, taken out first). */
export function readFormData<S extends z.ZodType>(
	form: FormData,
	schema: S,
	locale: Locale,
	secretFields: readonly string[] = []
): FormResult<z.output<S>> {
	const raw: Record<string, string> = {};
	const keys: Record<string, string> = {};
	let total = 0;
	for (const [, value] of form) if (typeof value === 'string') total += value.length;
	if (total > FORM_MAX) return { ok: false, values: {}, errors: { form: translate('error_too_long', locale) } };
	for (const [name, value] of form) {
		if (name in raw || name in keys) continue;
		if (typeof value !== 'string') keys[name] = 'error_not_text';
		else if (value.length > FIELD_MAX) keys[name] = 'error_too_long';
		else if (hasInvalidCharacters(value)) keys[name] = 'error_invalid_chars';
		else raw[name] = secretFields.includes(name) ? value : toUnicode(value);
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? 'form');
			keys[field] ??= isMessageKey(issue.message) ? issue.message : 'error_invalid';
		}
	}
	// Every value comes back whole, so a refused form returns with all that was typed (a cut
	// text saved again would lose its end); secrets never do. Their size is bounded above.
	const values: FormValues = {};
	for (const [name, value] of Object.entries(raw)) {
		if (!secretFields.includes(name)) values[name] = value;
	}
	if (!parsed.success || Object.keys(keys).length > 0) {
		const errors = Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, translate(key, locale)]));
		return { ok: false, values, errors };
	}
	return { ok: true, data: parsed.data, values };
}
