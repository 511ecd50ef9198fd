/**
 * The example services of the starter data (`content/services/examples.json`): on a new install,
 * people see what the directory looks like before any organization lists a service. They are
 * plainly examples: marked `example = 1`, given by an organization named as Lanpya's example, their
 * names saying so, and nobody can ask them for help (./requests.ts). They are made once, the
 * first time Lanpya starts on a database without their organization; an administrator can remove
 * each, and it never comes back (the organization stays, as the mark that they were made).
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db';
import { newId } from '../auth/tokens';
import { ORG_AREAS } from '$lib/vocab/areas';
import {
	SERVICE_AUDIENCES,
	SERVICE_KINDS,
	SERVICE_LANGUAGES,
	SERVICE_REMOTE
} from '$lib/vocab/services';
import type { Result } from '$lib/result';

const exampleSchema = z.object({
	organization: z.string().min(1),
	services: z
		.array(
			z.object({
				kind: z.enum(SERVICE_KINDS),
				audience: z.enum(SERVICE_AUDIENCES),
				area: z.enum([...ORG_AREAS, SERVICE_REMOTE]),
				name_my: z.string().min(1),
				name_en: z.string().min(1),
				description_my: z.string().min(1),
				description_en: z.string().min(1),
				languages: z.array(z.enum(SERVICE_LANGUAGES)).min(1),
				free: z.boolean(),
				hours: z.string()
			})
		)
		.min(1)
});
export type ExampleServices = z.infer<typeof exampleSchema>;

export function readExampleServices(file = 'content/services/examples.json'): ExampleServices {
	return exampleSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * Makes the example services and their organization unless the organization exists (made
 * before: the services may have been removed since). Returns how many it made.
 */
export async function loadExampleServices(
	db: Db,
	example: ExampleServices,
	now = Date.now()
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const made = await trx
			.selectFrom('organization')
			.select('id')
			.where('name', '=', example.organization)
			.where('created_by', 'is', null)
			.executeTakeFirst();
		if (made) return 0;
		const orgId = newId();
		await trx
			.insertInto('organization')
			.values({
				id: orgId,
				name: example.organization,
				kind: 'ngo',
				description: '',
				status: 'vetted',
				created_by: null,
				created_at: now,
				reviewed_at: now,
				areas: JSON.stringify([])
			})
			.execute();
		for (const service of example.services)
			await trx
				.insertInto('service')
				.values({
					id: newId(),
					org_id: orgId,
					...service,
					languages: service.languages.join(','),
					free: service.free ? 1 : 0,
					example: 1,
					status: 'approved',
					reviewed_by: null,
					reviewed_at: now,
					created_at: now,
					updated_at: now
				})
				.execute();
		return example.services.length;
	});
}

/** An administrator removes an example service, for good. Only an example can be removed. */
export async function removeExampleService(
	db: Db,
	adminId: string,
	serviceId: string
): Promise<Result<object, 'not_admin' | 'not_example'>> {
	const admin = await db
		.selectFrom('user')
		.select('kind')
		.where('id', '=', adminId)
		.executeTakeFirst();
	if (admin?.kind !== 'admin') return { ok: false, error: 'not_admin' };
	const removed = await db
		.deleteFrom('service')
		.where('id', '=', serviceId)
		.where('example', '=', 1)
		.executeTakeFirst();
	return Number(removed.numDeletedRows) > 0 ? { ok: true } : { ok: false, error: 'not_example' };
}
