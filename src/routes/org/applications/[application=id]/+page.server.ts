import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import {
	decideApplication,
	endorsableSkills,
	endorseSkill
} from '$lib/server/applications/lifecycle';
import { getOrgApplication } from '$lib/server/applications/organization';
import { readThread } from '$lib/server/applications/messages';
import { decideApplicationSchema, endorseSchema } from '$lib/schemas/application';
import { messageAction } from '$lib/server/http/message-action';
import { markSeen } from '$lib/server/applications/news';
import { badgeFor } from '$lib/server/news';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { application: id } = params;
	const application = await getOrgApplication(getDb(), signedInUser(locals).id, id, locals.locale);
	if (!application) notFound(locals.locale, 'error_no_application');
	await markSeen(getDb(), id, 'organization');
	return {
		badge: await badgeFor(getDb(), signedInUser(locals)),
		application,
		thread: (await readThread(getDb(), signedInUser(locals).id, id)) ?? [],
		endorsable:
			application.status === 'accepted' ? await endorsableSkills(getDb(), id, locals.locale) : []
	};
}) satisfies PageServerLoad;

export const actions = {
	decide: async ({ params, request, locals }) => {
		const { application } = params;
		const form = await readForm(request, decideApplicationSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await decideApplication(
			getDb(),
			signedInUser(locals).id,
			application,
			form.data.decision,
			form.data.note
		);
		if (!result.ok && (result.error === 'no_application' || result.error === 'not_vetted'))
			notFound(locals.locale, 'error_no_application');
		if (!result.ok)
			return refuse(locals.locale, 409, 'error_application_not_allowed', { values: form.values });
		return { done: true };
	},
	message: messageAction,
	endorse: async ({ params, request, locals }) => {
		const { application } = params;
		const form = await readForm(request, endorseSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await endorseSkill(
			getDb(),
			signedInUser(locals).id,
			application,
			form.data.skill,
			form.data.level
		);
		if (!result.ok && (result.error === 'no_application' || result.error === 'not_vetted'))
			notFound(locals.locale, 'error_no_application');
		if (!result.ok)
			return refuse(
				locals.locale,
				409,
				result.error === 'beyond_role'
					? 'error_endorse_beyond_role'
					: 'error_application_not_allowed'
			);
		return { endorsed: true };
	}
} satisfies Actions;
