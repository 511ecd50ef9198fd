import type { ParamMatcher } from '@sveltejs/kit';
import { isSkillId } from '$lib/ids';

/** A skill's id in the taxonomy. */
export const match = ((param: string) => isSkillId(param)) satisfies ParamMatcher;
