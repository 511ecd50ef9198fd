/**
 * Which courses to point to for a missing skill. A course that grants the skill at the level a
 * role asks (or above) closes the gap: point to those. When none does (every starter course
 * grants basic first aid, a role asks it at working level), a gap with no course would leave the
 * learner with nothing to do, so point to the courses that take them further than they are now,
 * and say they are a first step. A course that grants no more than the learner has already is
 * never offered.
 */
export interface CourseForGap {
	/** The level the course grants the skill at. */
	level: number;
}

/** The courses for a gap (`granting`: the published courses that grant the skill, in the order to show). */
export function coursesForGap<C extends CourseForGap>(
	granting: readonly C[],
	gap: { level: number; has: number }
): { reaches: boolean; courses: C[] } {
	const reaching = granting.filter((c) => c.level >= gap.level);
	if (reaching.length > 0) return { reaches: true, courses: reaching };
	// The one starting lowest first: the first step before the next.
	return {
		reaches: false,
		courses: granting.filter((c) => c.level > gap.has).sort((a, b) => a.level - b.level)
	};
}
