import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Deletes this session's row and its cookie. Takes no input. */
export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (locals.session) await invalidateSession(getDb(), locals.session.id);
	clearSessionCookie(cookies);
	redirect(303, '/');
};
