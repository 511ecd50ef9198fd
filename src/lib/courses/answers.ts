/**
 * The one reader of quiz answers, for every way an answer arrives: the quiz form
 * (src/routes/learn/courses/[course=slug]/quizzes/[quiz=slug]), a phone's sync (src/lib/server/courses/sync.ts,
 * both through `submitQuiz`) and the phone's own scoring of a downloaded quiz
 * (src/routes/offline/reader/ReaderQuiz.svelte). An answer holds only what its question can take:
 * one of that question's option ids (single), some of them (multiple), true or false
 * (true_false), or one text without control characters, at most SHORT_ANSWER_MAX characters
 * (short). A question left empty is unanswered, and counts as wrong.
 *
 * Anything else refuses the whole attempt, on every path: the form answers with its translated
 * message, a synced event is rejected (its reason, `invalid_answer`, kept with it), and the
 * phone shows the message instead of a score. No page or download of Lanpya can send such an
 * answer (its fields offer only what the question takes), so one arrives only from a script, or
 * from a quiz whose options changed since the page was loaded: then the learner answers the
 * quiz as it is now. Refusing, rather than keeping the rest, means a score is never made from
 * answers the learner did not give, and the database never holds anything a question cannot.
 *
 * Keys that name no question of the quiz are not answers: they are never read, on every path.
 */
import type { Question } from '$lib/schemas/course-content';
import { hasInvalidCharacters } from '$lib/text/characters';
import type { Answer } from './scoring';

/** The longest short answer taken: the answer field's `maxlength`. */
export const SHORT_ANSWER_MAX = 500;

/** Answers as read, by question id; an unanswered question has no key. */
export type Answers = Record<string, Exclude<Answer, undefined>>;

export type ReadAnswers = { ok: true; answers: Answers } | { ok: false; question: string };

/** On the phone, typed text is only put in NFC; the server also converts Zawgyi (its `toUnicode`). */
const nfc = (text: string) => text.normalize('NFC');

/** Marks an answer a question cannot take. */
const REFUSED = Symbol('refused');

/**
 * Reads the answers `given` (by question id; each a value or a list of values, as a sync event
 * or a form carries them) to `questions`. `toText` makes typed text Unicode.
 */
export function readAnswers(
	questions: readonly Question[],
	given: unknown,
	toText: (text: string) => string = nfc
): ReadAnswers {
	const source =
		given !== null && typeof given === 'object' && !Array.isArray(given)
			? (given as Record<string, unknown>)
			: {};
	const answers: Answers = {};
	for (const question of questions) {
		if (!Object.hasOwn(source, question.id)) continue;
		const value = source[question.id];
		// A form carries every field as a list of values; a sync event carries the value itself.
		const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
		if (values.length === 0) continue;
		const answer = readAnswer(question, values, toText);
		if (answer === REFUSED) return { ok: false, question: question.id };
		if (answer !== undefined) answers[question.id] = answer;
	}
	return { ok: true, answers };
}

function readAnswer(
	question: Question,
	values: unknown[],
	toText: (text: string) => string
): Answer | typeof REFUSED {
	if (question.type === 'multiple') {
		const ids = new Set(question.options.map((o) => o.id));
		if (!values.every((v) => typeof v === 'string' && ids.has(v))) return REFUSED;
		return question.options.map((o) => o.id).filter((id) => values.includes(id));
	}
	// A radio button or a text field sends one value.
	if (values.length > 1) return REFUSED;
	const [value] = values;
	switch (question.type) {
		case 'single':
			return typeof value === 'string' && question.options.some((o) => o.id === value)
				? value
				: REFUSED;
		case 'true_false':
			return value === true || value === 'true'
				? true
				: value === false || value === 'false'
					? false
					: REFUSED;
		case 'short': {
			// Length first: converting a long text would cost the server time for nothing.
			if (
				typeof value !== 'string' ||
				value.length > SHORT_ANSWER_MAX ||
				hasInvalidCharacters(value)
			)
				return REFUSED;
			const text = toText(value).trim();
			if (text.length > SHORT_ANSWER_MAX) return REFUSED;
			return text === '' ? undefined : text;
		}
	}
}

/** A quiz form's values (fields `q-<question id>`) by question id, as `readAnswers` takes them. */
export function answersOfForm(
	questions: readonly Question[],
	form: FormData
): Record<string, unknown[]> {
	return Object.fromEntries(questions.map((q) => [q.id, form.getAll(`q-${q.id}`)]));
}
