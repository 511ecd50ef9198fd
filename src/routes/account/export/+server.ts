import { exportAccount } from '$lib/server/accounts/export';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';
import { signedInUser } from '$lib/server/http/user';

/**
 * Everything Lanpya holds about the signed-in account, as a JSON file to download. The file's
 * name carries the date, never the account's name nor the app's: it may sit on a searched phone
 * (the browser's list of downloads keeps it too).
 */
export const GET: RequestHandler = async ({ locals }) => {
	const now = Date.now();
	const data = await exportAccount(getDb(), signedInUser(locals).id, locals.session!.id, now);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="data-${new Date(now).toISOString().slice(0, 10)}.json"`,
			'cache-control': 'no-store'
		}
	});
};
