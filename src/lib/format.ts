/** "84 KB": sizes as people see them on a download button. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The text in the reader's language, or in the other one when it is missing. */
export function inLocale(text: { my: string; en: string }, locale: string): string {
	return pickText(locale, text.my, text.en);
}

/** The same, for a row's two columns (e.g. `title_my`, `title_en`). */
export function pickText(locale: string, my: string, en: string): string {
	return locale === 'my' ? my || en : en || my;
}

/** A wait in whole hours (at least 1), in the reader's digits: ၅ in Burmese, 5 in English. */
export function formatHours(ms: number, locale: string): string {
	return new Intl.NumberFormat(locale === 'my' ? 'my' : 'en').format(Math.max(1, Math.ceil(ms / 3_600_000)));
}
