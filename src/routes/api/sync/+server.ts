import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { translate } from '$lib/server/i18n';
import { applyEvents } from '$lib/server/courses/sync';
import { syncSchema } from '$lib/schemas/learning';
import type { RequestHandler } from './$types';

/**
 * Progress a phone made offline, in batches of up to 100 events. Each event is applied once
 * for this learner; the answer says, per event, applied, duplicate (already had) or rejected.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await request.json().catch(() => null);
	const parsed = syncSchema.safeParse(body);
	if (!parsed.success) return json({ message: translate('error_form', locals.locale) }, { status: 400 });
	const results = await applyEvents(getDb(), locals.user!.id, parsed.data.events);
	return json({ results });
};
