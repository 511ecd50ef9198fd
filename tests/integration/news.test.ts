/** In-app notification badges: news from the other side counts until that side opens the application; organizations kept apart. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import type { Db } from '$lib/server/db';
import {
	applyToRole,
	decideApplication,
	withdrawApplication
} from '$lib/server/applications/lifecycle';
import { postMessage } from '$lib/server/applications/messages';
import { adminWaiting, learnerNews, markSeen, orgNews } from '$lib/server/applications/news';
import { badgeFor } from '$lib/server/news';
import { applyForOrganization } from '$lib/server/orgs/membership';
import { createRole, moveRole } from '$lib/server/roles/editing';
import { reviewRole } from '$lib/server/roles/review';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { freshDb } from '../helpers/db';
import { account, vettedOrgMember } from '../helpers/authors';
import { openRole as openRoleAs, roleInput } from '../helpers/roles';
import { openTraining, trainingInput } from '../helpers/trainings';
import { askForPlace } from '$lib/server/trainings/places';
import { createTraining, moveTraining } from '$lib/server/trainings/editing';
import { reviewTraining } from '$lib/server/trainings/review';
import {
	learnerSawTraining,
	learnerWrites,
	orgSawThread,
	postNotice
} from '$lib/server/trainings/messages';

let db: Db;
let cleanup: () => Promise<void>;
let adminId: string;
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	await loadTaxonomy(db, readTaxonomy());
	const admin = await createAdministrator(db, 'newsadmin');
	if (!admin.ok) throw new Error(admin.error);
	adminId = admin.userId;
});
afterEach(() => cleanup());

const openRole = (memberId: string, title: string) => openRoleAs(db, memberId, adminId, title);

describe('notification badges', () => {
	it('count news from the other side until it is seen, never one side’s own moves', async () => {
		const org = await vettedOrgMember(db, 'newsorg');
		const colleague = await vettedOrgMember(db, 'otherorg');
		const roleId = await openRole(org.userId, 'Clinic volunteer');
		const learner = await account(db, 'newslearner', 'learner');
		const learnerUser = { id: learner.userId, kind: 'learner' as const };
		const orgUser = { id: org.userId, kind: 'org_member' as const };

		const applied = await applyToRole(db, learner.userId, roleId, 'Hello', 1000);
		if (!applied.ok) throw new Error(applied.error);
		// A new application is news for the organization, not for the learner who sent it.
		expect((await badgeFor(db, orgUser)).total).toBe(1);
		expect(await orgNews(db, org.userId)).toEqual([{ id: applied.id, roleId }]);
		expect((await badgeFor(db, learnerUser)).total).toBe(0);
		// Another organization sees nothing of it.
		expect(await orgNews(db, colleague.userId)).toEqual([]);

		await markSeen(db, applied.id, 'organization', 2000);
		expect((await badgeFor(db, orgUser)).total).toBe(0);

		// The organization shortlists and writes: news for the learner.
		await decideApplication(db, org.userId, applied.id, 'shortlist', '', 3000);
		expect(await learnerNews(db, learner.userId)).toEqual([applied.id]);
		await markSeen(db, applied.id, 'learner', 3500);
		expect((await badgeFor(db, learnerUser)).total).toBe(0);
		await postMessage(db, org.userId, applied.id, 'Can you start Monday?', 4000);
		expect((await badgeFor(db, learnerUser)).total).toBe(1);
		expect((await badgeFor(db, orgUser)).total).toBe(0);

		// The learner reads and answers: the answer is news for the organization only.
		await markSeen(db, applied.id, 'learner', 4500);
		await postMessage(db, learner.userId, applied.id, 'Yes', 5000);
		expect((await badgeFor(db, learnerUser)).total).toBe(0);
		expect((await badgeFor(db, orgUser)).total).toBe(1);
		await markSeen(db, applied.id, 'organization', 5500);
		await withdrawApplication(db, learner.userId, applied.id, 6000);
		expect((await badgeFor(db, orgUser)).total).toBe(1);
	});

	it('show administrators what waits for them: organizations to vet and roles to review', async () => {
		const admin = { id: adminId, kind: 'admin' as const };
		expect((await badgeFor(db, admin)).total).toBe(0);
		const founder = await account(db, 'newfounder', 'org_member');
		const applied = await applyForOrganization(db, founder.userId, {
			name: 'Border clinic',
			kind: 'clinic',
			description: 'Care',
			areas: ['mae_sot']
		});
		expect(applied.ok).toBe(true);
		expect(await adminWaiting(db)).toBe(1);
		const org = await vettedOrgMember(db, 'poster');
		const role = await createRole(db, org.userId, roleInput('Driver'));
		if (!role.ok) throw new Error(role.error);
		await moveRole(db, org.userId, role.id, 'submit');
		expect((await badgeFor(db, admin)).total).toBe(2);
		await reviewRole(db, adminId, role.id, 'approve', '');
		expect((await badgeFor(db, admin)).total).toBe(1);
	});

	it('count trainings too: a notice or a reply for the learner, a participant writing for the organization, a training to review', async () => {
		const org = await vettedOrgMember(db, 'trainingnews');
		const trainingId = await openTraining(db, org.userId, adminId, 2);
		const learner = await account(db, 'traininglearner', 'learner');
		const learnerUser = { id: learner.userId, kind: 'learner' as const };
		const orgUser = { id: org.userId, kind: 'org_member' as const };
		const now = Date.now();
		const asked = await askForPlace(db, learner.userId, trainingId, now);
		if (!asked.ok) throw new Error(asked.error);
		expect((await badgeFor(db, learnerUser)).total).toBe(0);

		expect(
			(await learnerWrites(db, learner.userId, trainingId, 'Can I bring my baby?', now + 1)).ok
		).toBe(true);
		expect((await badgeFor(db, orgUser)).total).toBe(1);
		expect((await badgeFor(db, learnerUser)).total).toBe(0);
		const place = await db
			.selectFrom('training_place')
			.select('id')
			.where('user_id', '=', learner.userId)
			.executeTakeFirstOrThrow();
		await orgSawThread(db, place.id, now + 2);
		expect((await badgeFor(db, orgUser)).total).toBe(0);

		expect((await postNotice(db, org.userId, trainingId, 'We start at ten', now + 3)).ok).toBe(
			true
		);
		expect((await badgeFor(db, learnerUser)).total).toBe(1);
		await learnerSawTraining(db, learner.userId, trainingId, now + 4);
		expect((await badgeFor(db, learnerUser)).total).toBe(0);

		const admin = { id: adminId, kind: 'admin' as const };
		const before = (await badgeFor(db, admin)).total;
		const draft = await createTraining(db, org.userId, trainingInput(2));
		if (!draft.ok) throw new Error(draft.error);
		await moveTraining(db, org.userId, draft.id, 'submit');
		expect((await badgeFor(db, admin)).total).toBe(before + 1);
		await reviewTraining(db, adminId, draft.id, 'approve', '');
		expect((await badgeFor(db, admin)).total).toBe(before);
	});
});
