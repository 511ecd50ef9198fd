/**
 * What a course can show, and so the highest level it records. A course is read on a phone and
 * checked by a knowledge quiz: that can show "working" (level 2) at most, never "can teach".
 * A practical skill (first aid, a trade: `practical` in course.json or the course's details)
 * needs hands-on practice that no quiz on a phone sees, so the course alone records "basic"
 * (level 1) and the level it aims at is confirmed by a partner's endorsement or a training
 * (an endorsement is a source of its own on the profile). This is the one rule: the starter
 * files, the authoring forms, completion and the course page use it; a missing skill is pointed
 * to the courses that aim at its level, a practical one with the partner's confirmation named.
 */

/** The highest level a course may name for a skill. */
export const COURSE_LEVEL_MAX = 2;

/** The highest level a practical course records by itself; more needs in-person practice confirmed by a partner. */
export const PRACTICAL_LEVEL_MAX = 1;

/** The level completing a course records for a skill the course names at `level`. */
export function courseGrantLevel(level: number, practical: boolean): number {
	return Math.min(courseAimLevel(level), practical ? PRACTICAL_LEVEL_MAX : COURSE_LEVEL_MAX);
}

/** The level a course teaches a skill to: what it names, never past what a course can show. */
export function courseAimLevel(level: number): number {
	return Math.max(1, Math.min(level, COURSE_LEVEL_MAX));
}
