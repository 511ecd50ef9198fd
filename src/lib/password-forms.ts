import { applyAction } from '$app/forms';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * After a refusal, password fields start empty again, as they do without JavaScript (the server
 * never echoes a password): a person typing it again must not add to the refused one, and a
 * wrong password must not stay on the screen.
 */
export function clearPasswords(form: HTMLFormElement) {
	for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]'))
		input.value = '';
}

/** use:enhance as usual, and password fields emptied after a refusal. */
export const forgetPasswords: SubmitFunction =
	({ formElement }) =>
	async ({ result, update }) => {
		await update();
		if (result.type === 'failure' || result.type === 'error') clearPasswords(formElement);
	};

/**
 * For forms that sign the visitor in (sign-up, recovery) on pages meant for visitors only: show
 * the result without reloading the page's data, which would move on before it is read.
 */
export const keepResult: SubmitFunction =
	({ formElement }) =>
	async ({ result, update }) => {
		if (result.type === 'success') await applyAction(result);
		else await update();
		if (result.type === 'failure' || result.type === 'error') clearPasswords(formElement);
	};

/**
 * For sign-in and password changes: a redirect loads the next page in full, so it renders
 * in the account's language with a fresh session from the first byte.
 */
export const reloadOnRedirect: SubmitFunction =
	({ formElement }) =>
	async ({ result, update }) => {
		if (result.type === 'redirect') window.location.assign(result.location);
		else await update();
		if (result.type === 'failure' || result.type === 'error') clearPasswords(formElement);
	};
