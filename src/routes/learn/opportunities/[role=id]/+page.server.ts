import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { applicationFor, shareProfile } from '$lib/server/applications/learner';
import { applyToRole } from '$lib/server/applications/lifecycle';
import { getOpportunity } from '$lib/server/matching/opportunities';
import { profileVisibility } from '$lib/server/skills/profile';
import { applySchema, shareProfileSchema } from '$lib/schemas/application';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { role: roleId } = params;
	const role = await getOpportunity(getDb(), signedInUser(locals).id, roleId, locals.locale);
	if (!role) notFound(locals.locale, 'error_no_role');
	return {
		role,
		application: await applicationFor(getDb(), signedInUser(locals).id, roleId),
		// What the organization will see depends on it: the page says so before anyone applies.
		visibility: await profileVisibility(getDb(), signedInUser(locals).id)
	};
}) satisfies PageServerLoad;

export const actions = {
	apply: async ({ params, request, locals }) => {
		const { role } = params;
		const form = await readForm(request, applySchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await applyToRole(
			getDb(),
			signedInUser(locals).id,
			role,
			form.data.message,
			Date.now(),
			form.data.share_profile
		);
		if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
		if (!result.ok)
			return refuse(locals.locale, 409, `error_application_${result.error}`, {
				values: form.values
			});
		redirect(303, `/learn/applications/${result.id}`);
	},
	/** Only the learner's own application to this role (checked in the domain). */
	share: async ({ params, request, locals }) => {
		const { role } = params;
		const form = await readForm(request, shareProfileSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const application = await applicationFor(getDb(), signedInUser(locals).id, role);
		if (!application) notFound(locals.locale, 'error_no_application');
		const result = await shareProfile(
			getDb(),
			signedInUser(locals).id,
			application.id,
			form.data.share
		);
		if (!result.ok) return refuse(locals.locale, 409, 'error_application_not_allowed');
		return { shared: form.data.share };
	}
} satisfies Actions;
