import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { notFound, parseParams } from '$lib/server/respond';
import { getOpportunity } from '$lib/server/roles/opportunities';
import type { PageServerLoad } from './$types';

const params = z.object({ role: z.string().regex(/^[a-z0-9]{8,40}$/) });

export const load = (async ({ params: raw, locals }) => {
	const { role: roleId } = parseParams(params, raw, locals.locale, 'error_no_role');
	const role = await getOpportunity(getDb(), locals.user!.id, roleId, locals.locale);
	if (!role) notFound(locals.locale, 'error_no_role');
	return { role };
}) satisfies PageServerLoad;
