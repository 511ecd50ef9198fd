import { getDb } from '$lib/server/db';
import { listOpportunities } from '$lib/server/roles/opportunities';
import { almostThere } from '$lib/matching/score';
import { roleKinds } from '$lib/role-choices';
import type { PageServerLoad } from './$types';

const SHOW = ['all', 'eligible', 'almost'] as const;

export const load = (async ({ locals, url }) => {
	const kindParam = url.searchParams.get('kind') ?? '';
	const kind = (roleKinds as readonly string[]).includes(kindParam) ? kindParam : '';
	const showParam = url.searchParams.get('show') ?? 'all';
	const show = (SHOW as readonly string[]).includes(showParam) ? (showParam as (typeof SHOW)[number]) : 'all';
	const all = await listOpportunities(getDb(), locals.user!.id, locals.locale);
	const roles = all.filter((o) => (!kind || o.kind === kind) && (show === 'all' || (show === 'eligible' ? o.match.eligible : almostThere(o.match))));
	return { roles, total: all.length, filters: { kind, show } };
}) satisfies PageServerLoad;
