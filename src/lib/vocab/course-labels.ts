import * as m from '$lib/paraglide/messages';
import type { CourseAudience, CourseCategory, CourseExpert } from './courses';

export const categoryLabels = {
	vocational: m.category_vocational,
	computer: m.category_computer,
	language: m.category_language,
	wellbeing: m.category_wellbeing
} satisfies Record<CourseCategory, () => string>;

export const audienceLabels = {
	everyone: m.audience_everyone,
	families: m.audience_families,
	former_soldiers: m.audience_former_soldiers
} satisfies Record<CourseAudience, () => string>;

/** The subject expert a course needs, as a noun phrase ("a medical expert"). */
export const expertLabels = {
	medical: m.expert_medical,
	digital_safety: m.expert_digital_safety,
	language_teaching: m.expert_language_teaching,
	livelihood: m.expert_livelihood,
	computer: m.expert_computer,
	mine_action: m.expert_mine_action
} satisfies Record<CourseExpert, () => string>;

/** The expert a course needs, or "a subject expert" when its author has not said which. */
export const expertName = (expert: CourseExpert | null) =>
	expert ? expertLabels[expert]() : m.expert_any();
