/**
 * One way to read every form: only the fields the form's schema declares are read (others are
 * dropped unread); each must be text, within that field's own maximum, free of control
 * characters and broken UTF-8; Burmese typed in Zawgyi is converted to Unicode; then the form's
 * zod schema decides. Errors come back translated, and secrets (passwords) are never echoed.
 *
 * The order is the point: converting Zawgyi costs about 20 µs a character, and the server has
 * one thread for everyone. Reading every field of every form (sign-in too, open to anyone) let
 * two anonymous posters slow every learner's page a hundredfold; now a request costs at most
 * what its own fields allow.
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
 * The longest value of a field whose schema states no maximum, and the most text the declared
 * fields of one form may carry together (two lesson texts and their titles).
 */
const FIELD_MAX = 20_000;
const FORM_MAX = 64_000;
/** A number or other value typed without a stated maximum. */
const SHORT_MAX = 40;

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The longest value a field's schema takes, as written in it (`.max()`, its choices); FIELD_MAX if it says none. */
function maxLength(schema: unknown): number {
	const def = defOf(schema);
	switch (def.type) {
		case 'string':
			return (schema as { maxLength: number | null }).maxLength ?? FIELD_MAX;
		case 'enum':
			return Math.max(
				0,
				...Object.values(def.entries as Record<string, string | number>).map(
					(v) => String(v).length
				)
			);
		case 'literal':
			return Math.max(0, ...(def.values as unknown[]).map((v) => String(v).length));
		case 'number':
		case 'boolean':
		case 'bigint':
			return SHORT_MAX;
		case 'optional':
		case 'default':
		case 'prefault':
		case 'nullable':
		case 'catch':
		case 'readonly':
			return maxLength(def.innerType);
		case 'pipe':
			return maxLength(defOf(def.in).type === 'transform' ? def.out : def.in);
		case 'union':
			return Math.max(...(def.options as unknown[]).map(maxLength));
		default:
			return FIELD_MAX;
	}
}

/**
 * For a form's schema, the longest value of each field it declares, by name (null for a name it
 * does not declare). Objects declare their keys (and any other key when they have a catchall),
 * records the keys their key schema takes; refinements and transforms wrap them.
 */
export function declaredFields(schema: unknown): ((name: string) => number | null) | null {
	const def = defOf(schema);
	switch (def.type) {
		case 'object': {
			const shape = def.shape as Record<string, unknown>;
			const catchall =
				def.catchall && defOf(def.catchall).type !== 'never' ? maxLength(def.catchall) : null;
			return (name) => (Object.hasOwn(shape, name) ? maxLength(shape[name]) : catchall);
		}
		case 'record': {
			const key = def.keyType as z.ZodType;
			const max = maxLength(def.valueType);
			return (name) => (key.safeParse(name).success ? max : null);
		}
		case 'pipe':
			return declaredFields(defOf(def.in).type === 'transform' ? def.out : def.in);
		case 'optional':
		case 'default':
		case 'prefault':
		case 'readonly':
			return declaredFields(def.innerType);
		default:
			return null;
	}
}

const cache = new WeakMap<object, (name: string) => number | null>();
/** What `declaredFields` says, worked out once per schema; a shape it cannot read keeps every field, each at FIELD_MAX. */
function fieldsOf(schema: z.ZodType): (name: string) => number | null {
	let fields = cache.get(schema);
	if (!fields) {
		fields = declaredFields(schema) ?? (() => FIELD_MAX);
		cache.set(schema, fields);
	}
	return fields;
}

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
	const fields = fieldsOf(schema);
	const raw: Record<string, string> = {};
	const keys: Record<string, string> = {};
	/**
	 * Fields longer than their maximum: refused whatever the schema says. The schema sees one
	 * character past the maximum, never converted, so it refuses them in its own words at no cost.
	 */
	const tooLong = new Map<string, string>();
	let total = 0;
	for (const [name, value] of form)
		if (typeof value === 'string' && fields(name) !== null) total += value.length;
	if (total > FORM_MAX)
		return { ok: false, values: {}, errors: { form: translate('error_too_long', locale) } };
	for (const [name, value] of form) {
		if (name in raw || name in keys) continue;
		const max = fields(name);
		if (max === null) continue;
		if (typeof value !== 'string') keys[name] = 'error_not_text';
		else if (value.length > max && value.trim().length > max) {
			tooLong.set(name, value);
			raw[name] = value.slice(0, max + 1);
		} else if (hasInvalidCharacters(value)) keys[name] = 'error_invalid_chars';
		else raw[name] = secretFields.includes(name) ? value : toUnicode(value);
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? 'form');
			keys[field] ??= isMessageKey(issue.message) ? issue.message : 'error_invalid';
		}
	}
	for (const name of tooLong.keys()) keys[name] ??= 'error_too_long';
	// Every value comes back whole, so a refused form returns with all that was typed (a cut
	// text saved again would lose its end), one past its maximum too; secrets never do. Their
	// size is bounded above (FORM_MAX).
	const values: FormValues = {};
	for (const [name, value] of Object.entries(raw)) {
		if (!secretFields.includes(name)) values[name] = tooLong.get(name) ?? value;
	}
	if (!parsed.success || Object.keys(keys).length > 0) {
		const errors = Object.fromEntries(
			Object.entries(keys).map(([field, key]) => [field, translate(key, locale)])
		);
		return { ok: false, values, errors };
	}
	return { ok: true, data: parsed.data, values };
}
