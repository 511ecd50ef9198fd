import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse, type RefusalStatus } from '$lib/server/http/respond';
import {
	getOrgRole,
	moveRole,
	removeRoleSkill,
	setRoleSkill,
	updateRole
} from '$lib/server/roles/editing';
import { roleFormValues } from '$lib/server/roles/form';
import { hasCandidates } from '$lib/server/matching/candidates';
import { getSkillGroup, listSkillGroups, skillNames } from '$lib/server/skills/profile';
import {
	roleDetailsSchema,
	roleMoveSchema,
	roleSkillRemoveSchema,
	roleSkillSchema
} from '$lib/schemas/role';
import type { Locale } from '$lib/server/schema';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals, url }) => {
	const { role: roleId } = params;
	const db = getDb();
	const role = await getOrgRole(db, signedInUser(locals).id, roleId);
	if (!role) notFound(locals.locale, 'error_no_role');
	const group = url.searchParams.get('group');
	return {
		role,
		candidates: hasCandidates(role.status),
		values: roleFormValues(role),
		names: await skillNames(
			db,
			role.skills.map((s) => s.id),
			locals.locale
		),
		groups: role.status === 'draft' ? await listSkillGroups(db, locals.locale) : [],
		group:
			role.status === 'draft' && group && /^[a-z][a-z0-9_]{1,39}$/.test(group)
				? await getSkillGroup(db, group, locals.locale)
				: null
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
	addSkill: async ({ params, request, locals }) => {
		const { role } = params;
		const form = await readForm(request, roleSkillSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'addSkill', errors: form.errors });
		const result = await setRoleSkill(getDb(), signedInUser(locals).id, role, {
			id: form.data.skill,
			level: form.data.level,
			required: form.data.need
		});
		if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
		if (!result.ok)
			return refused(
				locals.locale,
				'addSkill',
				result.error,
				result.error === 'no_skill' ? 400 : 409
			);
		return { action: 'addSkill', done: true };
	},
	removeSkill: async ({ params, request, locals }) => {
		const { role } = params;
		const form = await readForm(request, roleSkillRemoveSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'removeSkill', errors: form.errors });
		const result = await removeRoleSkill(getDb(), signedInUser(locals).id, role, form.data.skill);
		if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
		if (!result.ok) return refused(locals.locale, 'removeSkill', result.error);
		return { action: 'removeSkill', done: true };
	},
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
