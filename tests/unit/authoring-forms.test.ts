import { describe, expect, it } from 'vitest';
import {
	courseSkillsSchema,
	lessonSchema,
	newQuizSchema,
	questionSchema
} from '$lib/schemas/authoring';
import { questionValues } from '$lib/author-forms';
import { questionSchema as contentQuestion } from '$lib/schemas/course-content';

const base = { prompt_my: 'မေး', prompt_en: '', explanation_my: '', explanation_en: 'Because' };
const issues = (result: {
	success: boolean;
	error?: { issues: { message: string; path: PropertyKey[] }[] };
}) => (result.success ? [] : result.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`));

describe('the question form', () => {
	it('makes each kind of question from the fields of its kind only', () => {
		const single = questionSchema.parse({
			...base,
			type: 'single',
			option1_my: 'က',
			option2_en: 'B',
			option2_correct: 'on',
			option5_my: 'င',
			accepted_my: 'ignored'
		});
		expect(single).toEqual({
			type: 'single',
			prompt: { my: 'မေး', en: '' },
			explanation: { my: '', en: 'Because' },
			options: [
				{ id: 'option-1', text: { my: 'က', en: '' }, correct: false },
				{ id: 'option-2', text: { my: '', en: 'B' }, correct: true },
				{ id: 'option-5', text: { my: 'င', en: '' }, correct: false }
			]
		});
		expect(
			questionSchema.parse({ ...base, type: 'true_false', answer: 'false', option1_my: 'x' })
		).toEqual({
			type: 'true_false',
			prompt: base.prompt_my && { my: 'မေး', en: '' },
			explanation: { my: '', en: 'Because' },
			answer: false
		});
		expect(
			questionSchema.parse({
				...base,
				type: 'short',
				accepted_my: ' ဆေး \n\n ဆေးရုံ ',
				accepted_en: 'clinic'
			})
		).toMatchObject({ accepted: { my: ['ဆေး', 'ဆေးရုံ'], en: ['clinic'] } });
	});

	it('says what is missing for each kind', () => {
		expect(
			issues(
				questionSchema.safeParse({
					...base,
					type: 'single',
					option1_my: 'က',
					option1_correct: 'on'
				})
			)
		).toEqual(['options:error_two_options']);
		expect(
			issues(
				questionSchema.safeParse({ ...base, type: 'single', option1_my: 'က', option2_my: 'ခ' })
			)
		).toEqual(['options:error_one_correct']);
		expect(
			issues(
				questionSchema.safeParse({
					...base,
					type: 'single',
					option1_my: 'က',
					option2_my: 'ခ',
					option1_correct: 'on',
					option2_correct: 'on'
				})
			)
		).toEqual(['options:error_one_correct']);
		expect(
			issues(
				questionSchema.safeParse({ ...base, type: 'multiple', option1_my: 'က', option2_my: 'ခ' })
			)
		).toEqual(['options:error_some_correct']);
		expect(issues(questionSchema.safeParse({ ...base, type: 'true_false' }))).toEqual([
			'answer:error_choice'
		]);
		expect(issues(questionSchema.safeParse({ ...base, type: 'short' }))).toEqual([
			'accepted_my:error_accepted_or_range'
		]);
		for (const [min, max] of [
			['100', ''],
			['', '120'],
			['120', '100'],
			['a hundred', '120'],
			['100', '1e3']
		]) {
			const found = issues(
				questionSchema.safeParse({
					...base,
					type: 'short',
					accepted_en: 'x',
					range_min: min,
					range_max: max
				})
			);
			expect(
				found.map((i) => i.replace(/^range_(min|max):/, 'range:')),
				`${min}..${max}`
			).toEqual(['range:error_range']);
		}
		expect(issues(questionSchema.safeParse({ type: 'true_false', answer: 'true' }))).toEqual([
			'prompt_my:error_one_language',
			'explanation_my:error_one_language'
		]);
		expect(issues(questionSchema.safeParse({ ...base, type: 'essay' }))).toContain(
			'type:error_choice'
		);
	});

	it('gives a short question a range of right numbers, typed in either digit system, with or without accepted answers', () => {
		expect(
			questionSchema.parse({ ...base, type: 'short', range_min: ' ၁၀၀ ', range_max: '120' })
		).toEqual({
			type: 'short',
			prompt: { my: 'မေး', en: '' },
			explanation: { my: '', en: 'Because' },
			accepted: { my: [], en: [] },
			range: { min: 100, max: 120 }
		});
		expect(
			questionSchema.parse({
				...base,
				type: 'short',
				accepted_en: 'thirty',
				range_min: '-2.5',
				range_max: '30'
			})
		).toMatchObject({ accepted: { my: [], en: ['thirty'] }, range: { min: -2.5, max: 30 } });
		expect(
			questionSchema.parse({
				...base,
				type: 'short',
				accepted_en: 'clinic',
				range_min: '',
				range_max: ''
			})
		).not.toHaveProperty('range');
		const full = {
			...base,
			prompt_en: 'How many?',
			explanation_my: 'အကြောင်း',
			type: 'short',
			range_min: '၁၀၀',
			range_max: '၁၂၀'
		};
		const question = { id: 'question-2', ...questionSchema.parse(full) };
		expect(contentQuestion.safeParse(question).success).toBe(true);
		expect(questionValues(question)).toMatchObject({ range_min: '100', range_max: '120' });
		expect(questionSchema.parse(questionValues(question))).toEqual(questionSchema.parse(full));
	});

	it('takes numbers typed in Burmese digits for minutes and pass marks', () => {
		expect(lessonSchema.parse({ title_en: 'Water', minutes: '၁၀', body_en: 'x' }).minutes).toBe(10);
		expect(
			newQuizSchema.parse({
				...base,
				type: 'true_false',
				answer: 'true',
				pass_mark: '၈၀',
				title_en: 'Check'
			}).passMark
		).toBe(80);
		expect(
			issues(
				newQuizSchema.safeParse({
					...base,
					type: 'true_false',
					answer: 'true',
					pass_mark: '၁၀၁',
					title_en: 'Check'
				})
			)
		).toEqual(['pass_mark:error_invalid']);
	});

	it('gives questions that the quiz page and the content format accept, and shows them again as the same fields', () => {
		const fields = {
			type: 'multiple',
			prompt_my: 'မေး',
			prompt_en: 'Ask',
			explanation_my: 'ဖြေ',
			explanation_en: 'Because',
			option1_my: 'က',
			option1_en: 'A',
			option1_correct: 'on',
			option2_my: 'ခ',
			option2_en: 'B',
			option3_my: 'ဂ',
			option3_en: 'C',
			option3_correct: 'on'
		};
		const question = { id: 'question-1', ...questionSchema.parse(fields) };
		expect(contentQuestion.safeParse(question).success).toBe(true);
		expect(questionSchema.parse(questionValues(question))).toEqual(questionSchema.parse(fields));
	});

	it('a new quiz needs a title, a pass mark from 1 to 100 and a first question', () => {
		expect(
			issues(
				newQuizSchema.safeParse({ ...base, type: 'true_false', answer: 'true', pass_mark: '0' })
			)
		).toEqual(['pass_mark:error_invalid', 'title_my:error_one_language']);
		expect(
			newQuizSchema.parse({
				...base,
				type: 'true_false',
				answer: 'true',
				pass_mark: '75',
				title_en: 'Check'
			})
		).toMatchObject({ passMark: 75, title: { my: '', en: 'Check' } });
	});
});

describe('the lesson form', () => {
	it('needs a title and a text in at least one language, and keeps Markdown as written', () => {
		const lesson = lessonSchema.parse({
			title_en: 'Water',
			minutes: '4',
			body_my: '## ရေ\r\n\r\nရေ သောက်ပါ။  \r\n',
			body_en: ''
		});
		expect(lesson).toMatchObject({ minutes: 4, title_my: '', body_my: '## ရေ\n\nရေ သောက်ပါ။' });
		expect(issues(lessonSchema.safeParse({ minutes: '5', body_my: '', body_en: '' }))).toEqual([
			'title_my:error_one_language',
			'body_my:error_one_language'
		]);
		expect(issues(lessonSchema.safeParse({ title_my: 'x', minutes: '500', body_my: 'x' }))).toEqual(
			['minutes:error_invalid']
		);
	});

	it('lets a lesson show a < sign, but refuses script and frame tags', () => {
		expect(
			lessonSchema.safeParse({
				title_my: 'x',
				minutes: '5',
				body_en: 'If a < b then <b> stays text'
			}).success
		).toBe(true);
		expect(
			issues(
				lessonSchema.safeParse({
					title_my: 'x',
					minutes: '5',
					body_en: 'hi <script>alert(1)</script>'
				})
			)
		).toEqual(['body_en:error_markup']);
		expect(
			issues(lessonSchema.safeParse({ title_my: 'x', minutes: '5', body_my: '<IFRAME src=x>' }))
		).toEqual(['body_my:error_markup']);
	});
});

describe('the skills form', () => {
	it('collects the chosen rows once each, with their level, and an optional new skill', () => {
		expect(
			courseSkillsSchema.parse({
				skill1: 'first_aid',
				level1: '2',
				skill2: '',
				level2: '1',
				skill3: 'first_aid',
				level3: '1',
				new_skill_en: 'Lace',
				new_level: '2'
			})
		).toEqual({
			picks: [{ id: 'first_aid', level: 1 }],
			newSkill: { name: { my: '', en: 'Lace' }, level: 2 }
		});
		expect(courseSkillsSchema.parse({})).toEqual({ picks: [], newSkill: null });
		expect(courseSkillsSchema.safeParse({ skill1: 'x', level1: '4' }).success).toBe(false);
		// A course gives "working" at most: a quiz on a phone cannot show "can teach".
		expect(
			courseSkillsSchema
				.safeParse({ skill1: 'first_aid', level1: '3' })
				.error?.issues.map((i) => i.message)
		).toEqual(['error_level_too_high']);
		expect(courseSkillsSchema.safeParse({ new_skill_en: 'Lace', new_level: '3' }).success).toBe(
			false
		);
	});
});
