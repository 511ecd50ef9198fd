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
import { makeExampleOrganization } from '../orgs/examples';
import { newId } from '../auth/tokens';
import { ORG_AREAS } from '$lib/vocab/areas';
import {
	SERVICE_AUDIENCES,
	SERVICE_KINDS,
	SERVICE_LANGUAGES,
	SERVICE_REMOTE
} from '$lib/vocab/services';

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
		const orgId = await makeExampleOrganization(trx, example.organization, [], now);
		if (!orgId) return 0;
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
