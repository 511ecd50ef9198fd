import * as m from '$lib/paraglide/messages';
import { coverPath, LOOK_ASSETS, type NeutralLook } from '$lib/disguise';
import type { Locale } from './schema';
import { translate } from './i18n';

/**
 * The web app manifest of a neutral look: its own name, icons, colours, start screen and id.
 * Nothing in it names Lanpya, a course or a role. Each look has its own `id`, so an app installed
 * as "Notes" stays "Notes" when the phone's choice changes later (another choice installs as
 * another app instead of renaming this one).
 */
export function neutralManifest(look: NeutralLook, locale: Locale) {
	const assets = LOOK_ASSETS[look];
	const name = translate(`look_${look}`, locale);
	return {
		id: `/?app=${look}`,
		name,
		short_name: name,
		lang: locale,
		start_url: coverPath(look),
		scope: '/',
		display: 'standalone',
		theme_color: assets.themeColor,
		background_color: assets.backgroundColor,
		icons: [
			{ src: `/icons/${look}-192.png`, sizes: '192x192', type: 'image/png' },
			{ src: `/icons/${look}-512.png`, sizes: '512x512', type: 'image/png' },
			{
				src: `/icons/${look}-maskable-512.png`,
				sizes: '512x512',
				type: 'image/png',
				purpose: 'maskable'
			},
			{ src: assets.icon, sizes: 'any', type: 'image/svg+xml' }
		]
	};
}

/**
 * What the choice of a look explains, made on the server: only the pages that offer the choice
 * (the landing page, the account page, "On this phone") carry these long texts, never the
 * script every page downloads (the first visit's 60 KB budget).
 */
export function lookTexts(locale: Locale) {
	const options = { locale };
	return {
		body: m.look_body({}, options),
		code: m.look_code_hint({}, options),
		install: m.look_install_hint({}, options),
		history: m.look_history_hint({}, options),
		more: m.look_more({}, options)
	};
}

export type LookTexts = ReturnType<typeof lookTexts>;
