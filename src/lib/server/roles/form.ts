/** A role's stored details as the editor's form values (the names roleDetailsSchema reads). */
import type { RoleDetails } from './editing';

export function roleFormValues(role: RoleDetails): Record<string, string> {
	return {
		kind: role.kind,
		title_my: role.title.my,
		title_en: role.title.en,
		description_my: role.description.my,
		description_en: role.description.en,
		safety_my: role.safety.my,
		safety_en: role.safety.en,
		area: role.area ?? '',
		remote: role.remote ? 'on' : '',
		availability: role.availability,
		pay: role.pay,
		seats: String(role.seats),
		starts_on: role.startsOn ?? '',
		closes_on: role.closesOn ?? ''
	};
}
