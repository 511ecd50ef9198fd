import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { translate } from '$lib/server/i18n';
import { publishedVersions } from '$lib/server/courses/offline';
import { versionsQuery } from '$lib/schemas/learning';
import type { RequestHandler } from './$types';

/**
 * The current version of each course a phone has downloaded (`?ids=a,b`), so it can update
 * them: public, a few bytes, and the server learns nothing it keeps.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = versionsQuery.safeParse({ ids: url.searchParams.get('ids') ?? '' });
	if (!parsed.success)
		return json({ message: translate('error_form', locals.locale) }, { status: 400 });
	return json({ versions: await publishedVersions(getDb(), parsed.data.ids) });
};
