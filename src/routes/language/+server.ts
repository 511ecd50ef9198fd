import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/access';
import { setLocale } from '$lib/server/accounts/settings';
import { setLanguageCookie } from '$lib/server/http/cookies';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { languageSchema } from '$lib/schemas/language';
import type { RequestHandler } from './$types';

/** The language switch on every page: a plain form post, remembered in a cookie and on the account. */
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const form = await readForm(request, languageSchema, locals.locale);
	if (!form.ok) {
		return new Response(Object.values(form.errors).join('\n'), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	setLanguageCookie(cookies, form.data.locale);
	if (locals.user) await setLocale(getDb(), locals.user.id, form.data.locale);
	redirect(303, safeNext(form.data.next, url.origin) ?? '/');
};
