import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { notFound, refuse } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import { attendanceSheet, markAttendance } from '$lib/server/trainings/attendance';
import { attendanceSchema } from '$lib/schemas/training-cohort';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const sheet = await attendanceSheet(getDb(), signedInUser(locals).id, params.training);
	const session = sheet?.sessions.find((s) => s.id === params.session);
	if (!sheet || !session) notFound(locals.locale, 'error_no_training');
	return { sheet, session };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals }) => {
		const form = await readForm(request, attendanceSchema, locals.locale);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const result = await markAttendance(
			getDb(),
			signedInUser(locals).id,
			params.training,
			params.session,
			form.data
		);
		if (!result.ok && (result.error === 'no_training' || result.error === 'no_session'))
			notFound(locals.locale, 'error_no_training');
		if (!result.ok)
			return refuse(locals.locale, 409, `error_attendance_${result.error}`, {
				values: form.values
			});
		return { saved: result.marked };
	}
} satisfies Actions;
