import { renderMarkdown } from '../text/markdown';
import { picturesOnTap } from '../../courses/pictures';

export { picturesOnTap };

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
