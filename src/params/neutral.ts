import type { ParamMatcher } from '@sveltejs/kit';
import { isNeutralLook } from '$lib/disguise';

/** A neutral look (notes, calculator): the only ones with a manifest endpoint and a cover screen. */
export const match = ((param: string) => isNeutralLook(param)) satisfies ParamMatcher;
