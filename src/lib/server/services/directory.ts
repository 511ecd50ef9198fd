/**
 * The directory of support services: every approved service of a vetted organization, in both
 * languages, for anyone (visitors too). It is public by nature (what organizations chose to
 * publish) and small, so the whole of it goes to the phone and is kept there (the service worker,
 * src/service-worker.ts); filtering by kind and area happens on the phone, so nothing a person
 * looks for leaves it. Its version changes whenever anything in it changes.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Db } from '../db';
import type { OrgArea } from '$lib/vocab/areas';
import {
	SERVICE_LANGUAGES,
	type ServiceAudience,
	type ServiceKind,
	type ServiceLanguage
} from '$lib/vocab/services';
import { isOneOf } from '$lib/vocab/one-of';

export interface DirectoryService {
	id: string;
	org: string;
	kind: ServiceKind;
	audience: ServiceAudience;
	area: OrgArea | 'remote';
	name: { my: string; en: string };
	description: { my: string; en: string };
	languages: ServiceLanguage[];
	free: boolean;
	hours: string;
	walkIn: string;
	contact: string;
	/** The starter data's example, shown as such. */
	example: boolean;
}

export interface Directory {
	/** Changes whenever anything listed changes: the phone's kept copy follows it. */
	version: string;
	services: DirectoryService[];
	/** The directory's data compressed (gzip), as it travels and is kept: stated on the page. */
	bytes: number;
}

export const languagesOf = (stored: string): ServiceLanguage[] =>
	stored.split(',').filter((l): l is ServiceLanguage => isOneOf(SERVICE_LANGUAGES, l));

/** The listed services: approved, of a vetted organization. */
export function listedServices(db: Db) {
	return db
		.selectFrom('service')
		.innerJoin('organization', 'organization.id', 'service.org_id')
		.where('service.status', '=', 'approved')
		.where('organization.status', '=', 'vetted');
}

/** The whole directory, by kind then name. */
export async function directory(db: Db): Promise<Directory> {
	const rows = await listedServices(db)
		.select([
			'service.id',
			'organization.name as org',
			'service.kind',
			'service.audience',
			'service.area',
			'service.name_my',
			'service.name_en',
			'service.description_my',
			'service.description_en',
			'service.languages',
			'service.free',
			'service.hours',
			'service.walk_in',
			'service.contact',
			'service.example'
		])
		.orderBy('service.example')
		.orderBy('service.kind')
		.orderBy('service.name_en')
		.orderBy('service.id')
		.execute();
	const services = rows.map((r): DirectoryService => ({
		id: r.id,
		org: r.org,
		kind: r.kind,
		audience: r.audience,
		area: r.area,
		name: { my: r.name_my, en: r.name_en },
		description: { my: r.description_my, en: r.description_en },
		languages: languagesOf(r.languages),
		free: r.free === 1,
		hours: r.hours,
		walkIn: r.walk_in,
		contact: r.contact,
		example: r.example === 1
	}));
	const json = JSON.stringify(services);
	return {
		version: createHash('sha256').update(json).digest('base64url').slice(0, 16),
		services,
		bytes: gzipSync(json).length
	};
}

/** One listed service; null when it is not (or no longer) in the directory. */
export async function listedService(db: Db, serviceId: string): Promise<DirectoryService | null> {
	const all = await directory(db);
	return all.services.find((s) => s.id === serviceId) ?? null;
}
