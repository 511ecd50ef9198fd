/**
 * What a course holds, in the order a learner meets it: its modules, and the lessons and quizzes
 * still in it. A lesson or quiz taken out of a course is marked retired, never deleted (progress
 * and attempts keep pointing at it), so every reader of a course's current contents starts here.
 * Each builder leaves the columns to its caller: the catalogue needs titles, the offline package
 * whole rows.
 */
import type { Db } from '../db';

/** The course's modules, in order. */
export function modulesOf(db: Db, courseId: string) {
	return db
		.selectFrom('course_module')
		.selectAll()
		.where('course_id', '=', courseId)
		.orderBy('position')
		.execute();
}

/** The lessons still in the course, in order. */
export function liveLessons(db: Db, courseId: string) {
	return db
		.selectFrom('lesson')
		.where('course_id', '=', courseId)
		.where('retired', '=', 0)
		.orderBy('position');
}

/** The quizzes still in the course. */
export function liveQuizzes(db: Db, courseId: string) {
	return db.selectFrom('quiz').where('course_id', '=', courseId).where('retired', '=', 0);
}

/** The skills the course teaches, proposed ones included, by English name (authors and reviewers). */
export function courseSkillRows(db: Db, courseId: string) {
	return db
		.selectFrom('course_skill')
		.innerJoin('skill', 'skill.id', 'course_skill.skill_id')
		.select([
			'skill.id',
			'skill.name_my',
			'skill.name_en',
			'skill.proposed_by_org',
			'course_skill.level'
		])
		.where('course_skill.course_id', '=', courseId)
		.orderBy('skill.name_en')
		.execute();
}
