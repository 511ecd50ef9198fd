import { SKILL_ID } from '$lib/ids';
import { z } from 'zod';
import { nameText, plainText } from './fields';
import { ORG_AREAS } from '$lib/vocab/areas';
import { TRAINING_AUDIENCES, TRAINING_PROVISIONS } from '$lib/vocab/trainings';
import { SKILL_LEVEL_FIELDS } from '$lib/vocab/skills';
import { asciiDigits } from '$lib/format';
import {
	COMPLETION_SHARE_DEFAULT,
	SESSION_ROW_NUMBERS,
	SESSION_ROWS,
	SESSIONS_MAX
} from '$lib/training-rows';

/** The training form; its session rows are src/lib/training-rows.ts's. */
const ROWS = SESSION_ROW_NUMBERS;

/** Typed (perhaps in Burmese digits) or picked; checked as a whole by the form's rules below. */
const typed = (max: number) => z.string().trim().max(max, 'error_too_long').transform(asciiDigits);

const sessionFields = Object.fromEntries(
	ROWS.flatMap((n) => [
		[`session_${n}_day`, typed(10).optional()],
		[`session_${n}_start`, typed(5).optional()],
		[`session_${n}_end`, typed(5).optional()]
	])
);

/** Checkboxes `provided_<item>` for what the training gives its participants. */
const providedFields = Object.fromEntries(
	TRAINING_PROVISIONS.map((item) => [
		`provided_${item}`,
		z.literal('on', { error: 'error_choice' }).optional()
	])
);

const isDay = (v: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isTime = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
/**
 * Today as the server counts it (UTC). Trainings meet in Myanmar and Thailand, a few hours ahead
 * of UTC: a day before this one is past everywhere they meet, so the rule never refuses a day
 * that is still today where the training is.
 */
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** How many session rows the form shows; more only when asked (`more`). */
const rowCount = z
	.string()
	.trim()
	.max(2)
	.optional()
	.transform((v) => {
		const n = Number(v);
		return Number.isInteger(n) && n >= SESSION_ROWS && n <= SESSIONS_MAX ? n : SESSION_ROWS;
	});

/**
 * A training's texts and details. One language per pair is enough (as for roles); the meeting
 * point is exact, shown only to those who hold a place. The skills it teaches are chosen one by
 * one afterwards (trainingSkillSchema), as for roles.
 */
export const trainingDetailsSchema = z
	.object({
		title_my: nameText(0, 120),
		title_en: nameText(0, 120),
		description_my: plainText(0, 3000),
		description_en: plainText(0, 3000),
		audience: z.enum(TRAINING_AUDIENCES, { error: 'error_choice' }),
		area: z.enum(ORG_AREAS, { error: 'error_choice' }),
		seats: z
			.string({ error: 'error_training_seats' })
			.trim()
			.max(12, 'error_training_seats')
			.transform(asciiDigits)
			.pipe(z.string().regex(/^[1-9]\d{0,2}$/, 'error_training_seats'))
			.transform(Number)
			.pipe(z.number().max(500, 'error_training_seats')),
		closes_on: z
			.string({ error: 'error_date' })
			.trim()
			.max(10, 'error_date')
			.transform(asciiDigits)
			.refine(isDay, 'error_date')
			.refine((v) => v >= todayUtc(), 'error_training_past'),
		meeting_point: plainText(1, 300),
		...providedFields,
		completion_share: z
			.string({ error: 'error_training_share' })
			.trim()
			.max(12, 'error_training_share')
			.transform(asciiDigits)
			.refine(
				(v) => v === '' || (/^\d{2,3}$/.test(v) && Number(v) >= 50 && Number(v) <= 100),
				'error_training_share'
			)
			.transform((v) => (v === '' ? COMPLETION_SHARE_DEFAULT : Number(v)))
			.optional(),
		session_rows: rowCount,
		more: z.literal('rows', { error: 'error_choice' }).optional(),
		...sessionFields
	})
	.superRefine((v, ctx) => {
		if (!v.title_my && !v.title_en)
			ctx.addIssue({ code: 'custom', message: 'error_one_language', path: ['title_my'] });
		if (!v.description_my && !v.description_en)
			ctx.addIssue({ code: 'custom', message: 'error_one_language', path: ['description_my'] });
		const fields = v as unknown as Record<string, string | undefined>;
		const today = todayUtc();
		let sessions = 0;
		let lastDay = '';
		for (const n of ROWS) {
			const day = fields[`session_${n}_day`] ?? '';
			const start = fields[`session_${n}_start`] ?? '';
			const end = fields[`session_${n}_end`] ?? '';
			if (!day && !start && !end) continue;
			sessions++;
			const issue = (field: string, message: string) =>
				ctx.addIssue({ code: 'custom', message, path: [`session_${n}_${field}`] });
			if (!isDay(day)) issue('day', 'error_date');
			else if (day < today) issue('day', 'error_training_past');
			if (!isTime(start)) issue('start', 'error_training_time');
			if (!isTime(end)) issue('end', 'error_training_time');
			else if (isTime(start) && end <= start) issue('end', 'error_training_end');
			if (day > lastDay) lastDay = day;
		}
		if (sessions === 0)
			ctx.addIssue({ code: 'custom', message: 'error_training_sessions', path: ['session_1_day'] });
		else if (lastDay && isDay(v.closes_on) && v.closes_on > lastDay)
			ctx.addIssue({ code: 'custom', message: 'error_training_closes', path: ['closes_on'] });
	})
	.transform((v) => {
		const fields = v as unknown as Record<string, string | undefined>;
		const sessions = ROWS.filter((n) => fields[`session_${n}_day`])
			.map((n) => ({
				startsAt: `${fields[`session_${n}_day`]}T${fields[`session_${n}_start`]}`,
				endsAt: `${fields[`session_${n}_day`]}T${fields[`session_${n}_end`]}`
			}))
			.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
		return {
			titleMy: v.title_my,
			titleEn: v.title_en,
			descriptionMy: v.description_my,
			descriptionEn: v.description_en,
			audience: v.audience,
			area: v.area,
			seats: v.seats,
			closesOn: v.closes_on,
			meetingPoint: v.meeting_point,
			provided: TRAINING_PROVISIONS.filter((item) => fields[`provided_${item}`] === 'on'),
			completionShare: v.completion_share ?? COMPLETION_SHARE_DEFAULT,
			sessions
		};
	});

export const trainingSkillSchema = z.object({
	skill: z.string().regex(SKILL_ID, 'error_no_skill'),
	level: z.enum(SKILL_LEVEL_FIELDS, { error: 'error_choice' }).transform(Number)
});
