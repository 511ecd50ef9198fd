import { SKILL_ID } from '$lib/ids';
import { z } from 'zod';
import { AREAS } from '../vocab/areas';
import { AVAILABILITY, VISIBILITY } from '../vocab/profile';
import { SKILL_LEVEL_FIELDS } from '../vocab/skills';

/**
 * A learner's profile forms. Every field is a fixed choice: nothing typed, so nothing in a
 * profile can name a person, a unit or a place. Messages are keys of the message catalogue.
 */

const id = z.string().regex(SKILL_ID);

/**
 * Skills chosen in one go (from the crosswalk or a group's list): `level_<skill id>` is 0 (not
 * mine) to 3 (can teach) for every skill the form showed.
 */
export const skillChoicesSchema = z
	.record(
		z.string().regex(new RegExp(`^level_${SKILL_ID.source.slice(1)}`), 'error_form'),
		z.enum(['0', ...SKILL_LEVEL_FIELDS], { error: 'error_choice' })
	)
	.refine(
		(fields) => Object.keys(fields).length >= 1 && Object.keys(fields).length <= 60,
		'error_form'
	)
	.transform((fields) =>
		Object.entries(fields).map(([name, level]) => ({
			id: name.slice('level_'.length),
			level: Number(level)
		}))
	);

/** Area, availability, remote, interests and who may see the profile. */
export const profileDetailsSchema = z
	.object({
		area: z.enum(AREAS, { error: 'error_choice' }),
		visibility: z.enum(VISIBILITY, { error: 'error_choice' }),
		remote: z.literal('on', { error: 'error_choice' }).optional(),
		/** Asked only when the profile is shown to more organizations than before. */
		password: z.string().max(256, 'error_too_long').optional()
	})
	.catchall(z.literal('on', { error: 'error_choice' }))
	.superRefine((fields, ctx) => {
		for (const key of Object.keys(fields)) {
			if (['area', 'visibility', 'remote', 'password'].includes(key)) continue;
			const [kind, value] = [key.split('_')[0], key.slice(key.indexOf('_') + 1)];
			const known =
				kind === 'availability'
					? (AVAILABILITY as readonly string[]).includes(value)
					: kind === 'interest' && id.safeParse(value).success;
			if (!known) ctx.addIssue({ code: 'custom', message: 'error_form', path: [key] });
		}
	})
	.transform((fields) => {
		const keys = Object.keys(fields);
		return {
			area: fields.area,
			visibility: fields.visibility,
			remote: fields.remote === 'on',
			password: fields.password || null,
			availability: AVAILABILITY.filter((a) => keys.includes(`availability_${a}`)),
			interests: keys
				.filter((k) => k.startsWith('interest_'))
				.map((k) => k.slice('interest_'.length))
		};
	});

export const backgroundQuery = z.object({
	from: id.optional().catch(undefined),
	group: id.optional().catch(undefined)
});

/** What is saved; the password that may come with it is only checked. */
export type ProfileDetails = Omit<z.output<typeof profileDetailsSchema>, 'password'>;
