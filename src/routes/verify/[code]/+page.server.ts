import { verifyCertificate } from '$lib/server/courses/certificates';
import { getDb } from '$lib/server/db';
import { certificateCode } from '$lib/schemas/learning';
import type { PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const code = certificateCode.safeParse(params.code);
	return {
		result: code.success
			? await verifyCertificate(getDb(), code.data)
			: ({ status: 'unknown' } as const)
	};
}) satisfies PageServerLoad;
