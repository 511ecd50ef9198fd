import { fail } from '@sveltejs/kit';
import {
	listCertificates,
	revokeCertificate,
	updateCertificate
} from '$lib/server/courses/certificates';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { refuse } from '$lib/server/http/respond';
import {
	certificateCodeSchema,
	certificateNameSchema,
	certificateRevokeSchema
} from '$lib/schemas/learning';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ locals }) => ({
	certificates: await listCertificates(getDb(), signedInUser(locals).id, locals.locale)
})) satisfies PageServerLoad;

/** Each action touches only a certificate of the signed-in learner (checked in the domain). */
export const actions = {
	name: async ({ request, locals }) => {
		const form = await readForm(request, certificateNameSchema, locals.locale);
		if (!form.ok)
			return fail(400, { code: form.values.code, values: form.values, errors: form.errors });
		if (
			!(await updateCertificate(getDb(), signedInUser(locals).id, form.data.code, {
				displayName: form.data.name
			}))
		)
			return refuse(locals.locale, 404, 'error_no_certificate', { values: {} });
		return { code: form.data.code, saved: true };
	},
	hide: async ({ request, locals }) => {
		const form = await readForm(request, certificateCodeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		if (
			!(await updateCertificate(getDb(), signedInUser(locals).id, form.data.code, { hidden: true }))
		)
			return refuse(locals.locale, 404, 'error_no_certificate', { values: {} });
		return { code: form.data.code, saved: true };
	},
	show: async ({ request, locals }) => {
		const form = await readForm(request, certificateCodeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		if (
			!(await updateCertificate(getDb(), signedInUser(locals).id, form.data.code, {
				hidden: false
			}))
		)
			return refuse(locals.locale, 404, 'error_no_certificate', { values: {} });
		return { code: form.data.code, saved: true };
	},
	revoke: async ({ request, locals }) => {
		const form = await readForm(request, certificateRevokeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		if (!(await revokeCertificate(getDb(), signedInUser(locals).id, form.data.code)))
			return refuse(locals.locale, 404, 'error_no_certificate', { values: {} });
		return { code: form.data.code, saved: true };
	}
} satisfies Actions;
