import type { ParamMatcher } from '@sveltejs/kit';
import { isRowId } from '$lib/ids';

/** The random id of a row: an organization, a role, an application. */
export const match = ((param: string) => isRowId(param)) satisfies ParamMatcher;
