import { renderMarkdown } from '../text/markdown';

/**
 * A lesson's Markdown as safe HTML. Lesson images live beside the course, written as
 * "images/x.webp" (or "../images/x.svg" in content files) and served from
 * /media/courses/<course>/x.webp; any other image is dropped, its alt text kept.
 */
export function renderLesson(courseId: string, markdown: string): string {
	return renderMarkdown(markdown, {
		resolveImage: (src) => {
			const name = src.match(/^(?:\.\.\/)?images\/([a-z0-9-]+\.(?:svg|webp))$/)?.[1];
			return name ? `/media/courses/${courseId}/${name}` : null;
		}
	});
}
