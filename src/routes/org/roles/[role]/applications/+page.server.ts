import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { notFound, parseParams } from '$lib/server/respond';
import { listRoleApplications } from '$lib/server/applications/organization';
import { orgNews } from '$lib/server/applications/news';
import { getOrgRole } from '$lib/server/roles/editing';
import type { PageServerLoad } from './$types';

const params = z.object({ role: z.string().regex(/^[a-z0-9]{8,40}$/) });

export const load = (async ({ params: raw, locals }) => {
	const { role: roleId } = parseParams(params, raw, locals.locale, 'error_no_role');
	const applicants = await listRoleApplications(getDb(), locals.user!.id, roleId);
	const role = await getOrgRole(getDb(), locals.user!.id, roleId);
	if (!applicants || !role) notFound(locals.locale, 'error_no_role');
	const news = (await orgNews(getDb(), locals.user!.id))
		.filter((n) => n.roleId === roleId)
		.map((n) => n.id);
	return { role: { id: role.id, title: role.title.my || role.title.en }, applicants, news };
}) satisfies PageServerLoad;
