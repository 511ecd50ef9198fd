/** The shapes of a course's offline package files (built by src/lib/server/courses/offline.ts). */

type Bilingual = { my: string; en: string };

export interface OfflineOutline {
	id: string;
	version: number;
	category: string;
	audience: string;
	title: Bilingual;
	summary: Bilingual;
	modules: {
		id: string;
		title: Bilingual;
		lessons: { id: string; title: Bilingual; minutes: number }[];
		quiz: { id: string; title: Bilingual } | null;
	}[];
}

export interface OfflineLesson {
	id: string;
	title: Bilingual;
	minutes: number;
	/** Rendered by the same safe renderer as online lessons. */
	html: Bilingual;
}
