import { config } from '../config';
import { getDb } from '../db';
import { translate } from '../i18n';
import type { Locale } from '../schema';
import { offlineFile } from './offline';

/** One JSON file of a course's offline package; its address changes with its content. */
export async function offlineFileResponse(
	courseId: string,
	name: string,
	locale: Locale
): Promise<Response> {
	const body = await offlineFile(getDb(), courseId, name, config.mediaPath);
	if (body === null)
		return new Response(JSON.stringify({ message: translate('error_not_found', locale) }), {
			status: 404,
			headers: { 'content-type': 'application/json' }
		});
	return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
