/**
 * The training form's session rows, without zod: the organization's pages import these in the
 * browser, and importing the form's schema (src/lib/schemas/training.ts) there put all of zod in
 * the chunk every organization page loads (37 KB gzipped, bench:payload 2026-12-06).
 *
 * Sessions are rows `session_<n>_day`, `_start`, `_end` (n from 1 to SESSIONS_MAX): a page
 * without script shows SESSION_ROWS blank rows and a button for SESSION_ROWS more, so an
 * organization never needs JavaScript to list its days.
 */
export const SESSIONS_MAX = 20;
export const SESSION_ROWS = 4;
export const COMPLETION_SHARE_DEFAULT = 75;

/** Row numbers, 1 to SESSIONS_MAX. */
export const SESSION_ROW_NUMBERS = Array.from({ length: SESSIONS_MAX }, (_, i) => i + 1);

/**
 * The rows a refused or extended form shows again: those it had, SESSION_ROWS more when asked,
 * at most SESSIONS_MAX. Read from what was typed (the form reader's values), valid or not.
 */
export function sessionRowsOf(values: Record<string, string>, more = false): number {
	const shown = Number(values.session_rows);
	const had =
		Number.isInteger(shown) && shown >= SESSION_ROWS && shown <= SESSIONS_MAX
			? shown
			: SESSION_ROWS;
	const filled = Math.max(0, ...SESSION_ROW_NUMBERS.filter((n) => values[`session_${n}_day`]));
	return Math.min(SESSIONS_MAX, Math.max(had, filled) + (more ? SESSION_ROWS : 0));
}
