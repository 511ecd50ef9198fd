/**
 * "Everything Lanpya holds about me", driven by docs/data-register.md: every column the register
 * marks personal that ties a row to a person (a foreign key to the account, or to a row of theirs)
 * must be in the export with all of that person's rows, and nothing of anyone else. A new table
 * naming a person that the export leaves out fails here, by name.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAccount, type AccountExport } from '$lib/server/accounts/export';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import {
	parseRegister,
	personalLinks,
	personalRows,
	REGISTER_FILE,
	type PersonalLink
} from '../helpers/data-register';
import { makeWorld, type Person, type World } from '../helpers/people';

let db: Db;
let cleanup: () => Promise<void>;
let world: World;
let links: PersonalLink[];
beforeEach(async () => {
	({ db, cleanup } = await freshDb());
	world = await makeWorld(db);
	links = await personalLinks(db, parseRegister(fs.readFileSync(REGISTER_FILE, 'utf8')).personal);
});
afterEach(() => cleanup());

/** Where the export holds the rows of each link, as a count of them. */
const exported: Record<string, (e: AccountExport) => number> = {
	'session.user_id': (e) => e.sessions.length,
	'recovery_code.user_id': (e) => e.recovery_codes.unused + e.recovery_codes.used,
	'trusted_device.user_id': (e) => e.trusted_browsers.length,
	'learner_profile.user_id': (e) => (e.profile ? 1 : 0),
	'user_skill.user_id': (e) => e.skills.length,
	'enrolment.user_id': (e) => e.enrolments.length,
	'lesson_progress.user_id': (e) => e.lessons_done.length,
	'quiz_attempt.user_id': (e) => e.quiz_attempts.length,
	'certificate.user_id': (e) => e.certificates.length,
	'sync_event.user_id': (e) => e.sync_events.length,
	'application.user_id': (e) => e.applications.length,
	'application_event.application_id': (e) => e.applications.flatMap((a) => a.history).length,
	'application_message.application_id': (e) => e.applications.flatMap((a) => a.messages).length,
	'org_member.user_id': (e) => (e.organization ? 1 : 0),
	'organization.created_by': (e) => e.organizations_applied_for.length,
	'org_invitation.created_by': (e) => e.invitations_made.length,
	'org_invitation.used_by': (e) => (e.invitation_used ? 1 : 0),
	'role.created_by': (e) => e.roles_written.length,
	'role.reviewed_by': (e) => e.roles_reviewed.length,
	'training.created_by': (e) => e.trainings_written.length,
	'training.reviewed_by': (e) => e.trainings_reviewed.length,
	'service.reviewed_by': (e) => e.services_reviewed.length,
	'help_request.user_id': (e) => e.help_requests.length,
	'help_message.request_id': (e) => e.help_requests.flatMap((r) => r.messages).length,
	'help_referral.request_id': (e) => e.help_requests.flatMap((r) => r.referrals).length,
	'help_referral_message.referral_id': (e) =>
		e.help_requests.flatMap((r) => r.referrals.flatMap((f) => f.words)).length,
	'training_place.user_id': (e) => e.training_places.length,
	'training_attendance.user_id': (e) => e.training_places.flatMap((p) => p.attendance).length,
	'training_attendance.marked_by': (e) => e.attendance_marked.length,
	'training_certificate.user_id': (e) => e.training_places.flatMap((p) => p.certificate).length,
	'training_message.user_id': (e) => e.training_places.flatMap((p) => p.messages).length,
	'org_decision.decided_by': (e) => e.vetting_decisions.length,
	'course_review.marked_by': (e) => e.course_reviews.length
};

const everyone = (w: World): Person[] => [
	w.learnerA,
	w.learnerB,
	w.owner,
	w.member,
	w.vetter,
	w.reviewer
];

describe('the export', () => {
	it('covers every column the data register marks personal that ties a row to a person', () => {
		expect(links.length).toBeGreaterThan(15);
		expect(links.map((l) => `${l.table}.${l.column}`).sort()).toEqual(Object.keys(exported).sort());
		// A role is not its applicants' (role.id is not personal), so applications do not tie to its writer.
		expect(links).not.toContainEqual(
			expect.objectContaining({ table: 'application', column: 'role_id' })
		);
	});

	it("holds all of each person's rows, for learners, organization members and administrators", async () => {
		const exercised = new Set<string>();
		for (const person of everyone(world)) {
			const data = await exportAccount(db, person.userId, 'no-such-session');
			expect(data.account.username).toBe(person.username);
			const rows = await personalRows(db, links, person.userId);
			for (const [link, count] of Object.entries(exported)) {
				expect({ person: person.username, link, count: count(data) }).toEqual({
					person: person.username,
					link,
					count: rows.get(link)!.length
				});
				if (rows.get(link)!.length > 0) exercised.add(link);
			}
		}
		// The world gives every link rows, so each count above was checked against real rows.
		expect([...exercised].sort()).toEqual(Object.keys(exported).sort());
	});

	it('shows what the learner did in readable form: titles, organization names, history and messages', async () => {
		const data = await exportAccount(db, world.learnerA.userId, 'no-such-session');
		expect(data.account).toMatchObject({
			username: 'aung-learner',
			kind: 'learner',
			background: 'family',
			locale: 'my'
		});
		expect(data.profile).toMatchObject({
			area: 'mae_sot',
			visibility: 'vetted',
			remote_ok: true,
			availability: ['volunteer'],
			interests: ['health']
		});
		expect(data.skills.map((s) => s.source).sort()).toEqual(
			expect.arrayContaining(['course', 'endorsement', 'self'])
		);
		expect(data.skills.find((s) => s.source === 'endorsement')?.organization).toBe(
			'hana-owner org'
		);
		expect(data.certificates[0].course.en).toBeTruthy();
		const accepted = data.applications.find((a) => a.status === 'accepted')!;
		expect(accepted).toMatchObject({
			organization: 'hana-owner org',
			role: { en: 'Clinic volunteer' },
			message: 'I was a medic for six years'
		});
		expect(accepted.history.map((h) => [h.status, h.by])).toEqual([
			['applied', 'learner'],
			['shortlisted', 'organization'],
			['accepted', 'organization']
		]);
		expect(accepted.messages.map((m) => m.by)).toEqual(['learner', 'organization']);
		expect(data.recovery_codes).toEqual({ unused: 10, used: 0 });
		expect(data.sessions.map((s) => s.browser).sort()).toEqual(['Firefox · Linux', 'x']);
	});

	it("never gives another person's data, internal ids or secrets' hashes", async () => {
		const text = JSON.stringify(await exportAccount(db, world.learnerA.userId, 'no-such-session'));
		for (const other of [world.learnerB, world.owner, world.member, world.vetter, world.reviewer]) {
			expect(text).not.toContain(`"${other.username}"`);
			expect(text).not.toContain(other.userId);
		}
		for (const words of world.textsOfB) expect(text).not.toContain(words);
		expect(text).not.toContain(world.learnerA.userId);
		const secrets = [
			...(await db.selectFrom('recovery_code').select('code_hash as value').execute()),
			...(await db.selectFrom('session').select('id as value').execute()),
			...(await db.selectFrom('user').select('password_hash as value').execute())
		];
		for (const { value } of secrets) expect(text).not.toContain(value);
		const ofB = await db
			.selectFrom('certificate')
			.select('code')
			.where('user_id', '=', world.learnerB.userId)
			.executeTakeFirstOrThrow();
		expect(text).not.toContain(ofB.code);

		// An organization member's export names their organization, never its other members.
		const owner = JSON.stringify(await exportAccount(db, world.owner.userId, 'no-such-session'));
		expect(owner).not.toContain(`"${world.member.username}"`);
		expect(owner).not.toContain(world.learnerA.username);
	});
});
