import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/access';
import { setLookCookie } from '$lib/server/http/cookies';
import { readForm } from '$lib/server/forms';
import { lookSchema } from '$lib/schemas/look';
import type { RequestHandler } from './$types';

/**
 * The disguise choice (landing page, account page, "On this phone"): a plain form post, kept in
 * a cookie of this phone only, never on the account, so another phone keeps its own look.
 */
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const form = await readForm(request, lookSchema, locals.locale);
	if (!form.ok) {
		return new Response(Object.values(form.errors).join('\n'), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	setLookCookie(cookies, form.data.look);
	redirect(303, safeNext(form.data.next, url.origin) ?? '/');
};
