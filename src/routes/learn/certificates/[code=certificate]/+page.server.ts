import { listCertificates } from '$lib/server/courses/certificates';
import { getDb } from '$lib/server/db';
import { notFound } from '$lib/server/http/respond';
import { certificateCodeIn } from '$lib/ids';
import type { PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

export const load = (async ({ params, locals }) => {
	// The matcher took the code in any case; the stored one is upper case.
	const code = certificateCodeIn(params.code);
	// Only the holder's own certificates can be opened here.
	const certificate = (
		await listCertificates(getDb(), signedInUser(locals).id, locals.locale)
	).find((c) => c.code === code);
	if (!code || !certificate || certificate.revoked) notFound(locals.locale, 'error_no_certificate');
	return { certificate };
}) satisfies PageServerLoad;
