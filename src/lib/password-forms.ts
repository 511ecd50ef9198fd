import { applyAction } from '$app/forms';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Which forms are enhanced (`use:enhance`, plain or with a helper below). Every form is first a
 * plain post that works without JavaScript: the server answers with the page, the refusal beside
 * its field and what was typed (`values`), never a password. A form is also enhanced only when:
 * 1. its page keeps client-side rendering (no `csr = false` on the page or its layouts): without
 *    the client there is nothing to enhance, and such a page gets plain posts by design;
 * 2. its answer stays on the page it was sent from and is read where the form is (a message
 *    beside a field, a notice, a list that changed). An answer that is a page of its own opens
 *    at its heading as a plain post: sign-up and new recovery codes (the codes), a new code for
 *    the disguise, "Clear this phone", sign-out, the language and the look (a new document),
 *    enrolling and applying (they go on to the lesson, the application); a GET form (the
 *    catalogue's and the roles' filters) answers with an address;
 * 3. enhancing keeps what was typed and where the focus is: a refusal leaves the fields as typed
 *    (passwords emptied, `forgetPasswords`), a success shows the saved values. Editors whose
 *    answer rebuilds the form from the server (the lesson editor's preview and picture upload,
 *    a course's and a quiz's editing pages, a new role, a new quiz, a new course) stay plain
 *    posts, so the answer opens where the author reads it.
 * Forms that never reach the server (the offline reader's quiz, the kept lock) are not posts.
 */

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
