import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { decideOrganization, organizationForReview } from '$lib/server/orgs/vetting';
import { memberRefusal, notFound, refuse } from '$lib/server/http/respond';
import { orgDecisionSchema, removeMemberSchema, revokeInvitationSchema } from '$lib/schemas/org';
import {
	membersOf,
	openInvitations,
	removeMember,
	revokeInvitation
} from '$lib/server/orgs/members';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	const { org } = params;
	const review = await organizationForReview(getDb(), org);
	if (!review) notFound(locals.locale, 'error_no_org');
	return {
		review,
		members: await membersOf(getDb(), org),
		invitations: await openInvitations(getDb(), org)
	};
}) satisfies PageServerLoad;

export const actions = {
	decide: async ({ params, request, locals }) => {
		const { org } = params;
		const form = await readForm(request, orgDecisionSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await decideOrganization(
			getDb(),
			signedInUser(locals).id,
			org,
			form.data.decision,
			form.data.note
		);
		if (!result.ok && result.error === 'no_org') notFound(locals.locale, 'error_no_org');
		if (!result.ok)
			return refuse(
				locals.locale,
				409,
				'error_decision_not_allowed',
				{ values: form.values },
				{ field: 'decision' }
			);
		return { done: form.data.decision };
	},
	removeMember: async ({ params, request, locals }) => {
		const { org } = params;
		const form = await readForm(request, removeMemberSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'removeMember', errors: form.errors });
		const result = await removeMember(getDb(), signedInUser(locals).id, org, form.data.member);
		if (!result.ok) return memberRefusal(locals.locale, 'removeMember', result.error);
		return { action: 'removeMember', removed: true };
	},
	revokeInvitation: async ({ params, request, locals }) => {
		const { org } = params;
		const form = await readForm(request, revokeInvitationSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'revokeInvitation', errors: form.errors });
		const result = await revokeInvitation(
			getDb(),
			signedInUser(locals).id,
			org,
			form.data.invitation
		);
		if (!result.ok) return memberRefusal(locals.locale, 'revokeInvitation', result.error);
		return { action: 'revokeInvitation', revoked: true };
	}
} satisfies Actions;
