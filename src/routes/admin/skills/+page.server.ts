import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { addSkill, skillGroupsForAdmin, skillsForAdmin } from '$lib/server/skills/editing';
import { skillRefusal } from '$lib/server/http/skill-refusal';
import { skillFormSchema, skillListQuery } from '$lib/schemas/skill';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ url }) => {
	const db = getDb();
	const query = skillListQuery.parse({
		group: url.searchParams.get('group') ?? undefined,
		added: url.searchParams.get('added') ?? undefined
	});
	const groups = await skillGroupsForAdmin(db);
	const group = groups.find((g) => g.id === query.group) ?? null;
	const skills = group ? await skillsForAdmin(db, group.id) : [];
	return {
		groups,
		group: group && { ...group, skills },
		unplaced: await skillsForAdmin(db, null),
		added: skills.find((s) => s.id === query.added) ?? null
	};
}) satisfies PageServerLoad;

export const actions = {
	add: async ({ request, locals }) => {
		const form = await readForm(request, skillFormSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await addSkill(getDb(), signedInUser(locals).id, form.data);
		if (!result.ok) return skillRefusal(locals.locale, result, form.values);
		redirect(303, `/admin/skills?group=${form.data.group}&added=${result.id}#skill-${result.id}`);
	}
} satisfies Actions;
