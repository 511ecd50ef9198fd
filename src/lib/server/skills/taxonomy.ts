/**
 * The curated skill taxonomy: groups of skills, each with three levels (basic, working, can
 * teach) in plain words, read from `content/skills/` and loaded on every start. A skill an
 * administrator has edited (it has `updated_at`) keeps the administrator's words; the files
 * only add skills and update ones nobody edited. The crosswalk (backgrounds) is curated data
 * only and is replaced from its file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db';
import {
	backgroundsFileSchema,
	skillGroupFileSchema,
	type BackgroundsFile,
	type SkillGroupFile
} from '../../schemas/skill-content';

export interface Taxonomy {
	groups: SkillGroupFile[];
	backgrounds: BackgroundsFile['backgrounds'];
}

/** Reads and checks every file; throws naming the file and the problem. */
export function readTaxonomy(dir = 'content/skills'): Taxonomy {
	const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	const groups: SkillGroupFile[] = [];
	for (const file of fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json') && f !== 'backgrounds.json')
		.sort()) {
		const parsed = skillGroupFileSchema.safeParse(read(file));
		if (!parsed.success)
			throw new Error(
				`${path.join(dir, file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
			);
		groups.push(parsed.data);
	}
	groups.sort((a, b) => a.order - b.order);
	const backgrounds = fs.existsSync(path.join(dir, 'backgrounds.json'))
		? backgroundsFileSchema.parse(read('backgrounds.json')).backgrounds
		: [];
	const ids = new Set<string>();
	for (const skill of groups.flatMap((g) => g.skills)) {
		if (ids.has(skill.id))
			throw new Error(`${dir}: skill id "${skill.id}" is in more than one place`);
		ids.add(skill.id);
	}
	for (const background of backgrounds) {
		for (const skill of background.skills)
			if (!ids.has(skill.id))
				throw new Error(
					`${dir}/backgrounds.json: "${background.id}" suggests unknown skill "${skill.id}"`
				);
	}
	return { groups, backgrounds };
}

/** Loads the taxonomy into the database, in one transaction. */
export async function loadTaxonomy(
	db: Db,
	taxonomy: Taxonomy
): Promise<{ skills: number; backgrounds: number }> {
	await db.transaction().execute(async (trx) => {
		for (const group of taxonomy.groups) {
			const row = { position: group.order, name_my: group.name.my, name_en: group.name.en };
			await trx
				.insertInto('skill_group')
				.values({ id: group.id, ...row })
				.onConflict((oc) => oc.column('id').doUpdateSet(row))
				.execute();
			for (const [position, skill] of group.skills.entries()) {
				const values = {
					group_id: group.id,
					position,
					name_my: skill.name.my,
					name_en: skill.name.en,
					levels: JSON.stringify(skill.levels)
				};
				await trx
					.insertInto('skill')
					.values({ id: skill.id, ...values })
					.onConflict((oc) =>
						oc.column('id').doUpdateSet(values).where('skill.updated_at', 'is', null)
					)
					.execute();
			}
		}
		await trx.deleteFrom('background_skill').execute();
		await trx.deleteFrom('background').execute();
		for (const [position, background] of taxonomy.backgrounds.entries()) {
			await trx
				.insertInto('background')
				.values({
					id: background.id,
					kind: background.kind,
					position,
					name_my: background.name.my,
					name_en: background.name.en
				})
				.execute();
			await trx
				.insertInto('background_skill')
				.values(
					background.skills.map((s) => ({
						background_id: background.id,
						skill_id: s.id,
						level: s.level
					}))
				)
				.execute();
		}
	});
	return {
		skills: taxonomy.groups.reduce((n, g) => n + g.skills.length, 0),
		backgrounds: taxonomy.backgrounds.length
	};
}
