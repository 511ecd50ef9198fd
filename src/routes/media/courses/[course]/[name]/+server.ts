import { error } from '@sveltejs/kit';
import fs from 'node:fs/promises';
import path from 'node:path';
import { config } from '$lib/server/config';
import { translate } from '$lib/server/i18n';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = {
	svg: 'image/svg+xml',
	webp: 'image/webp',
	ogg: 'audio/ogg; codecs=opus'
};

/**
 * Course images and sound clips: starter ones from content/courses/<course>/images (audio),
 * uploaded ones (WebP and Ogg Opus under generated names) from MEDIA_PATH/<course>. Names are checked against a strict pattern, so no
 * path can leave those folders. SVGs are served with a CSP that forbids
 * scripts, in case one is ever opened on its own.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const course = params.course;
	const match = params.name.match(/^([a-z0-9-]+)\.(svg|webp|ogg)$/);
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(course) || !match)
		error(404, translate('error_not_found', locals.locale));
	let bytes: Buffer | undefined;
	for (const file of [
		path.resolve('content/courses', course, match[2] === 'ogg' ? 'audio' : 'images', params.name),
		path.join(config.mediaPath, course, params.name)
	]) {
		bytes = await fs.readFile(file).catch(() => undefined);
		if (bytes) break;
	}
	if (!bytes) error(404, translate('error_not_found', locals.locale));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': TYPES[match[2]],
			'cache-control': 'public, max-age=86400',
			'content-security-policy':
				"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; sandbox"
		}
	});
};
