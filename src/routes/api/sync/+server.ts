import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { translate } from '$lib/server/i18n';
import { readJson } from '$lib/server/body';
import { applyEvents } from '$lib/server/courses/sync';
import { syncSchema } from '$lib/schemas/learning';
import { SYNC_BODY_MAX, SYNC_DEPTH_MAX } from '$lib/sync-limits';
import { formatHours } from '$lib/format';
import type { RequestHandler } from './$types';
import { signedInUser } from '$lib/server/http/user';

/**
 * Progress a phone made offline, in batches of up to 100 events. Each event is applied once
 * for this learner; the answer says, per event, applied, duplicate (already had) or rejected.
 * A body larger than a batch ever is, or nested deeper, is refused before it is parsed; a batch
 * past the learner's daily quota is refused whole with 429, and the phone keeps it for later.
 */
export const POST: RequestHandler = async ({ request, locals, setHeaders }) => {
	const body = await readJson(request, { maxBytes: SYNC_BODY_MAX, maxDepth: SYNC_DEPTH_MAX });
	if (!body.ok && body.error === 'too_large')
		return json({ message: translate('error_sync_too_large', locals.locale) }, { status: 413 });
	const parsed = syncSchema.safeParse(body.ok ? body.value : null);
	if (!parsed.success)
		return json({ message: translate('error_form', locals.locale) }, { status: 400 });
	const result = await applyEvents(getDb(), signedInUser(locals).id, parsed.data.events);
	if (!result.ok) {
		setHeaders({ 'retry-after': String(Math.ceil(result.retryAfterMs / 1000)) });
		return json(
			{
				message: translate('error_quota_sync', locals.locale, {
					hours: formatHours(result.retryAfterMs, locals.locale)
				})
			},
			{ status: 429 }
		);
	}
	return json({ results: result.outcomes });
};
