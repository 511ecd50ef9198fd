import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { translate } from '$lib/server/i18n';
import { notFound } from '$lib/server/http/respond';
import { rankCandidates } from '$lib/server/matching/candidates';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { role } = params;
	const result = await rankCandidates(getDb(), signedInUser(locals).id, role, locals.locale);
	if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
	if (!result.ok && result.error === 'not_reviewed')
		error(409, translate('error_role_not_reviewed', locals.locale));
	if (!result.ok) error(403, translate('error_role_not_vetted', locals.locale));
	return { role: result.role, listing: result.listing, candidates: result.candidates };
}) satisfies PageServerLoad;
