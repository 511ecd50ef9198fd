import { getDb } from '$lib/server/db';
import { notFound } from '$lib/server/http/respond';
import { signedInUser } from '$lib/server/http/user';
import { attendanceSheet, attendedShare } from '$lib/server/trainings/attendance';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const sheet = await attendanceSheet(getDb(), signedInUser(locals).id, params.training);
	if (!sheet) notFound(locals.locale, 'error_no_training');
	return {
		sheet,
		attended: sheet.participants.map((p) =>
			attendedShare(Object.values(p.marks), sheet.sessions.length)
		)
	};
}) satisfies PageServerLoad;
