import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { notFound, parseParams } from '$lib/server/respond';
import { applicationFor, shareProfile } from '$lib/server/applications/learner';
import { applyToRole } from '$lib/server/applications/lifecycle';
import { getOpportunity } from '$lib/server/roles/opportunities';
import { profileVisibility } from '$lib/server/skills/profile';
import { applySchema, shareProfileSchema } from '$lib/schemas/application';
import type { Actions, PageServerLoad } from './$types';

const params = z.object({ role: z.string().regex(/^[a-z0-9]{8,40}$/) });

export const load = (async ({ params: raw, locals }) => {
	const { role: roleId } = parseParams(params, raw, locals.locale, 'error_no_role');
	const role = await getOpportunity(getDb(), locals.user!.id, roleId, locals.locale);
	if (!role) notFound(locals.locale, 'error_no_role');
	return {
		role,
		application: await applicationFor(getDb(), locals.user!.id, roleId),
		// What the organization will see depends on it: the page says so before anyone applies.
		visibility: await profileVisibility(getDb(), locals.user!.id)
	};
}) satisfies PageServerLoad;

export const actions = {
	apply: async ({ params: raw, request, locals }) => {
		const { role } = parseParams(params, raw, locals.locale, 'error_no_role');
		const form = await readForm(request, applySchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await applyToRole(
			getDb(),
			locals.user!.id,
			role,
			form.data.message,
			Date.now(),
			form.data.share_profile
		);
		if (!result.ok && result.error === 'no_role') notFound(locals.locale, 'error_no_role');
		if (!result.ok)
			return fail(409, {
				values: form.values,
				errors: { form: translate(`error_application_${result.error}`, locals.locale) } as Record<
					string,
					string
				>
			});
		redirect(303, `/learn/applications/${result.id}`);
	},
	/** Only the learner's own application to this role (checked in the domain). */
	share: async ({ params: raw, request, locals }) => {
		const { role } = parseParams(params, raw, locals.locale, 'error_no_role');
		const form = await readForm(request, shareProfileSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const application = await applicationFor(getDb(), locals.user!.id, role);
		if (!application) notFound(locals.locale, 'error_no_application');
		const result = await shareProfile(getDb(), locals.user!.id, application.id, form.data.share);
		if (!result.ok)
			return fail(409, {
				errors: { form: translate('error_application_not_allowed', locals.locale) } as Record<
					string,
					string
				>
			});
		return { shared: form.data.share };
	}
} satisfies Actions;
