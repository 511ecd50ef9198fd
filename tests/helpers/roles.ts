import type { RoleInput } from '$lib/server/roles/editing';

/** A volunteer role in Mae Sot needing `skills`, with `more` changed. */
export function roleInput(title: string, skills: RoleInput['skills'] = [], more: Partial<RoleInput> = {}): RoleInput {
	return {
		kind: 'medical_volunteer',
		title: { my: '', en: title },
		description: { my: '', en: 'Help' },
		safety: { my: '', en: '' },
		area: 'mae_sot',
		remote: false,
		availability: 'volunteer',
		pay: '',
		seats: 2,
		startsOn: null,
		closesOn: null,
		skills,
		...more
	};
}
