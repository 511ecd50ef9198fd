import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import {
	applyForOrganization,
	createInvitation,
	getMembership,
	joinWithInvitation
} from '$lib/server/orgs/membership';
import { orgApplications } from '$lib/server/auth/floods';
import { memberRefusal, refuse, tooManyTries } from '$lib/server/http/respond';
import {
	joinOrgSchema,
	orgApplicationSchema,
	removeMemberSchema,
	revokeInvitationSchema
} from '$lib/schemas/org';
import { openInvitations, removeMember, revokeInvitation } from '$lib/server/orgs/members';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => {
	const membership = await getMembership(getDb(), signedInUser(locals).id);
	// Only the owner manages who belongs: the invitations still open, never their codes.
	const invitations =
		membership?.role === 'owner' ? await openInvitations(getDb(), membership.org.id) : [];
	return { membership, invitations };
}) satisfies PageServerLoad;

export const actions = {
	apply: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request, orgApplicationSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'apply', values: form.values, errors: form.errors });
		const address = event.getClientAddress();
		const wait = await orgApplications.wait(getDb(), address);
		if (wait > 0)
			return tooManyTries(
				event,
				locals.locale,
				wait,
				{ action: 'apply', values: form.values },
				'error_too_many_org_applications'
			);
		await orgApplications.record(getDb(), address);
		const result = await applyForOrganization(getDb(), signedInUser(locals).id, form.data);
		if (!result.ok)
			return refuse(locals.locale, 409, `error_${result.error}`, { values: form.values });
		return { action: 'apply', done: true };
	},
	join: async ({ request, locals }) => {
		const form = await readForm(request, joinOrgSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'join', values: form.values, errors: form.errors });
		const result = await joinWithInvitation(getDb(), signedInUser(locals).id, form.data.code);
		if (!result.ok)
			return refuse(
				locals.locale,
				400,
				`error_${result.error}`,
				{ values: form.values },
				{ field: 'code' }
			);
		return { action: 'join', done: true };
	},
	removeMember: async ({ request, locals }) => {
		const form = await readForm(request, removeMemberSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'removeMember', errors: form.errors });
		const result = await removeMember(getDb(), signedInUser(locals).id, null, form.data.member);
		if (!result.ok) return memberRefusal(locals.locale, 'removeMember', result.error);
		return { action: 'removeMember', done: true };
	},
	revokeInvitation: async ({ request, locals }) => {
		const form = await readForm(request, revokeInvitationSchema, locals.locale);
		if (!form.ok) return fail(400, { action: 'revokeInvitation', errors: form.errors });
		const result = await revokeInvitation(
			getDb(),
			signedInUser(locals).id,
			null,
			form.data.invitation
		);
		if (!result.ok) return memberRefusal(locals.locale, 'revokeInvitation', result.error);
		return { action: 'revokeInvitation', done: true };
	},
	invite: async ({ locals }) => {
		const result = await createInvitation(getDb(), signedInUser(locals).id);
		if (!result.ok) return refuse(locals.locale, 403, `error_${result.error}`, { values: {} });
		return { action: 'invite', code: result.code, expiresAt: result.expiresAt };
	}
} satisfies Actions;
