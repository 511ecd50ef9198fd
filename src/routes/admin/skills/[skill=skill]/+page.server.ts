import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound } from '$lib/server/http/respond';
import {
	editSkill,
	skillForAdmin,
	skillFormValues,
	skillGroupsForAdmin
} from '$lib/server/skills/editing';
import { skillRefusal } from '$lib/server/http/skill-refusal';
import { skillFormSchema } from '$lib/schemas/skill';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { skill: skillId } = params;
	const db = getDb();
	const skill = await skillForAdmin(db, skillId);
	if (!skill) notFound(locals.locale, 'error_skill_missing');
	return { skill, values: skillFormValues(skill), groups: await skillGroupsForAdmin(db) };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals }) => {
		const { skill } = params;
		const form = await readForm(request, skillFormSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await editSkill(getDb(), signedInUser(locals).id, skill, form.data);
		if (!result.ok) return skillRefusal(locals.locale, result, form.values);
		return { done: true };
	}
} satisfies Actions;
