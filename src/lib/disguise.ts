/**
 * Disguise: the look a learner may give the installed app before installing it, so that a
 * phone searched at a checkpoint shows a plain tool ("Notes", "Calculator") instead of Lanpya.
 * The choice is a cookie of the phone (no personal data), read by the server (titles, theme
 * colour, manifest and icon of every page) and by the page (kept pages fetched without cookies).
 */

import { COOKIES } from './stored-names';

export const LOOK_COOKIE = COOKIES.look;

/** The neutral looks; `lanpya` is the default and means no disguise. */
export const NEUTRAL_LOOKS = ['notes', 'calculator'] as const;
export const LOOKS = ['lanpya', ...NEUTRAL_LOOKS] as const;

export type NeutralLook = (typeof NEUTRAL_LOOKS)[number];
export type Look = (typeof LOOKS)[number];

export const isNeutralLook = (value: unknown): value is NeutralLook =>
	NEUTRAL_LOOKS.includes(value as NeutralLook);
export const isLook = (value: unknown): value is Look => LOOKS.includes(value as Look);

/** What a look changes outside the page's own text. */
export interface LookAssets {
	themeColor: string;
	backgroundColor: string;
	/** The tab's icon. */
	icon: string;
	manifest: string;
}

export const LOOK_ASSETS: Record<Look, LookAssets> = {
	lanpya: {
		themeColor: '#1f5f4a',
		backgroundColor: '#fbfaf6',
		icon: '/favicon.svg',
		manifest: '/manifest.webmanifest'
	},
	notes: {
		themeColor: '#f4c430',
		backgroundColor: '#fffdf5',
		icon: '/icons/notes.svg',
		manifest: '/manifest/notes.webmanifest'
	},
	calculator: {
		themeColor: '#3c4043',
		backgroundColor: '#202124',
		icon: '/icons/calculator.svg',
		manifest: '/manifest/calculator.webmanifest'
	}
};

/** The first screen of an installed disguised app: a plain tool, with a discreet way in. */
export const coverPath = (look: NeutralLook) => `/cover/${look}`;

/** The look chosen on this phone, from a Cookie header or `document.cookie`. */
export function lookFromCookies(cookie: string | null | undefined): Look {
	const value = cookie?.match(new RegExp(`(?:^|;\\s*)${LOOK_COOKIE}=([a-z]+)(?:;|$)`))?.[1];
	return isLook(value) ? value : 'lanpya';
}
