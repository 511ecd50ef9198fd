/**
 * What a refused form came back with (`refuse` in src/lib/server/http/respond.ts, or the form
 * reader's own refusal): the translated message of each field, and what was typed. A page with
 * several forms reads the answer of one of them only (`action`, the form's name).
 */
type Answer = {
	action?: string;
	errors?: Record<string, string>;
	values?: Record<string, string> | null;
} | null;

/** The messages beside the fields, by field name; none when the form was not refused. */
export function errorsOf(form: Answer | undefined, action?: string): Record<string, string> {
	return form && (action === undefined || form.action === action) ? (form.errors ?? {}) : {};
}

/** What was typed, to show it again after a refusal; `fallback` when nothing came back. */
export function valuesOf(
	form: Answer | undefined,
	action?: string | null,
	fallback: Record<string, string> = {}
): Record<string, string> {
	return form && (action == null || form.action === action) ? (form.values ?? fallback) : fallback;
}
