import type { ParamMatcher } from '@sveltejs/kit';
import { isSlug } from '$lib/ids';

/** A course, module, lesson or quiz id. */
export const match = ((param: string) => isSlug(param)) satisfies ParamMatcher;
