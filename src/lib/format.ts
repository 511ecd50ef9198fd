/** "84 KB": sizes as people see them on a download button. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The text in the reader's language, or in the other one when it is missing. */
export function inLocale(text: { my: string; en: string }, locale: string): string {
	return locale === 'my' ? text.my || text.en : text.en || text.my;
}
