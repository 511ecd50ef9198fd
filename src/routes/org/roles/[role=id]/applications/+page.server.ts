import { getDb } from '$lib/server/db';
import { notFound } from '$lib/server/http/respond';
import { listRoleApplications } from '$lib/server/applications/organization';
import { orgNews } from '$lib/server/applications/news';
import { getOrgRole } from '$lib/server/roles/editing';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { role: roleId } = params;
	const applicants = await listRoleApplications(getDb(), signedInUser(locals).id, roleId);
	const role = await getOrgRole(getDb(), signedInUser(locals).id, roleId);
	if (!applicants || !role) notFound(locals.locale, 'error_no_role');
	const news = (await orgNews(getDb(), signedInUser(locals).id))
		.filter((n) => n.roleId === roleId)
		.map((n) => n.id);
	return { role: { id: role.id, title: role.title.my || role.title.en }, applicants, news };
}) satisfies PageServerLoad;
