/**
 * The one reader of quiz answers, for every way an answer arrives: the quiz form
 * (src/routes/learn/courses/[course]/quizzes/[quiz]), a phone's sync (src/lib/server/courses/sync.ts,
 * both through `submitQuiz`) and the phone's own scoring of a downloaded quiz
 * (src/routes/offline/reader/ReaderQuiz.svelte). An answer holds only what its question can take:
 * one of that question's option ids (single), some of them (multiple), true or false
 * (true_false), or text without control characters, at most SHORT_ANSWER_MAX characters (short).
 * Answers to ids the quiz does not have are never read.
 *
 * Anything else is dropped, and the question counts as unanswered: never refused. A page or a
 * downloaded quiz can be older than the quiz it is scored against (an update changed the options),
 * and the rest of the attempt should still count; a forged value means nothing; and the phone,
 * which cannot show a server's refusal for an attempt it scored an hour ago, then scores exactly
 * as the server does. So an attempt is never refused for its answers, and it stores only what
 * each question can hold.
 */
import type { Question } from '$lib/schemas/course-content';
import { hasInvalidCharacters } from '$lib/text/characters';
import type { Answer } from './scoring';

/** The longest short answer taken: the answer field's `maxlength`. */
export const SHORT_ANSWER_MAX = 500;

/** Answers as read, by question id; a question without a readable answer has no key. */
export type Answers = Record<string, Exclude<Answer, undefined>>;

/** On the phone, typed text is only put in NFC; the server also converts Zawgyi (its `toUnicode`). */
const nfc = (text: string) => text.normalize('NFC');

/**
 * Reads the answers `given` (by question id; each a value or a list of values, as a form or a
 * sync event carries them) to `questions`. `toText` makes typed text Unicode.
 */
export function readAnswers(questions: readonly Question[], given: unknown, toText: (text: string) => string = nfc): Answers {
	const source = given !== null && typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
	const read: Answers = {};
	for (const question of questions) {
		if (!Object.hasOwn(source, question.id)) continue;
		const answer = readAnswer(question, source[question.id], toText);
		if (answer !== undefined) read[question.id] = answer;
	}
	return read;
}

function readAnswer(question: Question, value: unknown, toText: (text: string) => string): Answer {
	// A form carries every value as a list; a radio button or a text field sends one.
	const first = Array.isArray(value) ? value[0] : value;
	switch (question.type) {
		case 'single':
			return typeof first === 'string' && question.options.some((o) => o.id === first) ? first : undefined;
		case 'multiple': {
			const chosen = new Set(Array.isArray(value) ? value : [value]);
			const ids = question.options.map((o) => o.id).filter((id) => chosen.has(id));
			return ids.length > 0 ? ids : undefined;
		}
		case 'true_false':
			return first === true || first === 'true' ? true : first === false || first === 'false' ? false : undefined;
		case 'short': {
			// Length first: converting a long text would cost the server time for nothing.
			if (typeof first !== 'string' || first.length > SHORT_ANSWER_MAX || hasInvalidCharacters(first)) return undefined;
			const text = toText(first).trim();
			return text !== '' && text.length <= SHORT_ANSWER_MAX ? text : undefined;
		}
	}
}

/** A quiz form's values (fields `q-<question id>`) by question id, as `readAnswers` takes them. */
export function answersOfForm(questions: readonly Question[], form: FormData): Record<string, unknown[]> {
	return Object.fromEntries(questions.map((q) => [q.id, form.getAll(`q-${q.id}`)]));
}
