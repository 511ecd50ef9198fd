import { fail } from '@sveltejs/kit';
import { setBackground } from '$lib/server/accounts/settings';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { listBackgrounds, suggestSkills } from '$lib/server/skills/crosswalk';
import {
	changeProfileDetails,
	declareSkills,
	getProfile,
	getSkillGroup,
	listSkillGroups
} from '$lib/server/skills/profile';
import { notConfirmed, refuse } from '$lib/server/http/respond';
import { backgroundQuery, profileDetailsSchema, skillChoicesSchema } from '$lib/schemas/profile';
import { backgroundSchema } from '$lib/schemas/account';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals, url }) => {
	const db = getDb();
	const locale = locals.locale;
	const query = backgroundQuery.parse({
		from: url.searchParams.get('from') ?? undefined,
		group: url.searchParams.get('group') ?? undefined
	});
	const profile = await getProfile(db, signedInUser(locals).id, locale);
	// The learner's own levels, to start each chooser from what they already said.
	const own = Object.fromEntries(
		profile.skills.flatMap((s) =>
			s.sources.filter((x) => x.kind === 'self').map((x) => [s.id, x.level])
		)
	);
	return {
		profile,
		own,
		// Only here: no other page prints the learner's background.
		background: signedInUser(locals).background,
		groups: await listSkillGroups(db, locale),
		backgrounds: await listBackgrounds(db, locale),
		from: query.from ?? null,
		suggested: query.from
			? await suggestSkills(db, query.from, locale, signedInUser(locals).id)
			: null,
		group: query.group ? await getSkillGroup(db, query.group, locale) : null
	};
}) satisfies PageServerLoad;

export const actions = {
	skills: async ({ request, locals }) => {
		const form = await readForm(request, skillChoicesSchema, locals.locale);
		if (!form.ok) return refuse(locals.locale, 400, 'error_form', { action: 'skills' });
		const result = await declareSkills(getDb(), signedInUser(locals).id, form.data);
		if (!result.ok) return refuse(locals.locale, 400, 'error_no_skill', { action: 'skills' });
		// How many of the skills on the form are now the learner's own: the crosswalk's answer says so.
		return { action: 'skills', done: true, chosen: form.data.filter((c) => c.level > 0).length };
	},
	details: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, profileDetailsSchema, locals.locale, ['password']);
		if (!form.ok) return fail(400, { action: 'details', values: form.values, errors: form.errors });
		const { password, ...details } = form.data;
		const result = await changeProfileDetails(getDb(), signedInUser(locals).id, details, password);
		if (!result.ok && result.error === 'password_needed')
			return refuse(
				locals.locale,
				400,
				'error_password_to_show',
				{ action: 'details', values: form.values },
				{ field: 'password' }
			);
		if (!result.ok && (result.error === 'wrong_password' || result.error === 'locked'))
			return notConfirmed(event, locals.locale, 'details', result);
		if (!result.ok)
			return refuse(locals.locale, 400, 'error_choice', { action: 'details', values: form.values });
		return { action: 'details', done: true };
	},
	background: async ({ request, locals }) => {
		const form = await readForm(request, backgroundSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'background', errors: form.errors });
		await setBackground(getDb(), signedInUser(locals).id, form.data.background);
		return { action: 'background', done: true };
	}
} satisfies Actions;
