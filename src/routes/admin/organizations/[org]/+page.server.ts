import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';
import { decideOrganization, organizationForReview } from '$lib/server/orgs/vetting';
import { notFound, parseParams } from '$lib/server/respond';
import { orgDecisionSchema } from '$lib/schemas/org';
import type { Actions, PageServerLoad } from './$types';

const params = z.object({ org: z.string().regex(/^[a-z0-9]{8,40}$/) });

export const load = (async ({ params: raw, locals }) => {
	const { org } = parseParams(params, raw, locals.locale, 'error_no_org');
	const review = await organizationForReview(getDb(), org);
	if (!review) notFound(locals.locale, 'error_no_org');
	return { review };
}) satisfies PageServerLoad;

export const actions = {
	decide: async ({ params: raw, request, locals }) => {
		const { org } = parseParams(params, raw, locals.locale, 'error_no_org');
		const form = await readForm(request, orgDecisionSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await decideOrganization(getDb(), locals.user!.id, org, form.data.decision, form.data.note);
		if (!result.ok && result.error === 'no_org') notFound(locals.locale, 'error_no_org');
		if (!result.ok) return fail(409, { values: form.values, errors: { decision: translate('error_decision_not_allowed', locals.locale) } as Record<string, string> });
		return { done: form.data.decision };
	}
} satisfies Actions;
