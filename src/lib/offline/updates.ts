/**
 * Keeping downloaded courses current (browser only). When an author publishes a new version,
 * a phone learns it from `/api/courses/versions` (a few bytes, asked once when the app opens)
 * and, per the learner's setting, fetches only the files that changed at once or waits until
 * the learner chooses (`updateMode`, in downloads.ts).
 */
import {
	courseCacheName,
	dataSaverChosen,
	downloadCourse,
	downloadsAllowed,
	hasStoredCourses,
	isClip,
	isPicture,
	audioChosen,
	manifestUrl,
	storedCourses,
	updateMode,
	type OfflineManifest
} from './downloads';

export interface Outdated {
	id: string;
	manifest: OfflineManifest;
}

/** Complete downloads for which the server has another version (asks the server once). */
export async function outdatedCourses(): Promise<Outdated[]> {
	const stored = (await storedCourses()).flatMap((c): Outdated[] =>
		c.manifest ? [{ id: c.id, manifest: c.manifest }] : []
	);
	if (stored.length === 0) return [];
	const response = await fetch(`/api/courses/versions?ids=${stored.map((c) => c.id).join(',')}`, {
		credentials: 'omit',
		cache: 'no-store'
	});
	if (!response.ok) return [];
	const { versions } = (await response.json()) as { versions: Record<string, number | null> };
	// A course no longer published stays on the phone as it is.
	return stored.filter(
		(c) =>
			versions[c.id] !== null &&
			versions[c.id] !== undefined &&
			versions[c.id] !== c.manifest.version
	);
}

/** Bytes an update of the course would fetch: the new version's files not on the phone yet. */
export async function updateBytes(courseId: string): Promise<number | null> {
	const response = await fetch(manifestUrl(courseId), {
		credentials: 'omit',
		cache: 'no-store'
	}).catch(() => null);
	if (!response?.ok) return null;
	const manifest = (await response.json()) as OfflineManifest;
	const name = await courseCacheName(courseId);
	const cache = name ? await caches.open(name) : null;
	const audio = await audioChosen(courseId);
	let bytes = 0;
	for (const file of manifest.files)
		if (
			!(dataSaverChosen() && isPicture(file.url)) &&
			!(!audio && isClip(file.url)) &&
			!(await cache?.match(file.url))
		)
			bytes += file.bytes;
	return bytes;
}

/** Brings every download up to date (only the files that changed); the ids updated. */
export async function updateCourses(
	courses: Outdated[],
	onProgress: (done: number, total: number) => void = () => {}
): Promise<string[]> {
	const updated: string[] = [];
	for (const course of courses) {
		try {
			await downloadCourse(course.id, onProgress, { pictures: !dataSaverChosen() });
			updated.push(course.id);
		} catch {
			// The connection went: what was fetched stays, and the next start goes on from there.
		}
	}
	return updated;
}

/**
 * When the app opens with a network: updates downloads at once in automatic mode; in "ask"
 * mode returns what is waiting for the learner's choice.
 */
export async function checkDownloads(): Promise<Outdated[]> {
	if (!downloadsAllowed() || !navigator.onLine) return [];
	if (!(await hasStoredCourses())) return [];
	const outdated = await outdatedCourses();
	if (updateMode() === 'auto') {
		await updateCourses(outdated);
		return [];
	}
	return outdated;
}
