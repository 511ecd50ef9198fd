import { fail, redirect } from '@sveltejs/kit';
import { homeFor, safeNext } from '$lib/server/access';
import { newRecoveryCodes } from '$lib/server/accounts/credentials';
import { unusedRecoveryCodesAmong } from '$lib/server/auth/recovery';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { notConfirmed } from '$lib/server/http/respond';
import { codesCheckSchema, confirmPasswordSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (({ locals }) => ({
	username: signedInUser(locals).username
})) satisfies PageServerLoad;

export const actions = {
	/**
	 * Ten new codes in place of the old ones (from the account page), after the current password
	 * (newRecoveryCodes: counted toward the password lock, recorded in the audit), shown once on
	 * this page. A refused password comes back here, under the same form.
	 */
	new: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, confirmPasswordSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { action: 'newCodes', errors: form.errors });
		const result = await newRecoveryCodes(getDb(), signedInUser(locals).id, form.data.password);
		if (!result.ok) return notConfirmed(event, locals.locale, 'newCodes', result);
		return { codes: result.codes, next: '/account' };
	},
	/**
	 * New recovery codes are checked: the person types one back from their paper. The code is
	 * compared, never used up. On a match, on to where they were going; otherwise the codes the
	 * page showed (those that really are the account's) come back with the reason, also without
	 * JavaScript.
	 */
	check: async ({ request, locals, url }) => {
		const user = signedInUser(locals);
		const form = await readForm(request, codesCheckSchema, locals.locale);
		const shown = form.ok
			? form.data.shown
			: codesCheckSchema.shape.shown.parse(form.values.shown ?? '');
		const next =
			safeNext(form.ok ? form.data.next : form.values.next, url.origin) ?? homeFor(user.kind);
		const again = async (error: string) =>
			fail(400, {
				codes: await unusedRecoveryCodesAmong(getDb(), user.id, shown),
				next,
				errors: { code: error }
			});
		if (!form.ok)
			return again(
				form.errors.code ?? form.errors.form ?? translate('error_invalid', locals.locale)
			);
		const [match] = await unusedRecoveryCodesAmong(getDb(), user.id, [form.data.code]);
		if (!match) return again(translate('error_code_not_shown', locals.locale));
		redirect(303, next);
	}
} satisfies Actions;
