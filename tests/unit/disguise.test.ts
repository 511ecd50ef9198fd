import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOOK_ASSETS, lookFromCookies, NEUTRAL_LOOKS } from '$lib/disguise';
import { neutralManifest } from '$lib/server/disguise';
import { lookSchema } from '$lib/schemas/look';

/** Anything that would name the app: its names in both languages, and the default look's colour and icons. */
const GIVEAWAYS = [/lanpya/i, /လမ်းပြ/, /#1f5f4a/i, /favicon/, /icon-(192|512)|\/maskable-512/];

describe('disguise', () => {
	it.each(
		NEUTRAL_LOOKS.flatMap((look) =>
			(['my', 'en'] as const).map((locale) => [look, locale] as const)
		)
	)(
		'the %s manifest in %s names a plain tool, with its own icons, colour, start screen and id',
		(look, locale) => {
			const manifest = neutralManifest(look, locale);
			const text = JSON.stringify(manifest);
			for (const giveaway of GIVEAWAYS) expect(text).not.toMatch(giveaway);
			expect(manifest.name).toBe(manifest.short_name);
			expect(manifest.name).toBe(
				{ notes: { my: 'မှတ်စု', en: 'Notes' }, calculator: { my: 'ဂဏန်းပေါင်းစက်', en: 'Calculator' } }[
					look
				][locale]
			);
			expect(manifest.theme_color).toBe(LOOK_ASSETS[look].themeColor);
			expect(manifest.start_url).toBe(`/cover/${look}`);
			expect(manifest.id).toBe(`/?app=${look}`);
			expect(manifest.icons.map((icon) => icon.src)).toEqual([
				`/icons/${look}-192.png`,
				`/icons/${look}-512.png`,
				`/icons/${look}-maskable-512.png`,
				`/icons/${look}.svg`
			]);
			expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
			// Each icon is a real file, and the drawn one holds no text at all.
			for (const icon of manifest.icons) expect(fs.existsSync(`static${icon.src}`)).toBe(true);
			expect(fs.readFileSync(`static/icons/${look}.svg`, 'utf8')).not.toMatch(/<text|lanpya/i);
		}
	);

	it('the default manifest is Lanpya in Burmese, says nothing of whom it serves, and has an id of its own', () => {
		const manifest = JSON.parse(fs.readFileSync('static/manifest.webmanifest', 'utf8'));
		expect(manifest).toMatchObject({ lang: 'my', name: 'လမ်းပြ', short_name: 'လမ်းပြ' });
		// Read on a searched phone's list of apps: Burmese, and no word of the military, police or leaving.
		expect(manifest.description).toMatch(/^[\u1000-\u109f\s၊။]+$/);
		expect(manifest.description).not.toMatch(/စစ်တပ်|ရဲ|တပ်ဖွဲ့|ထွက်ခဲ့|military|police|soldier/i);
		expect(NEUTRAL_LOOKS.map((look) => neutralManifest(look, 'en').id)).not.toContain(
			manifest.id ?? manifest.start_url
		);
	});

	it('reads the look from cookies, and anything unknown is the default', () => {
		expect(lookFromCookies('lang=my; theme=notes')).toBe('notes');
		expect(lookFromCookies('theme=calculator')).toBe('calculator');
		expect(lookFromCookies('theme=evil')).toBe('lanpya');
		expect(lookFromCookies('xtheme=notes')).toBe('lanpya');
		expect(lookFromCookies(null)).toBe('lanpya');
	});

	it('the choice accepts only the three looks and a path on this site', () => {
		expect(lookSchema.safeParse({ look: 'notes', next: '/learn' }).success).toBe(true);
		expect(lookSchema.safeParse({ look: 'lanpya' }).success).toBe(true);
		expect(lookSchema.safeParse({ look: 'telegram' }).success).toBe(false);
		expect(lookSchema.safeParse({ look: 'notes', next: '//evil.example' }).success).toBe(false);
	});
});
