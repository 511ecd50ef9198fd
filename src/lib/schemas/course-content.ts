import { CLIP_NAME } from '../clips';
import { z } from 'zod';
import { COURSE_LEVEL_MAX } from '../courses/levels';
import { COURSE_AUDIENCES, COURSE_CATEGORIES, COURSE_EXPERTS } from '../vocab/courses';

/**
 * Schemas for starter course files in `content/courses/<slug>/` (see `content/courses/FORMAT.md`).
 * Objects are strict so a misspelt key in a content file fails validation instead of being dropped.
 */

/** Text that is more than whitespace. */
const nonEmpty = z.string().trim().min(1);

/** Lower-case words joined by single dashes: course, module, lesson, quiz, question and option ids. */
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case slug');

/** Text every learner reads, in Burmese (`my`) and English (`en`). */
export const bilingual = z.strictObject({ my: nonEmpty, en: nonEmpty });

/** An absolute `https://` link to a named host (the URL parser alone would also take `https:/host`). */
const httpsUrl = z
	.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be an https:// URL' })
	.regex(/^https:\/\/[^/\s]/, 'must be an https:// URL');

/** Adds an issue for each id that appears more than once in `items`. */
function uniqueIds(
	items: { id: string }[],
	ctx: z.RefinementCtx,
	what: string,
	path: PropertyKey[]
) {
	const seen = new Set<string>();
	items.forEach((item, i) => {
		if (seen.has(item.id))
			ctx.addIssue({
				code: 'custom',
				message: `duplicate ${what} id "${item.id}"`,
				path: [...path, i, 'id']
			});
		seen.add(item.id);
	});
}

const skill = z.strictObject({
	id: z.string().regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits and _'),
	/** A quiz on a phone shows "working" at most (src/lib/courses/levels.ts); a practical course records less until a partner confirms. */
	level: z
		.int()
		.min(1)
		.max(
			COURSE_LEVEL_MAX,
			`a course names a skill at most at level ${COURSE_LEVEL_MAX} (working): a quiz on a phone cannot show more`
		),
	name: bilingual
});

const lesson = z.strictObject({ id: slug, minutes: z.int().positive(), title: bilingual });

const courseModule = z.strictObject({
	id: slug,
	title: bilingual,
	lessons: z.array(lesson).min(1),
	quiz: slug.optional()
});

/** `course.json`: a course's metadata, modules and lessons in order, and its sources. */
export const courseFileSchema = z.strictObject({
	id: slug,
	version: z.int().positive(),
	category: z.enum(COURSE_CATEGORIES),
	audience: z.enum(COURSE_AUDIENCES),
	title: bilingual,
	summary: bilingual,
	skills: z.array(skill).min(1),
	modules: z.array(courseModule).min(1),
	sources: z.array(z.strictObject({ title: nonEmpty, url: httpsUrl })).min(1),
	expert: z.enum(COURSE_EXPERTS),
	/** A practical skill (first aid, a trade) that a quiz on a phone cannot show: it needs in-person practice. */
	practical: z.boolean().default(false)
});

const option = z.strictObject({ id: slug, text: bilingual, correct: z.boolean() });

const questionBase = {
	id: slug,
	prompt: bilingual,
	explanation: bilingual,
	/** A listening question: a sound clip of the course, played above the question. */
	clip: z.string().regex(CLIP_NAME).optional()
};

/** Options: at least two, unique ids, and `correct` options numbering `rule` (exactly one or at least one). */
function choiceQuestion<T extends 'single' | 'multiple'>(type: T, rule: 'one' | 'some') {
	return z
		.strictObject({ ...questionBase, type: z.literal(type), options: z.array(option).min(2) })
		.superRefine((q, ctx) => {
			uniqueIds(q.options, ctx, 'option', ['options']);
			const correct = q.options.filter((o) => o.correct).length;
			if (rule === 'one' && correct !== 1)
				ctx.addIssue({
					code: 'custom',
					message: `a single-choice question needs exactly one correct option, found ${correct}`,
					path: ['options']
				});
			if (rule === 'some' && correct < 1)
				ctx.addIssue({
					code: 'custom',
					message: 'a multiple-choice question needs at least one correct option',
					path: ['options']
				});
		});
}

const trueFalseQuestion = z.strictObject({
	...questionBase,
	type: z.literal('true_false'),
	answer: z.boolean()
});

const shortQuestion = z
	.strictObject({
		...questionBase,
		type: z.literal('short'),
		accepted: z.strictObject({ my: z.array(nonEmpty), en: z.array(nonEmpty) }),
		/** A number question: any answer whose numbers (either digit system) all lie in this range is right. */
		range: z
			.strictObject({ min: z.number(), max: z.number() })
			.refine((r) => r.min <= r.max, 'min must not exceed max')
			.optional(),
		/**
		 * The words the lessons teach as the answer, quoted exactly from a lesson of the course in
		 * each language: a content test checks each is in a lesson and is accepted, so a quiz can
		 * never reject its own lesson. Used only by that test; never sent to learners.
		 */
		taught: z
			.strictObject({ my: z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1) })
			.optional()
	})
	.refine((q) => q.accepted.my.length + q.accepted.en.length > 0 || q.range !== undefined, {
		message: 'a short question needs at least one accepted answer or a range',
		path: ['accepted']
	});

/** One quiz question; `type` says which of the four kinds it is. */
export const questionSchema = z.discriminatedUnion('type', [
	choiceQuestion('single', 'one'),
	choiceQuestion('multiple', 'some'),
	trueFalseQuestion,
	shortQuestion
]);

/** `quizzes/<id>.json`: a quiz's pass mark, title and questions. */
export const quizFileSchema = z
	.strictObject({
		id: slug,
		passMark: z.int().min(1).max(100).default(80),
		title: bilingual,
		questions: z.array(questionSchema).min(1)
	})
	.superRefine((quiz, ctx) => uniqueIds(quiz.questions, ctx, 'question', ['questions']));

/** A parsed `course.json`. */
export type CourseFile = z.infer<typeof courseFileSchema>;
/** A parsed quiz file (`passMark` is always set). */
export type QuizFile = z.infer<typeof quizFileSchema>;
/** One parsed quiz question. */
export type Question = z.infer<typeof questionSchema>;
