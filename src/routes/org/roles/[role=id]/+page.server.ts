import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse, type RefusalStatus } from '$lib/server/http/respond';
import { getOrgRole, moveRole, updateRole } from '$lib/server/roles/editing';
import { roleFormValues } from '$lib/server/roles/form';
import { hasCandidates } from '$lib/server/matching/candidates';
import { addSkillAction, removeSkillAction, skillPickerData } from '$lib/server/http/posted-skills';
import { roleDetailsSchema, roleMoveSchema } from '$lib/schemas/role';
import type { Locale } from '$lib/server/schema';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals, url }) => {
	const { role: roleId } = params;
	const db = getDb();
	const role = await getOrgRole(db, signedInUser(locals).id, roleId);
	if (!role) notFound(locals.locale, 'error_no_role');
	return {
		role,
		candidates: hasCandidates(role.status),
		values: roleFormValues(role),
		...(await skillPickerData(
			db,
			role.skills.map((s) => s.id),
			role.status === 'draft',
			url,
			locals.locale
		))
	};
}) satisfies PageServerLoad;

const refused = (locale: Locale, action: string, error: string, status: RefusalStatus = 409) =>
	refuse(locale, status, `error_role_${error}`, { action });

export const actions = {
	save: async ({ params, request, locals }) => {
		const { role } = params;
		const form = await readForm(request, roleDetailsSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'save', values: form.values, errors: form.errors });
		const result = await updateRole(getDb(), signedInUser(locals).id, role, form.data);
		if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
		if (!result.ok) return refused(locals.locale, 'save', result.error);
		return { action: 'save', done: true };
	},
	addSkill: async (event) => addSkillAction('role', event.params.role, event),
	removeSkill: async (event) => removeSkillAction('role', event.params.role, event),
	move: async ({ params, request, locals }) => {
		const { role } = params;
		const form = await readForm(request, roleMoveSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'move', errors: form.errors });
		const result = await moveRole(getDb(), signedInUser(locals).id, role, form.data.move);
		if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
		if (!result.ok) return refused(locals.locale, 'move', result.error);
		return { action: 'move', done: true };
	}
} satisfies Actions;
