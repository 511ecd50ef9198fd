import { exportAccount } from '$lib/server/accounts/export';
import { getDb } from '$lib/server/db';
import { listSkillGroups } from '$lib/server/skills/profile';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => {
	const groups = await listSkillGroups(getDb(), locals.locale);
	return {
		data: await exportAccount(getDb(), signedInUser(locals).id, locals.session!.id),
		// Names for the skill groups a learner chose as interests (the export keeps their ids).
		groups: Object.fromEntries(groups.map((g) => [g.id, g.name]))
	};
}) satisfies PageServerLoad;
