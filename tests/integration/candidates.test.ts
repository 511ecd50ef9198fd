/** Candidates for a role: only learners who chose to be visible, ranked and explained, under a pseudonym per organization. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { pseudonym, rankCandidates } from '$lib/server/roles/candidates';
import { createRole } from '$lib/server/roles/editing';
import { declareSkills, saveProfileDetails } from '$lib/server/skills/profile';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import type { Visibility } from '$lib/server/schema';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { roleInput } from '../helpers/roles';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, readTaxonomy());
});
afterEach(() => cleanup());

async function learner(name: string, visibility: Visibility, skills: { id: string; level: number }[]) {
	const made = await account(db, name, 'learner');
	await declareSkills(db, made.userId, skills);
	await saveProfileDetails(db, made.userId, { area: 'mae_sot', visibility, remote: false, availability: ['volunteer'], interests: [] });
	return made.userId;
}

describe('candidates for a role', () => {
	it('ranks only learners visible to vetted organizations, explains each, and never shows a hidden learner or a name', async () => {
		const org = await vettedOrgMember(db, 'hiring');
		const role = await createRole(db, org.userId, roleInput('Clinic volunteer', [
			{ id: 'first_aid', level: 2, required: true },
			{ id: 'thai', level: 1, required: true }
		]));
		if (!role.ok) throw new Error(role.error);
		const full = await learner('fullmatch', 'vetted', [{ id: 'first_aid', level: 3 }, { id: 'thai', level: 1 }]);
		const half = await learner('halfmatch', 'vetted', [{ id: 'first_aid', level: 2 }]);
		await learner('hiddenmedic', 'hidden', [{ id: 'first_aid', level: 3 }, { id: 'thai', level: 2 }]);
		await learner('appliedonly', 'applied', [{ id: 'first_aid', level: 3 }, { id: 'thai', level: 2 }]);

		const result = await rankCandidates(db, org.userId, role.id, 'en');
		if (!result.ok) throw new Error(result.error);
		const orgId = (await db.selectFrom('org_member').select('org_id').where('user_id', '=', org.userId).executeTakeFirstOrThrow()).org_id;
		expect(result.candidates.map((c) => [c.pseudonym, c.match.eligible])).toEqual([
			[pseudonym(orgId, full), true],
			[pseudonym(orgId, half), false]
		]);
		expect(result.candidates[1].missing).toEqual([{ name: 'Thai', level: 1, has: 0 }]);
		expect(result.candidates[0].skills).toContainEqual({ name: 'First aid', group: 'Health and first aid', level: 3, sources: ['self'] });
		// No account name anywhere in what the organization gets.
		expect(JSON.stringify(result)).not.toMatch(/fullmatch|halfmatch|hiddenmedic|appliedonly/);

		// Another organization sees another pseudonym for the same person, and none of this role.
		const other = await vettedOrgMember(db, 'elsewhere');
		expect(await rankCandidates(db, other.userId, role.id, 'en')).toEqual({ ok: false, error: 'no_role' });
		const otherOrg = (await db.selectFrom('org_member').select('org_id').where('user_id', '=', other.userId).executeTakeFirstOrThrow()).org_id;
		expect(pseudonym(otherOrg, full)).not.toBe(pseudonym(orgId, full));

		// Hiding takes effect at once.
		await saveProfileDetails(db, full, { area: 'mae_sot', visibility: 'hidden', remote: false, availability: ['volunteer'], interests: [] });
		const again = await rankCandidates(db, org.userId, role.id, 'en');
		expect(again.ok && again.candidates.map((c) => c.pseudonym)).toEqual([pseudonym(orgId, half)]);
		// A learner account is no organization member.
		const someone = await account(db, 'curious', 'learner');
		expect(await rankCandidates(db, someone.userId, role.id, 'en')).toEqual({ ok: false, error: 'not_vetted' });
	});
});
