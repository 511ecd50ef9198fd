import { getDb } from '$lib/server/db';
import { opportunitiesPage, type OpportunityFilter } from '$lib/server/matching/opportunities';
import { ROLE_KINDS } from '$lib/vocab/roles';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

const SHOW = ['all', 'eligible', 'almost'] as const;

export const load = (async ({ locals, url }) => {
	const kindParam = url.searchParams.get('kind') ?? '';
	const showParam = url.searchParams.get('show') ?? 'all';
	const pageParam = Number(url.searchParams.get('page') ?? '1');
	// Unknown choices fall back to the defaults: these are links, not forms to correct.
	const filter: OpportunityFilter = {
		kind: (ROLE_KINDS as readonly string[]).includes(kindParam)
			? (kindParam as OpportunityFilter['kind'])
			: '',
		show: (SHOW as readonly string[]).includes(showParam)
			? (showParam as OpportunityFilter['show'])
			: 'all',
		page: Number.isSafeInteger(pageParam) && pageParam > 0 ? pageParam : 1
	};
	const result = await opportunitiesPage(getDb(), signedInUser(locals).id, locals.locale, filter);
	return { ...result, filters: { kind: filter.kind, show: filter.show } };
}) satisfies PageServerLoad;
