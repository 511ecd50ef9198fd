import * as m from '$lib/paraglide/messages';
import type { Look } from '$lib/disguise';

/** The app's looks by the name each shows (Lanpya's own, or a plain tool's). */
export const lookNames = {
	lanpya: m.app_name,
	notes: m.look_notes,
	calculator: m.look_calculator
} satisfies Record<Look, () => string>;
