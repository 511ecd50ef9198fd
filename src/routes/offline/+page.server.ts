import { getDb } from '$lib/server/db';
import { publicKeys } from '$lib/server/courses/signing-keys';
import type { PageServerLoad } from './$types';

// The service worker keeps this page, so the keys that check a course file come with it and
// "Open a course file" works with no network. Without the database the page still shows:
// the keys are then fetched when the phone is online (OpenCourseFile.svelte).
export const load = (async () => ({
	keys: await publicKeys(getDb()).catch(() => [])
})) satisfies PageServerLoad;
