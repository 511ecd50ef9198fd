import { listCertificates } from '$lib/server/courses/certificates';
import { getDb } from '$lib/server/db';
import { notFound, parseParams } from '$lib/server/http/respond';
import { certificateCodeSchema } from '$lib/schemas/learning';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { code } = parseParams(
		certificateCodeSchema,
		params,
		locals.locale,
		'error_no_certificate'
	);
	// Only the holder's own certificates can be opened here.
	const certificate = (await listCertificates(getDb(), locals.user!.id, locals.locale)).find(
		(c) => c.code === code
	);
	if (!certificate || certificate.revoked) notFound(locals.locale, 'error_no_certificate');
	return { certificate };
}) satisfies PageServerLoad;
