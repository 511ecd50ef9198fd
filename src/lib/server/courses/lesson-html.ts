import { renderMarkdown } from '../text/markdown';
import { picturesOnTap } from '../../courses/pictures';
import type { Locale } from '../schema';

export { picturesOnTap };

/** A clip as written in lesson text: "audio/x.ogg" (or "../audio/x.ogg" in content files). */
const CLIP_SRC = /^(?:\.\.\/)?audio\/([a-z0-9-]+\.ogg)$/;

/**
 * A lesson's Markdown as safe HTML. Lesson images live beside the course, written as
 * "images/x.webp" (or "../images/x.svg" in content files) and served from
 * /media/courses/<course>/x.webp; any other image is dropped, its alt text kept. Sound clips
 * the same way: "audio/x.ogg", served from /media/courses/<course>/x.ogg.
 */
export function renderLesson(courseId: string, markdown: string, pictureLabel?: string): string {
	const html = renderMarkdown(markdown, {
		resolveImage: (src) => {
			const name = src.match(/^(?:\.\.\/)?images\/([a-z0-9-]+\.(?:svg|webp))$/)?.[1];
			return name ? `/media/courses/${courseId}/${name}` : null;
		},
		resolveClip: (src) => {
			const name = src.match(CLIP_SRC)?.[1];
			return name ? `/media/courses/${courseId}/${name}` : null;
		}
	});
	return pictureLabel ? picturesOnTap(html, pictureLabel) : html;
}

/**
 * How many rendered lessons are kept. The starter catalogue is about 100 lessons, each in two
 * languages, with pictures shown or on tap: about 400. A rendered lesson is 5-20 KB, so at most
 * a few megabytes; past the limit the lesson read longest ago is rendered again when next read.
 */
export const LESSONS_KEPT = 500;

/** Rendered lessons by course, version, lesson, language and picture label; oldest read first. */
const kept = new Map<string, { markdown: string; html: string }>();
/** The version of each course whose lessons are kept. */
const keptVersion = new Map<string, number>();

/** A published lesson, as learners read it (reading.ts `getLesson`). */
export interface PublishedLesson {
	courseId: string;
	/** The course's version: every edit of a published course makes a new one. */
	version: number;
	id: string;
	bodyLocale: Locale;
	body: string;
}

/**
 * A published lesson's HTML (`renderLesson`), rendered once per course version and language and
 * then kept: each reading of a lesson rendered its Markdown again, about a twentieth of the
 * server's busy CPU when measured (docs/benchmarks.md). A new version of a course drops what was
 * kept of the old one. The text is compared too, so a change that kept the version number could
 * never show old text. Authors' previews call `renderLesson`: they always show the text as typed.
 */
export function publishedLessonHtml(lesson: PublishedLesson, pictureLabel?: string): string {
	if (keptVersion.get(lesson.courseId) !== lesson.version) {
		for (const key of kept.keys()) if (key.startsWith(`${lesson.courseId}\n`)) kept.delete(key);
		keptVersion.set(lesson.courseId, lesson.version);
	}
	const key = [lesson.courseId, lesson.version, lesson.id, lesson.bodyLocale, pictureLabel].join(
		'\n'
	);
	const found = kept.get(key);
	kept.delete(key);
	const html =
		found?.markdown === lesson.body
			? found.html
			: renderLesson(lesson.courseId, lesson.body, pictureLabel);
	kept.set(key, { markdown: lesson.body, html });
	if (kept.size > LESSONS_KEPT) kept.delete(kept.keys().next().value!);
	return html;
}
