/** An organization's own services, as its members list and change them. */
import type { Db } from '../db';
import type { RoleStatus, ServiceTable } from '../schema';
import type { Selectable } from 'kysely';
import { vettedOrgOf } from '../orgs/membership';
import type { ServiceDetails } from './editing';
import { languagesOf } from './directory';
import { allowedMoves } from '../roles/reviewed';
import { SERVICE_MOVES, type ServiceMove } from '$lib/vocab/services';
import { isOneOf } from '$lib/vocab/one-of';

/** A stored service's details, as its form and its reviewers read them. */
export function serviceDetailsOf(row: Selectable<ServiceTable>): ServiceDetails {
	return {
		kind: row.kind,
		audience: row.audience,
		area: row.area,
		nameMy: row.name_my,
		nameEn: row.name_en,
		descriptionMy: row.description_my,
		descriptionEn: row.description_en,
		languages: languagesOf(row.languages),
		free: row.free === 1,
		hours: row.hours,
		walkIn: row.walk_in,
		contact: row.contact
	};
}

/** What an organization may do with its service in `status` (no "open": approved is listed). */
export const serviceMoves = (status: RoleStatus): ServiceMove[] =>
	allowedMoves(status).filter((m): m is ServiceMove => isOneOf(SERVICE_MOVES, m));

export interface OrgService {
	id: string;
	name: { my: string; en: string };
	status: RoleStatus;
}

/** The services of the caller's organization while it is vetted, newest first. */
export async function orgServices(db: Db, userId: string): Promise<OrgService[]> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return [];
	const rows = await db
		.selectFrom('service')
		.select(['id', 'name_my', 'name_en', 'status'])
		.where('org_id', '=', orgId)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: r.id, name: { my: r.name_my, en: r.name_en }, status: r.status }));
}

export interface OrgServiceDetails extends ServiceDetails {
	id: string;
	status: RoleStatus;
	reviewNote: string;
	moves: ServiceMove[];
}

/** One service of the caller's vetted organization; null when it is not theirs. */
export async function orgService(
	db: Db,
	userId: string,
	serviceId: string
): Promise<OrgServiceDetails | null> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return null;
	const row = await db
		.selectFrom('service')
		.selectAll()
		.where('id', '=', serviceId)
		.where('org_id', '=', orgId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		...serviceDetailsOf(row),
		id: row.id,
		status: row.status,
		reviewNote: row.review_note,
		moves: serviceMoves(row.status)
	};
}

/** A service's stored details as its form's values (the names serviceDetailsSchema reads). */
export function serviceFormValues(service: ServiceDetails): Record<string, string> {
	const values: Record<string, string> = {
		kind: service.kind,
		audience: service.audience,
		area: service.area,
		name_my: service.nameMy,
		name_en: service.nameEn,
		description_my: service.descriptionMy,
		description_en: service.descriptionEn,
		cost: service.free ? 'free' : 'paid',
		hours: service.hours,
		walk_in: service.walkIn,
		contact: service.contact
	};
	for (const language of service.languages) values[`lang_${language}`] = 'on';
	return values;
}
