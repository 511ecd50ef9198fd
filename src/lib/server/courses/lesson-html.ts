import { renderMarkdown } from '../text/markdown';

/**
 * A lesson's Markdown as safe HTML. Lesson images live beside the course, written as
 * "images/x.webp" (or "../images/x.svg" in content files) and served from
 * /media/courses/<course>/x.webp; any other image is dropped, its alt text kept.
 */
export function renderLesson(courseId: string, markdown: string, pictureLabel?: string): string {
	const html = renderMarkdown(markdown, {
		resolveImage: (src) => {
			const name = src.match(/^(?:\.\.\/)?images\/([a-z0-9-]+\.(?:svg|webp))$/)?.[1];
			return name ? `/media/courses/${courseId}/${name}` : null;
		}
	});
	return pictureLabel ? picturesOnTap(html, pictureLabel) : html;
}

/**
 * Data saver: each picture becomes a link that opens it, so nothing is downloaded until the
 * learner taps. Works on the renderer's own output (attributes already escaped).
 */
export function picturesOnTap(html: string, label: string): string {
	return html.replace(/<img\b[^>]*>/g, (tag) => {
		const src = tag.match(/\ssrc="([^"]*)"/)?.[1] ?? '';
		const alt = tag.match(/\salt="([^"]*)"/)?.[1] ?? '';
		return `<a class="picture" href="${src}">${label}${alt ? `: ${alt}` : ''}</a>`;
	});
}
