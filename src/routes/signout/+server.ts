import { redirect } from '@sveltejs/kit';
import { coverPath, isNeutralLook, lookFromCookies } from '$lib/disguise';
import { clearSessionCookie } from '$lib/server/http/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Deletes this session's row and its cookie. Takes no input. Behind a disguise, back to its cover. */
export const POST: RequestHandler = async ({ locals, cookies, request }) => {
	if (locals.session) await invalidateSession(getDb(), locals.session.id);
	clearSessionCookie(cookies);
	const look = lookFromCookies(request.headers.get('cookie'));
	redirect(303, isNeutralLook(look) ? coverPath(look) : '/');
};
