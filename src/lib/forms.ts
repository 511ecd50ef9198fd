import { applyAction } from '$app/forms';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For forms that sign the visitor in (sign-up, recovery) on pages meant for visitors only: show
 * the result without reloading the page's data, which would move on before it is read.
 */
export const keepResult: SubmitFunction = () => async ({ result, update }) => {
	if (result.type === 'success') await applyAction(result);
	else await update();
};

/**
 * For sign-in and password changes: a redirect loads the next page in full, so it renders
 * in the account's language with a fresh session from the first byte.
 */
export const reloadOnRedirect: SubmitFunction = () => async ({ result, update }) => {
	if (result.type === 'redirect') window.location.assign(result.location);
	else await update();
};
