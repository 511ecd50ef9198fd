/**
 * An organization's support services: written as a draft by a member of a vetted organization,
 * sent for review, approved by an administrator (./review.ts), then listed in the directory
 * (./directory.ts) until the organization takes it out, as a role moves (roles/reviewed.ts).
 */
import type { Db } from '../db';
import type { RoleStatus } from '../schema';
import type { OrgArea } from '$lib/vocab/areas';
import { newId } from '../auth/tokens';
import { vettedOrgOf } from '../orgs/membership';
import { editableDraft, moveReviewed } from '../roles/reviewed';
import type {
	ServiceAudience,
	ServiceKind,
	ServiceLanguage,
	ServiceMove
} from '$lib/vocab/services';
import type { Result } from '$lib/result';

export type ServiceError = 'not_vetted' | 'no_service' | 'not_draft' | 'not_allowed';
export type ServiceResult<T extends object = object> = Result<T, ServiceError>;

export interface ServiceDetails {
	kind: ServiceKind;
	audience: ServiceAudience;
	area: OrgArea | 'remote';
	nameMy: string;
	nameEn: string;
	descriptionMy: string;
	descriptionEn: string;
	languages: ServiceLanguage[];
	free: boolean;
	hours: string;
	/** Published only when written: the organization chooses. */
	walkIn: string;
	contact: string;
}

export function serviceColumns(input: ServiceDetails) {
	return {
		kind: input.kind,
		audience: input.audience,
		area: input.area,
		name_my: input.nameMy,
		name_en: input.nameEn,
		description_my: input.descriptionMy,
		description_en: input.descriptionEn,
		languages: [...new Set(input.languages)].join(','),
		free: input.free ? 1 : 0,
		hours: input.hours,
		walk_in: input.walkIn,
		contact: input.contact
	};
}

/** A new draft service of the caller's vetted organization. */
export async function createService(
	db: Db,
	userId: string,
	input: ServiceDetails,
	now = Date.now()
): Promise<ServiceResult<{ id: string }>> {
	const orgId = await vettedOrgOf(db, userId);
	if (!orgId) return { ok: false, error: 'not_vetted' };
	const id = newId();
	await db
		.insertInto('service')
		.values({
			id,
			org_id: orgId,
			...serviceColumns(input),
			status: 'draft',
			reviewed_by: null,
			reviewed_at: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return { ok: true, id };
}

/** Replaces a draft's details. Only a draft changes: what the administrator approves is what people see. */
export async function updateService(
	db: Db,
	userId: string,
	serviceId: string,
	input: ServiceDetails,
	now = Date.now()
): Promise<ServiceResult> {
	const editable = await editableDraft(db, 'service', userId, serviceId);
	if (!editable.ok) return editable;
	await db
		.updateTable('service')
		.set({ ...serviceColumns(input), updated_at: now })
		.where('id', '=', serviceId)
		.execute();
	return { ok: true };
}

/**
 * Sends a draft for review, takes it back, or takes a listed service out of the directory
 * (roles/reviewed.ts). A service is listed once approved: it has no "open" step.
 */
export async function moveService(
	db: Db,
	userId: string,
	serviceId: string,
	move: ServiceMove,
	now = Date.now()
): Promise<ServiceResult<{ status: RoleStatus }>> {
	return moveReviewed(db, 'service', userId, serviceId, move, now);
}
