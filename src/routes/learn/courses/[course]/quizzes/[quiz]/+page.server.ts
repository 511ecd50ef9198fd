import { fail } from '@sveltejs/kit';
import { courseProgress, loadQuiz, submitQuiz } from '$lib/server/courses/progress';
import type { Answer } from '$lib/courses/scoring';
import { lessonAfterQuiz } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import { translate } from '$lib/server/i18n';
import { notFound, parseParams } from '$lib/server/respond';
import type { Locale } from '$lib/server/schema';
import { hasInvalidCharacters, toUnicode } from '$lib/server/text/normalize';
import { quizParams } from '$lib/schemas/learning';
import { progressOwner } from '$lib/server/shared-phone';
import type { QuizFile } from '$lib/schemas/course-content';
import type { Actions, PageServerLoad } from './$types';

const pick = (locale: Locale, text: { my: string; en: string }) => (locale === 'my' ? text.my || text.en : text.en || text.my);

/** The questions as the learner sees them: never the right answers. */
function publicQuestions(quiz: QuizFile, locale: Locale) {
	return quiz.questions.map((q) => ({
		id: q.id,
		type: q.type,
		prompt: pick(locale, q.prompt),
		options: q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => ({ id: o.id, text: pick(locale, o.text) })) : []
	}));
}

export const load = (async ({ params, locals }) => {
	const { course, quiz: quizId } = parseParams(quizParams, params, locals.locale, 'error_no_quiz');
	const quiz = await loadQuiz(getDb(), course, quizId);
	if (!quiz) notFound(locals.locale, 'error_no_quiz');
	const owner = progressOwner(locals);
	const progress = owner ? await courseProgress(getDb(), owner, course) : null;
	return {
		courseId: course,
		quiz: { id: quiz.id, title: pick(locals.locale, quiz.title), passMark: quiz.passMark, questions: publicQuestions(quiz, locals.locale) },
		state: progress?.quizzes.find((q) => q.id === quizId) ?? null,
		nextLesson: await lessonAfterQuiz(getDb(), course, quizId)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, locals, request }) => {
		const { course, quiz: quizId } = parseParams(quizParams, params, locals.locale, 'error_no_quiz');
		const quiz = await loadQuiz(getDb(), course, quizId);
		if (!quiz) notFound(locals.locale, 'error_no_quiz');
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { error: translate('error_form', locals.locale) });
		}
		const answers: Record<string, Answer> = {};
		const given: Record<string, string[]> = {};
		for (const question of quiz.questions) {
			const values = form.getAll(`q-${question.id}`);
			if (values.some((v) => typeof v !== 'string' || v.length > 500 || hasInvalidCharacters(v)) || values.length > 20) {
				return fail(400, { error: translate('error_invalid_chars', locals.locale) });
			}
			const texts = (values as string[]).map((v) => (question.type === 'short' ? toUnicode(v) : v));
			given[question.id] = texts;
			if (question.type === 'multiple') answers[question.id] = texts;
			else if (question.type === 'true_false') answers[question.id] = texts[0] === 'true' ? true : texts[0] === 'false' ? false : undefined;
			else answers[question.id] = texts[0];
		}
		const result = await submitQuiz(getDb(), locals.user!.id, course, quizId, answers);
		if (!result.ok) notFound(locals.locale, 'error_no_quiz');
		return {
			given,
			score: result.score.score,
			passed: result.score.passed,
			completed: result.completed,
			feedback: quiz.questions.map((q) => ({
				id: q.id,
				correct: result.score.results.find((r) => r.id === q.id)?.correct ?? false,
				explanation: pick(locals.locale, q.explanation)
			}))
		};
	}
} satisfies Actions;
