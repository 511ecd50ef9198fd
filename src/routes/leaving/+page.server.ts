import { error } from '@sveltejs/kit';
import { homeFor } from '$lib/server/access';
import { translate } from '$lib/server/i18n';
import { destination } from '$lib/leaving';
import type { PageServerLoad } from './$types';

/** "You are leaving Lanpya": names the site and the full address; going on is the person's tap. */
export const load = (({ url, locals }) => {
	const place = destination(url.searchParams.get('to'));
	if (!place) error(400, translate('error_leaving_link', locals.locale));
	return { place, stay: locals.user ? homeFor(locals.user.kind) : '/' };
}) satisfies PageServerLoad;
