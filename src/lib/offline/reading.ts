/**
 * Downloaded courses are read from the phone even with a network, so opening one of their
 * lessons or quizzes costs no data (browser only). The app's own links would fetch the page's
 * data from the server; for a downloaded course they become a plain page load instead, which
 * the service worker answers with the reader (src/service-worker.ts).
 */
import { storedCourses } from './stored';

const onPhone = new Set<string>();

/** Reads which courses are complete on this phone. */
export async function learnDownloads(): Promise<void> {
	const courses = await storedCourses();
	onPhone.clear();
	for (const course of courses) if (course.manifest) onPhone.add(course.id);
}

/** Whether `url` is a lesson or quiz of a course on this phone (the service worker checks the item). */
export function opensFromPhone(url: URL): boolean {
	const courseId = url.pathname.match(
		/^\/learn\/courses\/([a-z0-9-]+)\/(lessons|quizzes)\/[a-z0-9-]+\/?$/
	)?.[1];
	return (
		courseId !== undefined && onPhone.has(courseId) && Boolean(navigator.serviceWorker?.controller)
	);
}
