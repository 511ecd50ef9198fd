/**
 * The shapes of the ids that appear in addresses, written once: the route matchers in
 * `src/params/` (a malformed id is a 404 before any route code runs) and the form schemas use
 * them. Plain regular expressions, since the matchers also run in the browser.
 */

/** Course, module, lesson, quiz and question ids: lower-case words joined by hyphens. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;
export const isSlug = (text: string): boolean => text.length <= SLUG_MAX && SLUG.test(text);

/** A row's random id (`newId` in auth/tokens.ts). */
export const isRowId = (text: string): boolean => /^[a-z0-9]{8,40}$/.test(text);

/**
 * A skill's id in the taxonomy (content/skills), and in every form that names a skill: a letter
 * first, 2 to 40 characters. Skill groups' ids have the same form.
 */
export const SKILL_ID = /^[a-z][a-z0-9_]{1,39}$/;
export const isSkillId = (text: string): boolean => SKILL_ID.test(text);

/** A certificate's code as printed (four groups of four); typed in any case, with spaces around. */
export const CERTIFICATE_CODE = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/;
export function certificateCodeIn(text: string): string | null {
	const code = text.trim().toUpperCase();
	return CERTIFICATE_CODE.test(code) ? code : null;
}
