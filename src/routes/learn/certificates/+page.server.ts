import { fail } from '@sveltejs/kit';
import {
	listCertificates,
	revokeCertificate,
	updateCertificate
} from '$lib/server/courses/certificates';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { refused } from '$lib/server/http/respond';
import {
	certificateCodeSchema,
	certificateNameSchema,
	certificateRevokeSchema
} from '$lib/schemas/learning';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	certificates: await listCertificates(getDb(), locals.user!.id, locals.locale)
})) satisfies PageServerLoad;

/** Each action touches only a certificate of the signed-in learner (checked in the domain). */
export const actions = {
	name: async ({ request, locals }) => {
		const form = await readForm(request, certificateNameSchema, locals.locale);
		if (!form.ok)
			return fail(400, { code: form.values.code, values: form.values, errors: form.errors });
		if (
			!(await updateCertificate(getDb(), locals.user!.id, form.data.code, {
				displayName: form.data.name
			}))
		)
			return refused(locals.locale, 'no_certificate', {}, 'form', 404);
		return { code: form.data.code, saved: true };
	},
	hide: async ({ request, locals }) => {
		const form = await readForm(request, certificateCodeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		if (!(await updateCertificate(getDb(), locals.user!.id, form.data.code, { hidden: true })))
			return refused(locals.locale, 'no_certificate', {}, 'form', 404);
		return { code: form.data.code, saved: true };
	},
	show: async ({ request, locals }) => {
		const form = await readForm(request, certificateCodeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		if (!(await updateCertificate(getDb(), locals.user!.id, form.data.code, { hidden: false })))
			return refused(locals.locale, 'no_certificate', {}, 'form', 404);
		return { code: form.data.code, saved: true };
	},
	revoke: async ({ request, locals }) => {
		const form = await readForm(request, certificateRevokeSchema, locals.locale);
		if (!form.ok) return fail(400, { errors: form.errors });
		if (!(await revokeCertificate(getDb(), locals.user!.id, form.data.code)))
			return refused(locals.locale, 'no_certificate', {}, 'form', 404);
		return { code: form.data.code, saved: true };
	}
} satisfies Actions;
