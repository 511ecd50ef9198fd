import { CLIP_NAME } from '../clips';
import { z } from 'zod';
import { SLUG, SLUG_MAX } from '../ids';
import { nameText, plainText, wholeNumber } from './fields';
import { asciiDigits } from '../text/characters';
import { OPTION_ROWS, SKILL_ROWS } from '../author-forms';
import {
	COURSE_AUDIENCES,
	COURSE_CATEGORIES,
	COURSE_EXPERTS,
	QUESTION_TYPES
} from '../vocab/courses';
import { COURSE_LEVEL_MAX } from '../courses/levels';

const COURSE_LEVELS = Array.from({ length: COURSE_LEVEL_MAX }, (_, i) => String(i + 1)) as [
	string,
	...string[]
];

/**
 * Authoring forms. Every text comes as a Burmese and an English field side by side; each pair
 * needs at least one of the two (learners see the other language when theirs is missing).
 * Messages are keys of the message catalogue.
 */

const slug = z.string().regex(SLUG, 'error_invalid').max(SLUG_MAX, 'error_too_long');

/**
 * Lesson text is the one text a page inserts as HTML ({@html}, after rendering). The renderer
 * escapes raw HTML (tests/unit/markdown.test.ts); refusing these tags as well keeps a second
 * wall on that one path, should a renderer change ever let HTML through. Other texts are plain
 * text, shown escaped, and refuse nothing (fields.ts).
 */
const HTML_LIKE = /<\s*(script|iframe|object|embed|style)\b/i;

/** Lesson text in Markdown. Raw HTML is shown as text by the renderer; script-like tags are refused outright. */
const markdown = z
	.string({ error: 'error_required' })
	.max(20_000, 'error_too_long')
	.default('')
	.transform((v) => v.replace(/\r\n?/g, '\n').trim())
	.refine((v) => !HTML_LIKE.test(v), 'error_markup');

type Pair<K extends string> = { [P in `${K}_my` | `${K}_en`]: string };

/** Adds "write it in at least one language" to the Burmese field of each pair that is empty in both. */
function eachPairFilled<T extends Record<string, unknown>>(keys: string[]) {
	return (value: T, ctx: z.RefinementCtx) => {
		for (const key of keys) {
			if (!value[`${key}_my`] && !value[`${key}_en`])
				ctx.addIssue({ code: 'custom', message: 'error_one_language', path: [`${key}_my`] });
		}
	};
}

/** A missing field of a pair is an empty one: one language is enough. */
const optionalText = (max: number, name = false) =>
	(name ? nameText : plainText)(0, max).default('');
/** Pairs that name something (titles, a new skill's name) refuse format characters too (fields.ts nameText). */
const NAMES = ['title', 'new_skill'];
const pair = <K extends string>(key: K, max: number) =>
	({
		[`${key}_my`]: optionalText(max, NAMES.includes(key)),
		[`${key}_en`]: optionalText(max, NAMES.includes(key))
	}) as { [P in keyof Pair<K>]: ReturnType<typeof optionalText> };

export const courseDetailsSchema = z
	.object({
		category: z.enum(COURSE_CATEGORIES, { error: 'error_choice' }),
		audience: z.enum(COURSE_AUDIENCES, { error: 'error_choice' }),
		...pair('title', 120),
		...pair('summary', 600),
		/** A checkbox: a practical skill that needs in-person practice. */
		practical: z
			.literal('on', { error: 'error_choice' })
			.optional()
			.transform((v) => v === 'on'),
		/** Which subject expert should review it; empty when the author does not say. */
		expert: z
			.enum(['', ...COURSE_EXPERTS], { error: 'error_choice' })
			.optional()
			.transform((v) => (v ? v : null))
	})
	.superRefine(eachPairFilled(['title', 'summary']));

export const moduleSchema = z
	.object({ ...pair('title', 120) })
	.superRefine(eachPairFilled(['title']));
export const renameModuleSchema = z
	.object({ module: slug, ...pair('title', 120) })
	.superRefine(eachPairFilled(['title']));

export const lessonSchema = z
	.object({
		...pair('title', 120),
		minutes: wholeNumber(1, 120),
		body_my: markdown,
		body_en: markdown
	})
	.superRefine(eachPairFilled(['title', 'body']));

export const lessonIdSchema = z.object({ lesson: slug });
export const moveLessonSchema = z.object({
	lesson: slug,
	direction: z.enum(['up', 'down'], { error: 'error_choice' })
});
export const publishSchema = z.object({
	published: z.enum(['true', 'false'], { error: 'error_choice' }).transform((v) => v === 'true')
});

export const quizDetailsSchema = z
	.object({
		...pair('title', 120),
		pass_mark: wholeNumber(1, 100)
	})
	.superRefine(eachPairFilled(['title']));

const optionFields = Object.fromEntries(
	Array.from({ length: OPTION_ROWS }, (_, i) => [
		[`option${i + 1}_my`, optionalText(200)],
		[`option${i + 1}_en`, optionalText(200)],
		[`option${i + 1}_correct`, z.literal('on', { error: 'error_choice' }).optional()]
	]).flat()
) as Record<string, z.ZodType<string | undefined>>;

/** A bound of a number question's range, in either digit system; empty when the question has none. */
const rangeBound = z
	.string({ error: 'error_range' })
	.trim()
	.max(20, 'error_range')
	.transform(asciiDigits)
	.refine((v) => v === '' || /^-?\d+(\.\d+)?$/.test(v), 'error_range')
	.default('');

const questionFields = z.object({
	type: z.enum(QUESTION_TYPES, { error: 'error_choice' }),
	...pair('prompt', 300),
	...pair('explanation', 600),
	...optionFields,
	answer: z.enum(['true', 'false'], { error: 'error_choice' }).optional(),
	...pair('accepted', 600),
	range_min: rangeBound,
	range_max: rangeBound,
	/** A listening question's clip (one of the course's, chosen from a list); empty for none. */
	clip: z
		.string({ error: 'error_no_clip' })
		.trim()
		.refine((v) => v === '' || CLIP_NAME.test(v), 'error_no_clip')
		.default('')
});

type Text = { my: string; en: string };
export type QuestionInput = (
	| {
			type: 'single' | 'multiple';
			prompt: Text;
			explanation: Text;
			options: { id: string; text: Text; correct: boolean }[];
	  }
	| { type: 'true_false'; prompt: Text; explanation: Text; answer: boolean }
	| {
			type: 'short';
			prompt: Text;
			explanation: Text;
			accepted: { my: string[]; en: string[] };
			range?: { min: number; max: number };
	  }
) & { clip?: string };

const lines = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

type QuestionFields = z.output<typeof questionFields>;

/** Only the chosen type's fields count: the form shows every type's fields (it works without JavaScript). */
function checkQuestion(v: QuestionFields, ctx: z.RefinementCtx) {
	eachPairFilled(['prompt', 'explanation'])(v, ctx);
	const f = v as Record<string, string | undefined>;
	const rows = Array.from({ length: OPTION_ROWS }, (_, i) => i + 1);
	const filled = rows.filter((n) => f[`option${n}_my`] || f[`option${n}_en`]);
	if (v.type === 'single' || v.type === 'multiple') {
		const correct = filled.filter((n) => f[`option${n}_correct`] === 'on').length;
		if (filled.length < 2)
			ctx.addIssue({ code: 'custom', message: 'error_two_options', path: ['options'] });
		else if (v.type === 'single' && correct !== 1)
			ctx.addIssue({ code: 'custom', message: 'error_one_correct', path: ['options'] });
		else if (v.type === 'multiple' && correct < 1)
			ctx.addIssue({ code: 'custom', message: 'error_some_correct', path: ['options'] });
	}
	if (v.type === 'true_false' && !v.answer)
		ctx.addIssue({ code: 'custom', message: 'error_choice', path: ['answer'] });
	if (v.type === 'short') {
		const range = v.range_min !== '' || v.range_max !== '';
		if (
			range &&
			(v.range_min === '' || v.range_max === '' || Number(v.range_min) > Number(v.range_max))
		)
			ctx.addIssue({ code: 'custom', message: 'error_range', path: ['range_min'] });
		if (!range && !v.accepted_my && !v.accepted_en)
			ctx.addIssue({ code: 'custom', message: 'error_accepted_or_range', path: ['accepted_my'] });
	}
}

function toQuestion(v: QuestionFields): QuestionInput {
	const question = questionOf(v);
	return v.clip ? { ...question, clip: v.clip } : question;
}

function questionOf(v: QuestionFields): QuestionInput {
	const prompt = { my: v.prompt_my, en: v.prompt_en };
	const explanation = { my: v.explanation_my, en: v.explanation_en };
	if (v.type === 'true_false')
		return { type: v.type, prompt, explanation, answer: v.answer === 'true' };
	if (v.type === 'short') {
		const accepted = { my: lines(v.accepted_my), en: lines(v.accepted_en) };
		return v.range_min === ''
			? { type: v.type, prompt, explanation, accepted }
			: {
					type: v.type,
					prompt,
					explanation,
					accepted,
					range: { min: Number(v.range_min), max: Number(v.range_max) }
				};
	}
	const f = v as Record<string, string | undefined>;
	const options = Array.from({ length: OPTION_ROWS }, (_, i) => i + 1)
		.filter((n) => f[`option${n}_my`] || f[`option${n}_en`])
		.map((n) => ({
			id: `option-${n}`,
			text: { my: f[`option${n}_my`] ?? '', en: f[`option${n}_en`] ?? '' },
			correct: f[`option${n}_correct`] === 'on'
		}));
	return { type: v.type, prompt, explanation, options };
}

/** A new question. */
export const questionSchema = questionFields.superRefine(checkQuestion).transform(toQuestion);

/** An edited question, named by its id. */
export const editQuestionSchema = questionFields
	.extend({ question: slug })
	.superRefine(checkQuestion)
	.transform((v) => ({ id: v.question, question: toQuestion(v) }));

/** A new quiz: its title, pass mark and first question. */
export const newQuizSchema = questionFields
	.extend({
		...pair('title', 120),
		pass_mark: wholeNumber(1, 100)
	})
	.superRefine((v, ctx) => {
		eachPairFilled(['title'])(v, ctx);
		checkQuestion(v, ctx);
	})
	.transform((v) => ({
		title: { my: v.title_my as string, en: v.title_en as string },
		passMark: v.pass_mark,
		question: toQuestion(v)
	}));

export const questionIdSchema = z.object({ question: slug });

/** A course names a skill at most at "working": a quiz on a phone shows no more (courses/levels.ts). */
const level = z.enum(COURSE_LEVELS, { error: 'error_level_too_high' });
export const courseSkillsSchema = z
	.object({
		...Object.fromEntries(
			Array.from({ length: SKILL_ROWS }, (_, i) => [
				[
					`skill${i + 1}`,
					z
						.string()
						.max(80, 'error_too_long')
						.regex(/^[a-z0-9_]*$/, 'error_choice')
						.optional()
				],
				[`level${i + 1}`, level.optional()]
			]).flat()
		),
		...pair('new_skill', 80),
		new_level: level.optional()
	})
	.transform((v) => {
		const picks = new Map<string, number>();
		for (let n = 1; n <= SKILL_ROWS; n++) {
			const id = v[`skill${n}`] as string | undefined;
			if (id) picks.set(id, Number(v[`level${n}`] ?? 1));
		}
		const name = { my: v.new_skill_my as string, en: v.new_skill_en as string };
		return {
			picks: [...picks].map(([id, level]) => ({ id, level })),
			newSkill: name.my || name.en ? { name, level: Number(v.new_level ?? 1) } : null
		};
	});

export const imageAltSchema = z.object({ alt: plainText(0, 120) });
