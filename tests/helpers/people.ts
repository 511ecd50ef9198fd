/**
 * A small world in which every table that names a person has rows: two learners who learned,
 * declared skills, applied and wrote to an organization; that organization's owner and a member
 * who joined by invitation; the administrators who vetted it and reviewed its roles and its
 * training, in which one learner holds the place and the other waits; A wrote to its organization,
 * attended both days and completed it.
 */
import path from 'node:path';
import { createAdministrator, signIn, signUp } from '$lib/server/accounts/sign-in';
import { setBackground } from '$lib/server/accounts/settings';
import { applyToRole, decideApplication, endorseSkill } from '$lib/server/applications/lifecycle';
import { postMessage } from '$lib/server/applications/messages';
import { loadCourseBundle } from '$lib/server/courses/catalogue';
import { markCourseReview } from '$lib/server/courses/review';
import { readCourseFolder } from '$lib/server/courses/content-files';
import type { Db } from '$lib/server/db';
import { columnNames, rowsHolding, tableNames } from './engine';
import { createInvitation, joinWithInvitation } from '$lib/server/orgs/membership';
import { declareSkills, saveProfileDetails } from '$lib/server/skills/profile';
import { loadTaxonomy, readTaxonomy } from '$lib/server/skills/taxonomy';
import { account, vettedOrgMember } from './authors';
import { completeBySync } from './courses';
import { openRole } from './roles';
import { openTraining } from './trainings';
import { askForPlace } from '$lib/server/trainings/places';
import { attendanceSheet, markAttendance } from '$lib/server/trainings/attendance';
import { completeTraining } from '$lib/server/trainings/completion';
import { learnerWrites, orgWrites, postNotice } from '$lib/server/trainings/messages';
import { listedService } from './services';
import {
	askForHelp,
	learnerRequest,
	learnerWritesHelp,
	orgWritesHelp
} from '$lib/server/services/requests';
import { decideReferral, proposeReferral } from '$lib/server/services/referrals';

/** The password of every account made by `account` (./authors.ts). */
export const PASSWORD = 'authors write well';

/** A learner signing up with a name and nothing else: a write that reads first (is the name free?). */
export const signUpLearner = (db: Db, username: string) =>
	signUp(
		db,
		{
			username,
			password: 'a long enough password',
			kind: 'learner',
			background: null,
			locale: 'en'
		},
		'x'
	);

export interface Person {
	userId: string;
	username: string;
}

export interface World {
	learnerA: Person;
	learnerB: Person;
	owner: Person;
	member: Person;
	/** Vetted the organization. */
	vetter: Person;
	/** Reviewed its roles. */
	reviewer: Person;
	roles: { clinic: string; teaching: string };
	/** The organization's listed counselling service. */
	services: { counselling: string; legal: string };
	/** A's applications: accepted (with an endorsement) and still undecided. */
	applications: { accepted: string; undecided: string; ofB: string };
	/** Texts only A wrote or was written, and texts of B. */
	textsOfA: string[];
	textsOfB: string[];
}

async function learner(db: Db, username: string, syncPrefix: string): Promise<Person> {
	const { userId } = await account(db, username, 'learner');
	await setBackground(db, userId, 'family');
	await declareSkills(db, userId, [{ id: 'thai', level: 2 }]);
	await saveProfileDetails(db, userId, {
		area: 'mae_sot',
		visibility: 'vetted',
		remote: true,
		availability: ['volunteer'],
		interests: ['health']
	});
	await completeBySync(
		db,
		userId,
		readCourseFolder(path.resolve('content/courses/first-aid-basics')),
		syncPrefix
	);
	return { userId, username };
}

function ok<T extends { ok: boolean }>(result: T): T & { ok: true } {
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result as T & { ok: true };
}

export async function makeWorld(db: Db): Promise<World> {
	await loadTaxonomy(db, readTaxonomy());
	await loadCourseBundle(db, readCourseFolder(path.resolve('content/courses/first-aid-basics')));
	const owner = {
		userId: (await vettedOrgMember(db, 'hana-owner')).userId,
		username: 'hana-owner'
	};
	const vetterRow = await db
		.selectFrom('user')
		.select('id')
		.where('username', '=', 'hana-owner-vetter')
		.executeTakeFirstOrThrow();
	const reviewer = {
		userId: ok(await createAdministrator(db, 'mya-reviewer')).userId,
		username: 'mya-reviewer'
	};
	const invitation = ok(await createInvitation(db, owner.userId));
	const member = {
		userId: (await account(db, 'kyaw-member', 'org_member')).userId,
		username: 'kyaw-member'
	};
	ok(await joinWithInvitation(db, member.userId, invitation.code));
	const clinic = await openRole(db, owner.userId, reviewer.userId, 'Clinic volunteer', [
		{ id: 'first_aid', level: 2, required: true }
	]);
	const teaching = await openRole(db, owner.userId, reviewer.userId, 'Teacher');
	// The reviewer also marks a course's text as read by a native Burmese reader.
	ok(
		await markCourseReview(
			db,
			reviewer.userId,
			'first-aid-basics',
			'language',
			(
				await db
					.selectFrom('course')
					.select('version')
					.where('id', '=', 'first-aid-basics')
					.executeTakeFirstOrThrow()
			).version,
			'a teacher at a partner school'
		)
	);

	const learnerA = await learner(db, 'aung-learner', 'a');
	ok(await signIn(db, { username: learnerA.username, password: PASSWORD }, 'Firefox · Linux'));
	const accepted = ok(
		await applyToRole(db, learnerA.userId, clinic, 'I was a medic for six years')
	).id;
	ok(
		await decideApplication(db, owner.userId, accepted, 'shortlist', 'Come on Monday to the clinic')
	);
	ok(await postMessage(db, learnerA.userId, accepted, 'Which clinic, the one near the market?'));
	ok(await postMessage(db, owner.userId, accepted, 'Yes, ask for Daw Khin'));
	ok(await decideApplication(db, owner.userId, accepted, 'accept', 'Welcome to the team'));
	ok(await endorseSkill(db, owner.userId, accepted, 'first_aid', 2));
	const undecided = ok(await applyToRole(db, learnerA.userId, teaching, 'I can teach reading')).id;

	const learnerB = await learner(db, 'bo-learner', 'b');
	const ofB = ok(await applyToRole(db, learnerB.userId, clinic, 'B wants to help too')).id;
	ok(await postMessage(db, learnerB.userId, ofB, 'A question from B'));
	ok(await postMessage(db, owner.userId, ofB, 'An answer for B'));

	// A sewing training with one place: A holds it, B waits.
	const sewing = await openTraining(db, owner.userId, reviewer.userId, 1);
	ok(await askForPlace(db, learnerA.userId, sewing));
	ok(await askForPlace(db, learnerB.userId, sewing));
	ok(await learnerWrites(db, learnerA.userId, sewing, 'Can I bring my baby?'));
	const placeOfA = (await attendanceSheet(db, owner.userId, sewing))!.participants[0].placeId;
	ok(await orgWrites(db, owner.userId, sewing, placeOfA, 'Yes, there is childcare'));
	ok(await postNotice(db, owner.userId, sewing, 'The second day starts at ten'));
	// Its two days (2099-01-05 and 06) have passed by then: A attended both and completed it.
	const afterIt = Date.UTC(2099, 0, 6, 12);
	const sheet = (await attendanceSheet(db, owner.userId, sewing, afterIt))!;
	for (const session of sheet.sessions)
		ok(
			await markAttendance(
				db,
				owner.userId,
				sewing,
				session.id,
				[{ placeId: placeOfA, mark: 'present' }],
				afterIt
			)
		);
	ok(await completeTraining(db, owner.userId, sewing, 75, afterIt));

	// A counselling service the organization lists, approved by the reviewer. A asks it for
	// help, is answered, and agrees to be passed on to its legal aid with one of her messages.
	const counselling = await listedService(db, owner.userId, reviewer.userId);
	const legal = await listedService(db, owner.userId, reviewer.userId, {
		kind: 'legal',
		nameEn: 'Papers'
	});
	const asked = ok(
		await askForHelp(db, learnerA.userId, counselling, {
			kind: 'counselling',
			urgency: 'this_week',
			message: 'I cannot sleep since I left'
		})
	).id;
	ok(await learnerWritesHelp(db, learnerA.userId, asked, 'And I have no papers'));
	ok(await orgWritesHelp(db, owner.userId, asked, 'We can talk on Tuesday'));
	const papers = (await learnerRequest(db, learnerA.userId, asked))!.messages.find(
		(m) => m.body === 'And I have no papers'
	)!.id;
	const referral = ok(await proposeReferral(db, owner.userId, asked, legal, [papers])).id;
	ok(await decideReferral(db, learnerA.userId, referral, true));

	return {
		learnerA,
		learnerB,
		owner,
		member,
		vetter: { userId: vetterRow.id, username: 'hana-owner-vetter' },
		reviewer,
		roles: { clinic, teaching },
		services: { counselling, legal },
		applications: { accepted, undecided, ofB },
		textsOfA: [
			'I was a medic for six years',
			'Come on Monday to the clinic',
			'Which clinic, the one near the market?',
			'Yes, ask for Daw Khin',
			'Welcome to the team',
			'I can teach reading',
			'Can I bring my baby?',
			'Yes, there is childcare',
			'I cannot sleep since I left',
			'And I have no papers',
			'We can talk on Tuesday'
		],
		textsOfB: ['B wants to help too', 'A question from B', 'An answer for B']
	};
}

/** Each `table.column` holding `needle` in some row: every table, SQLite's shadow tables too. */
export async function findEverywhere(db: Db, needle: string): Promise<string[]> {
	const found: string[] = [];
	for (const name of await tableNames(db, { shadows: true })) {
		for (const column of await columnNames(db, name))
			if ((await rowsHolding(db, name, column, needle)) > 0) found.push(`${name}.${column}`);
	}
	return found;
}
