import * as m from '$lib/paraglide/messages';
import type { CourseStatus, QuestionType } from '$lib/vocab/courses';

// Under src/lib/components/author/: the course editors' script, which learners never download
// (the rule is written in src/lib/staff/labels.ts).

export const courseStatusLabels = {
	draft: m.author_status_draft,
	submitted: m.author_status_submitted,
	published: m.author_status_published
} satisfies Record<CourseStatus, () => string>;

export const questionTypeLabels = {
	single: m.author_type_single,
	multiple: m.author_type_multiple,
	true_false: m.author_type_true_false,
	short: m.author_type_short
} satisfies Record<QuestionType, () => string>;
