/**
 * Administrators approve services before the directory lists them, or send them back to the
 * organization as a draft with a note, as for roles (roles/reviewed.ts).
 */
import type { Db } from '../db';
import { reviewSubmitted, type ReviewResult } from '../roles/reviewed';
import type { ReviewDecision } from '$lib/vocab/roles';
import type { RoleStatus } from '../schema';
import type { ServiceDetails } from './editing';
import { serviceDetailsOf } from './organization';

/** Approves a submitted service or returns it as a draft; it and the audit trail change together. */
export async function reviewService(
	db: Db,
	adminId: string,
	serviceId: string,
	decision: ReviewDecision,
	note: string,
	now = Date.now()
): Promise<ReviewResult<'service'>> {
	return reviewSubmitted(db, 'service', adminId, serviceId, decision, note, now);
}

export interface ServiceListed {
	id: string;
	org: string;
	name: { my: string; en: string };
	status: RoleStatus;
	example: boolean;
	updatedAt: number;
}

/** Every service of every organization for administrators: those waiting for review first, oldest first. */
export async function servicesForAdmin(db: Db): Promise<ServiceListed[]> {
	const rows = await db
		.selectFrom('service')
		.innerJoin('organization', 'organization.id', 'service.org_id')
		.select([
			'service.id',
			'organization.name',
			'service.name_my',
			'service.name_en',
			'service.status',
			'service.example',
			'service.updated_at'
		])
		.where('service.status', '!=', 'draft')
		.orderBy((eb) => eb.case().when('service.status', '=', 'submitted').then(0).else(1).end())
		.orderBy('service.updated_at')
		.orderBy('service.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		org: r.name,
		name: { my: r.name_my, en: r.name_en },
		status: r.status,
		example: r.example === 1,
		updatedAt: r.updated_at
	}));
}

export interface ServiceReview extends ServiceDetails {
	id: string;
	org: string;
	status: RoleStatus;
	reviewNote: string;
	example: boolean;
}

/** A service as an administrator checks it (not a draft: drafts are the organization's alone); null when none. */
export async function serviceForReview(db: Db, serviceId: string): Promise<ServiceReview | null> {
	const row = await db
		.selectFrom('service')
		.innerJoin('organization', 'organization.id', 'service.org_id')
		.selectAll('service')
		.select('organization.name as org')
		.where('service.id', '=', serviceId)
		.where('service.status', '!=', 'draft')
		.executeTakeFirst();
	if (!row) return null;
	return {
		...serviceDetailsOf(row),
		id: row.id,
		org: row.org,
		status: row.status,
		reviewNote: row.review_note,
		example: row.example === 1
	};
}
