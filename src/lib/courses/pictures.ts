/**
 * Data saver: each picture becomes a link that opens it, so nothing is downloaded until the
 * learner taps. Works on the lesson renderer's own output (attributes already escaped).
 * `keep` names pictures to leave as they are (the offline reader keeps those on the phone).
 */
export function picturesOnTap(
	html: string,
	label: string,
	keep: (src: string) => boolean = () => false
): string {
	return html.replace(/<img\b[^>]*>/g, (tag) => {
		const src = tag.match(/\ssrc="([^"]*)"/)?.[1] ?? '';
		if (keep(src)) return tag;
		const alt = tag.match(/\salt="([^"]*)"/)?.[1] ?? '';
		return `<a class="picture" href="${src}">${label}${alt ? `: ${alt}` : ''}</a>`;
	});
}
