/**
 * Nothing typed ever reaches the audit trail or the server's logs. Marker strings are planted in
 * everything people type (usernames, passwords, an organization's name and description, a
 * role's texts, notes on decisions, an application's message, the thread), the whole path runs
 * through the domain functions, and then every column of every audit row, and everything written
 * to the console meanwhile, is searched for them. A profile has no typed field (every field is a
 * fixed choice), so its area and skills are searched for instead: the trail keeps neither.
 *
 * What the app logs: `console.error` in hooks.server.ts (handleError: the route id and the
 * error, for unexpected errors only) and scripts/start.ts (start-up lines: migrations, address);
 * the domain functions log nothing. The spy below would catch any that started to.
 */
import { format } from 'node:util';
import { sql } from 'kysely';
import { expect, it, vi } from 'vitest';
import { createAdministrator, signIn, signUp } from '$lib/server/accounts/sign-in';
import {
	applyToRole,
	decideApplication,
	withdrawApplication
} from '$lib/server/applications/lifecycle';
import { getOrgApplication, listRoleApplications } from '$lib/server/applications/organization';
import { postMessage, readThread } from '$lib/server/applications/messages';
import { forgetInAudit, viewsOfLearner } from '$lib/server/audit/trail';
import type { Db } from '$lib/server/db';
import { applyForOrganization } from '$lib/server/orgs/membership';
import { decideOrganization } from '$lib/server/orgs/vetting';
import { rankCandidates } from '$lib/server/matching/candidates';
import { createRole, moveRole } from '$lib/server/roles/editing';
import { reviewRole } from '$lib/server/roles/review';
import { declareSkills, saveProfileDetails } from '$lib/server/skills/profile';
import { eachTestDb } from '../helpers/db';
import { roleInput } from '../helpers/roles';

let db: Db;
eachTestDb((made) => (db = made), { taxonomy: true });

const marker = (what: string) => `zq${what}MARK`;
const M = {
	learner: marker('learnername'),
	learnerPassword: marker('learner pass phrase'),
	quiet: marker('quietname'),
	member: marker('membername'),
	memberPassword: marker('member pass phrase'),
	admin: marker('adminname'),
	ghost: marker('ghostname'),
	wrongPassword: marker('wrong pass phrase'),
	orgName: marker('orgname'),
	orgDescription: marker('orgdescription'),
	vetNote: marker('vetnote'),
	roleTitle: marker('roletitle'),
	roleDescription: marker('roledescription'),
	roleSafety: marker('rolesafety'),
	rolePay: marker('rolepay'),
	returnNote: marker('returnnote'),
	approveNote: marker('approvenote'),
	applicationMessage: marker('applicationmessage'),
	quietMessage: marker('quietmessage'),
	orgMessage: marker('orgmessage'),
	learnerMessage: marker('learnermessage'),
	shortlistNote: marker('shortlistnote'),
	acceptNote: marker('acceptnote')
};
// What a profile holds, which the trail never keeps either.
const PROFILE = [
	'mae_sot',
	'volunteer',
	'first_aid',
	'First aid',
	'thai',
	'Thai',
	'health',
	'languages'
];

it('never puts a typed word, a username, an area or a skill in an audit row or in the logs', async () => {
	const logged: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
		vi
			.spyOn(console, method)
			.mockImplementation((...args: unknown[]) => void logged.push(format(...args)))
	);
	try {
		console.info('the spy listens');
		expect(logged).toEqual(['the spy listens']);

		// Accounts.
		const signUpAs = async (username: string, password: string, kind: 'learner' | 'org_member') => {
			const made = await signUp(
				db,
				{ username, password, kind, background: null, locale: 'en' },
				'x'
			);
			if (!made.ok) throw new Error(made.error);
			return made.userId;
		};
		const learner = await signUpAs(M.learner, M.learnerPassword, 'learner');
		const quiet = await signUpAs(M.quiet, M.learnerPassword, 'learner');
		const member = await signUpAs(M.member, M.memberPassword, 'org_member');
		const admin = await createAdministrator(db, M.admin);
		if (!admin.ok) throw new Error(admin.error);

		// Sign-ins: right, wrong, and a name nobody has.
		expect((await signIn(db, { username: M.learner, password: M.learnerPassword }, 'x')).ok).toBe(
			true
		);
		expect((await signIn(db, { username: M.member, password: M.memberPassword }, 'x')).ok).toBe(
			true
		);
		expect((await signIn(db, { username: M.admin, password: admin.password }, 'x')).ok).toBe(true);
		expect((await signIn(db, { username: M.learner, password: M.wrongPassword }, 'x')).ok).toBe(
			false
		);
		expect((await signIn(db, { username: M.ghost, password: M.wrongPassword }, 'x')).ok).toBe(
			false
		);

		// Vetting and a role, with notes.
		const applied = await applyForOrganization(db, member, {
			name: M.orgName,
			kind: 'clinic',
			description: M.orgDescription,
			areas: ['mae_sot']
		});
		if (!applied.ok) throw new Error(applied.error);
		expect(
			await decideOrganization(db, admin.userId, applied.orgId, 'vet', M.vetNote)
		).toMatchObject({ ok: true });
		const role = await createRole(db, member, {
			...roleInput('', [
				{ id: 'first_aid', level: 1, required: true },
				{ id: 'thai', level: 1, required: false }
			]),
			title: { my: '', en: M.roleTitle },
			description: { my: '', en: M.roleDescription },
			safety: { my: '', en: M.roleSafety },
			pay: M.rolePay
		});
		if (!role.ok) throw new Error(role.error);
		await moveRole(db, member, role.id, 'submit');
		expect(await reviewRole(db, admin.userId, role.id, 'return', M.returnNote)).toEqual({
			ok: true
		});
		await moveRole(db, member, role.id, 'submit');
		expect(await reviewRole(db, admin.userId, role.id, 'approve', M.approveNote)).toEqual({
			ok: true
		});
		await moveRole(db, member, role.id, 'open');

		// Profiles (fixed choices only), candidates, applications, the thread, decisions.
		for (const [id, visibility] of [
			[learner, 'vetted'],
			[quiet, 'hidden']
		] as const) {
			await declareSkills(db, id, [
				{ id: 'first_aid', level: 2 },
				{ id: 'thai', level: 1 }
			]);
			await saveProfileDetails(db, id, {
				area: 'mae_sot',
				visibility,
				remote: true,
				availability: ['volunteer'],
				interests: ['health', 'languages']
			});
		}
		expect(await rankCandidates(db, member, role.id, 'en')).toMatchObject({ ok: true });
		const application = await applyToRole(db, learner, role.id, M.applicationMessage);
		const quietApplication = await applyToRole(db, quiet, role.id, M.quietMessage);
		if (!application.ok || !quietApplication.ok) throw new Error('apply');
		expect(await postMessage(db, member, application.id, M.orgMessage)).toEqual({ ok: true });
		expect(await postMessage(db, learner, application.id, M.learnerMessage)).toEqual({ ok: true });
		await listRoleApplications(db, member, role.id);
		expect((await getOrgApplication(db, member, application.id, 'en'))?.profile.shown).toBe(true);
		expect((await getOrgApplication(db, member, quietApplication.id, 'en'))?.profile.shown).toBe(
			false
		);
		expect(await readThread(db, member, application.id)).toHaveLength(2);
		await readThread(db, learner, application.id);
		expect(
			await decideApplication(db, member, application.id, 'shortlist', M.shortlistNote)
		).toEqual({ ok: true });
		expect(await decideApplication(db, member, application.id, 'accept', M.acceptNote)).toEqual({
			ok: true
		});
		await withdrawApplication(db, quiet, quietApplication.id);

		// What the learner is shown names the organization (public), never a member or an administrator.
		const views = JSON.stringify(await viewsOfLearner(db, learner));
		expect(views).toContain(M.orgName);
		for (const name of [M.member, M.admin, member, admin.userId]) expect(views).not.toContain(name);
		await forgetInAudit(db, quiet);

		// Every column of every row, read without naming any, so a column added later is searched too.
		const { rows } = await sql<Record<string, unknown>>`select * from audit_event`.execute(db);
		// Every kind of entry the path makes is among them.
		expect([...new Set(rows.map((r) => r.action))].sort()).toEqual(
			[
				'application_accept',
				'application_shortlist',
				'application_view',
				'application_withdraw',
				'messages_view',
				'org_vet',
				'profile_view',
				'role_approve',
				'role_return',
				'sign_in',
				'sign_in_failed',
				'sign_up'
			].sort()
		);
		const columns = (await db.introspection.getTables())
			.find((t) => t.name === 'audit_event')!
			.columns.map((c) => c.name);
		expect(columns.sort()).toEqual(['action', 'actor_id', 'actor_org_id', 'at', 'object_id']);
		const cells = rows.flatMap((row) => Object.values(row).map((value) => String(value ?? '')));
		for (const text of Object.values(M)) {
			expect(
				cells.filter((cell) => cell.toLowerCase().includes(text.toLowerCase())),
				text
			).toEqual([]);
		}
		// As a word: a random id may hold "thai" by chance, a leak would not be hidden inside one.
		for (const text of PROFILE) {
			const word = new RegExp(`(^|[^a-z0-9])${text}([^a-z0-9]|$)`, 'i');
			expect(
				cells.filter((cell) => word.test(cell)),
				text
			).toEqual([]);
		}
		// The markers themselves are all different from what the trail holds ("MARK" is in none of it).
		expect(cells.filter((cell) => cell.includes('MARK'))).toEqual([]);

		// And nothing of it was logged.
		const output = logged.slice(1).join('\n');
		for (const text of Object.values(M)) expect(output, text).not.toContain(text);
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
});
