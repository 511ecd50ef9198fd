export const COURSE_CATEGORIES = ['vocational', 'computer', 'language', 'wellbeing'] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];

export const COURSE_AUDIENCES = ['everyone', 'families', 'former_soldiers'] as const;
export type CourseAudience = (typeof COURSE_AUDIENCES)[number];

/**
 * The kind of subject expert whose review a course needs besides a native Burmese reader's
 * (first aid needs a medical reviewer, phone safety a digital-safety trainer, and so on).
 */
export const COURSE_EXPERTS = [
	'medical',
	'digital_safety',
	'language_teaching',
	'livelihood',
	'computer',
	'mine_action'
] as const;
export type CourseExpert = (typeof COURSE_EXPERTS)[number];

/** submitted: an organization asked to publish it for the first time, and an administrator has not approved it yet. */
export const COURSE_STATUSES = ['draft', 'submitted', 'published'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** An administrator's marks on a course's version: first publication approved, text reviewed. */
export const COURSE_REVIEW_KINDS = ['publication', 'language', 'expert'] as const;
export type CourseReviewKind = (typeof COURSE_REVIEW_KINDS)[number];

/** The four kinds of quiz question. */
export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'short'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
