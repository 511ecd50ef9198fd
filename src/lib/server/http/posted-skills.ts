/**
 * The skill picker of an organization's role and training pages (src/lib/staff/SkillPicker.svelte):
 * what its load gives and its two form actions, one way for both.
 */
import { fail } from '@sveltejs/kit';
import { getDb, type Db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import {
	removePostedSkill,
	setPostedSkill,
	type Posted,
	type PostedSkill,
	type PostedSkillResult
} from '$lib/server/roles/posted-skills';
import { getSkillGroup, listSkillGroups, skillNames } from '$lib/server/skills/profile';
import { isSkillId } from '$lib/ids';
import { roleSkillRemoveSchema, roleSkillSchema } from '$lib/schemas/role';
import { trainingSkillSchema } from '$lib/schemas/training';
import type { Locale } from '$lib/server/schema';

const MISSING = { role: 'error_no_role', training: 'error_training_no_training' } as const;

/**
 * The picker's data: the names of the skills listed, and, on a draft, the groups of the shared
 * list and the one opened (`?group=`).
 */
export async function skillPickerData(
	db: Db,
	skillIds: string[],
	draft: boolean,
	url: URL,
	locale: Locale
) {
	const group = url.searchParams.get('group');
	return {
		names: await skillNames(db, skillIds, locale),
		groups: draft ? await listSkillGroups(db, locale) : [],
		group: draft && group && isSkillId(group) ? await getSkillGroup(db, group, locale) : null
	};
}

/** A refused skill action's answer; a role or training that is not theirs is a 404. */
function answer<K extends Posted>(
	kind: K,
	locale: Locale,
	action: 'addSkill' | 'removeSkill',
	result: PostedSkillResult<K>
) {
	if (result.ok) return { action, done: true };
	if (result.error === `no_${kind}`) notFound(locale, MISSING[kind]);
	return refuse(locale, result.error === 'no_skill' ? 400 : 409, `error_${kind}_${result.error}`, {
		action
	});
}

/** Adds a skill to the draft role or training `id`, or changes its level. */
export async function addSkillAction(
	kind: Posted,
	id: string,
	{ request, locals }: { request: Request; locals: App.Locals }
) {
	const form = await readForm(
		request,
		kind === 'role' ? roleSkillSchema : trainingSkillSchema,
		locals.locale
	);
	if (!form.ok) return fail(400, { action: 'addSkill', errors: form.errors });
	const skill: PostedSkill = { id: form.data.skill, level: form.data.level };
	// A role's skill is required or a plus; a training's form has no such choice.
	if ('need' in form.data && typeof form.data.need === 'boolean') skill.required = form.data.need;
	const result = await setPostedSkill(getDb(), kind, signedInUser(locals).id, id, skill);
	return answer(kind, locals.locale, 'addSkill', result);
}

/** Takes a skill off the draft role or training `id`. */
export async function removeSkillAction(
	kind: Posted,
	id: string,
	{ request, locals }: { request: Request; locals: App.Locals }
) {
	const form = await readForm(request, roleSkillRemoveSchema, locals.locale);
	if (!form.ok) return fail(400, { action: 'removeSkill', errors: form.errors });
	const result = await removePostedSkill(
		getDb(),
		kind,
		signedInUser(locals).id,
		id,
		form.data.skill
	);
	return answer(kind, locals.locale, 'removeSkill', result);
}
