/** What the authoring forms share between the page and the server (no zod on the phone). */
import type { Question } from '$lib/schemas/course-content';

/** Answer rows on the question form. */
export const OPTION_ROWS = 6;
/** Skill rows on the course form. */
export const SKILL_ROWS = 5;

/** A stored question as the question form's field values. */
export function questionValues(q: Question): Record<string, string> {
	const values: Record<string, string> = {
		type: q.type,
		prompt_my: q.prompt.my,
		prompt_en: q.prompt.en,
		explanation_my: q.explanation.my,
		explanation_en: q.explanation.en,
		clip: q.clip ?? ''
	};
	if (q.type === 'single' || q.type === 'multiple') {
		q.options.slice(0, OPTION_ROWS).forEach((o, i) => {
			values[`option${i + 1}_my`] = o.text.my;
			values[`option${i + 1}_en`] = o.text.en;
			if (o.correct) values[`option${i + 1}_correct`] = 'on';
		});
	} else if (q.type === 'true_false') {
		values.answer = String(q.answer);
	} else {
		values.accepted_my = q.accepted.my.join('\n');
		values.accepted_en = q.accepted.en.join('\n');
		if (q.range) [values.range_min, values.range_max] = [String(q.range.min), String(q.range.max)];
	}
	return values;
}
