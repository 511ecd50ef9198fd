import type { ParamMatcher } from '@sveltejs/kit';
import { certificateCodeIn } from '$lib/ids';

/** A certificate's code, in any case (the page reads it with `certificateCodeIn`). */
export const match = ((param: string) => certificateCodeIn(param) !== null) satisfies ParamMatcher;
