/**
 * The example training of the starter data (`content/trainings/example.json`): on a new install,
 * people see what a training looks like before any organization posts one. It is plainly an
 * example: marked `example = 1`, given by an organization named as Lanpya's example, its title
 * saying so, and nobody can ask for a place in it (places.ts). It is made once, the first time
 * Lanpya starts on a database without its example organization; an administrator can remove the
 * training, and it never comes back (the organization stays, as the mark that it was made).
 * Its dates count from that first start, so it closes after a month and learners stop seeing it.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db';
import { makeExampleOrganization } from '../orgs/examples';
import { newId } from '../auth/tokens';
import { ORG_AREAS } from '$lib/vocab/areas';
import { TRAINING_AUDIENCES, TRAINING_PROVISIONS } from '$lib/vocab/trainings';
import { today } from '../matching/opportunities';

const DAY_MS = 86_400_000;

const exampleSchema = z.object({
	organization: z.string().min(1),
	title_my: z.string().min(1),
	title_en: z.string().min(1),
	description_my: z.string().min(1),
	description_en: z.string().min(1),
	audience: z.enum(TRAINING_AUDIENCES),
	area: z.enum(ORG_AREAS),
	seats: z.number().int().min(1),
	provided: z.array(z.enum(TRAINING_PROVISIONS)),
	skills: z.array(z.object({ id: z.string(), level: z.number().int().min(1).max(3) })),
	closes_after_days: z.number().int().min(1),
	sessions: z
		.array(
			z.object({
				after_days: z.number().int().min(1),
				starts: z.string().regex(/^\d{2}:\d{2}$/),
				ends: z.string().regex(/^\d{2}:\d{2}$/)
			})
		)
		.min(1)
});
export type ExampleTraining = z.infer<typeof exampleSchema>;

export function readExampleTraining(file = 'content/trainings/example.json'): ExampleTraining {
	return exampleSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * Makes the example training and its organization unless its organization exists (made before:
 * the training may have been removed since). Returns the training's id when it made one. Skills
 * the taxonomy does not hold are left out.
 */
export async function loadExampleTraining(
	db: Db,
	example: ExampleTraining,
	now = Date.now()
): Promise<string | null> {
	return db.transaction().execute(async (trx) => {
		const orgId = await makeExampleOrganization(trx, example.organization, [example.area], now);
		if (!orgId) return null;
		const day = (after: number) => today(now + after * DAY_MS);
		const id = newId();
		await trx
			.insertInto('training')
			.values({
				id,
				org_id: orgId,
				title_my: example.title_my,
				title_en: example.title_en,
				description_my: example.description_my,
				description_en: example.description_en,
				audience: example.audience,
				area: example.area,
				seats: example.seats,
				closes_on: day(example.closes_after_days),
				meeting_point: '',
				example: 1,
				completed_at: null,
				status: 'open',
				reviewed_by: null,
				reviewed_at: now,
				created_by: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		for (const session of example.sessions)
			await trx
				.insertInto('training_session')
				.values({
					id: newId(),
					training_id: id,
					starts_at: `${day(session.after_days)}T${session.starts}`,
					ends_at: `${day(session.after_days)}T${session.ends}`
				})
				.execute();
		for (const item of example.provided)
			await trx.insertInto('training_provision').values({ training_id: id, item }).execute();
		const known = new Set(
			(
				await trx
					.selectFrom('skill')
					.select('id')
					.where('id', 'in', ['', ...example.skills.map((s) => s.id)])
					.execute()
			).map((s) => s.id)
		);
		for (const skill of example.skills.filter((s) => known.has(s.id)))
			await trx
				.insertInto('training_skill')
				.values({ training_id: id, skill_id: skill.id, level: skill.level })
				.execute();
		return id;
	});
}

/** The example training still there, for the administrators' list; null once removed. */
export async function exampleTraining(
	db: Db
): Promise<{ id: string; title: { my: string; en: string } } | null> {
	const row = await db
		.selectFrom('training')
		.select(['id', 'title_my', 'title_en'])
		.where('example', '=', 1)
		.executeTakeFirst();
	return row ? { id: row.id, title: { my: row.title_my, en: row.title_en } } : null;
}
