import * as m from '$lib/paraglide/messages';
import { BACKGROUNDS, type Background } from './accounts';

/** Who a learner says they are. */
export const backgroundLabels = {
	former_soldier: m.background_former_soldier,
	former_police: m.background_former_police,
	family: m.background_family,
	other: m.background_other
} satisfies Record<Background, () => string>;

/** Choices for the optional background, "prefer not to say" first. */
export const backgroundChoices: [Background | '', () => string][] = [
	['', m.background_none],
	...BACKGROUNDS.map((value): [Background, () => string] => [value, backgroundLabels[value]])
];
