import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { notFound, parseParams } from '$lib/server/respond';
import {
	decideApplication,
	endorsableSkills,
	endorseSkill
} from '$lib/server/applications/lifecycle';
import { getOrgApplication } from '$lib/server/applications/organization';
import { readThread } from '$lib/server/applications/messages';
import {
	applicationParams,
	decideApplicationSchema,
	endorseSchema
} from '$lib/schemas/application';
import { messageAction } from '$lib/server/applications/message-action';
import { badgeFor, markSeen } from '$lib/server/applications/news';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { application: id } = parseParams(
		applicationParams,
		params,
		locals.locale,
		'error_no_application'
	);
	const application = await getOrgApplication(getDb(), locals.user!.id, id, locals.locale);
	if (!application) notFound(locals.locale, 'error_no_application');
	await markSeen(getDb(), id, 'organization');
	return {
		badge: await badgeFor(getDb(), locals.user!),
		application,
		thread: (await readThread(getDb(), locals.user!.id, id)) ?? [],
		endorsable:
			application.status === 'accepted' ? await endorsableSkills(getDb(), id, locals.locale) : []
	};
}) satisfies PageServerLoad;

export const actions = {
	decide: async ({ params, request, locals }) => {
		const { application } = parseParams(
			applicationParams,
			params,
			locals.locale,
			'error_no_application'
		);
		const form = await readForm(request, decideApplicationSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await decideApplication(
			getDb(),
			locals.user!.id,
			application,
			form.data.decision,
			form.data.note
		);
		if (!result.ok && (result.error === 'no_application' || result.error === 'not_vetted'))
			notFound(locals.locale, 'error_no_application');
		if (!result.ok)
			return fail(409, {
				values: form.values,
				errors: { form: translate('error_application_not_allowed', locals.locale) } as Record<
					string,
					string
				>
			});
		return { done: true };
	},
	message: messageAction,
	endorse: async ({ params, request, locals }) => {
		const { application } = parseParams(
			applicationParams,
			params,
			locals.locale,
			'error_no_application'
		);
		const form = await readForm(request, endorseSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await endorseSkill(
			getDb(),
			locals.user!.id,
			application,
			form.data.skill,
			form.data.level
		);
		if (!result.ok && (result.error === 'no_application' || result.error === 'not_vetted'))
			notFound(locals.locale, 'error_no_application');
		if (!result.ok)
			return fail(409, {
				errors: {
					form: translate(
						result.error === 'beyond_role'
							? 'error_endorse_beyond_role'
							: 'error_application_not_allowed',
						locals.locale
					)
				} as Record<string, string>
			});
		return { endorsed: true };
	}
} satisfies Actions;
