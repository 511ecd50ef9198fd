/**
 * The access matrix, object by object: every route that names a person's data or an
 * organization's is called by eight actors (nobody, learner A, learner B, a member of a pending
 * organization, of vetted organization X, of vetted organization Y, of a suspended organization,
 * and an administrator). Pages must open for exactly those in `sees` (404, 403 or 409 for everyone
 * else); every form action is sent a valid form by everyone who must not use it, and must be
 * refused with nothing written. Generated from one table (OBJECTS): a route with a
 * parameter that is in neither OBJECTS nor ELSEWHERE fails the first test.
 * (Which kind of account may open which route at all is walked in access.test.ts.)
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decide, routeRules } from '$lib/server/access';
import { ROLE_STATUSES, type RoleStatus } from '$lib/server/schema';
import { hasCandidates } from '$lib/server/matching/candidates';
import { adminClient, Client, uniqueName } from './support';
import { routeCalls } from './routes';
import { serviceDetails, trainingDetails } from './form-samples';

type Actor =
	| 'anonymous'
	| 'learnerA'
	| 'learnerB'
	| 'memberPending'
	| 'memberX'
	| 'memberY'
	| 'memberSuspended'
	| 'admin';
const ACTORS: Actor[] = [
	'anonymous',
	'learnerA',
	'learnerB',
	'memberPending',
	'memberX',
	'memberY',
	'memberSuspended',
	'admin'
];
const KIND = {
	anonymous: null,
	learnerA: 'learner',
	learnerB: 'learner',
	memberPending: 'org_member',
	memberX: 'org_member',
	memberY: 'org_member',
	memberSuspended: 'org_member',
	admin: 'admin'
} as const;

/** What the world holds, made in beforeAll. */
interface World {
	orgX: string;
	/** X's open role, which learner A applied to. */
	roleX: string;
	/** A role of X in each status a role can have (the open one is roleX). */
	rolesX: Record<RoleStatus, string>;
	/** Y's draft role. */
	draftY: string;
	/** The open role of the organization suspended after posting it. */
	roleSuspended: string;
	/** A training of X in each status (as rolesX), Y's draft training, the suspended organization's open training. */
	trainingsX: Record<RoleStatus, string>;
	trainingDraftY: string;
	trainingSuspended: string;
	/** Learner A's application to roleX, with a message thread. */
	applicationA: string;
	/** X's course, asking to be published for the first time (no administrator approved it yet). */
	courseSubmitted: string;
	/** A second member of X (joined with an invitation), and an invitation of X nobody used. */
	memberOfX: string;
	invitationX: string;
	/** X's open training (trainingsX.open), in which learner A holds a place; its first session; A's place. */
	trainingX: string;
	sessionX: string;
	placeA: string;
	/** X's services: a draft, one under review, one listed, one taken out; Y's draft; the suspended organization's listed one. */
	servicesX: Record<ServiceState, string>;
	serviceDraftY: string;
	serviceSuspended: string;
	/** Learner A's request to X's listed service, and X's proposal to refer it to Y's listed service. */
	helpA: string;
	referralA: string;
}

/** The states a service goes through (a listed one is approved; no "open"). */
type ServiceState = 'draft' | 'submitted' | 'approved' | 'closed';
const SERVICE_STATES: ServiceState[] = ['draft', 'submitted', 'approved', 'closed'];

/**
 * Each route naming an object, with the objects to try, who may see each (GET 200; everyone
 * else the access table lets in gets 404 or 403), and who may act on it (its form actions; by
 * default those who see it).
 */
const OBJECTS: Record<
	string,
	{ params: (w: World) => Record<string, string>; sees: Actor[]; acts?: Actor[] }[]
> = {
	'/learn/applications/[application=id]': [
		{ params: (w) => ({ application: w.applicationA }), sees: ['learnerA'] }
	],
	'/org/applications/[application=id]': [
		{ params: (w) => ({ application: w.applicationA }), sees: ['memberX'] }
	],
	// Learners see an open training of a vetted organization, and act on their own place in it
	// (the domain checks whose place); a draft, or an organization's suspended, is no one's.
	'/learn/trainings/[training=id]': [
		{ params: (w) => ({ training: w.trainingX }), sees: ['learnerA', 'learnerB'] },
		{ params: (w) => ({ training: w.trainingsX.draft }), sees: [] },
		{ params: (w) => ({ training: w.trainingSuspended }), sees: [] }
	],
	// A training's cohort: its organization's alone; a learner's thread is hers alone.
	'/org/trainings/[training=id]/attendance': [
		{ params: (w) => ({ training: w.trainingX }), sees: ['memberX'] },
		{ params: (w) => ({ training: w.trainingDraftY }), sees: ['memberY'] },
		{ params: (w) => ({ training: w.trainingSuspended }), sees: [] }
	],
	'/org/trainings/[training=id]/attendance/[session=id]': [
		{ params: (w) => ({ training: w.trainingX, session: w.sessionX }), sees: ['memberX'] }
	],
	'/org/trainings/[training=id]/completion': [
		{ params: (w) => ({ training: w.trainingX }), sees: ['memberX'] },
		{ params: (w) => ({ training: w.trainingSuspended }), sees: [] }
	],
	'/org/trainings/[training=id]/messages': [
		{ params: (w) => ({ training: w.trainingX }), sees: ['memberX'] },
		{ params: (w) => ({ training: w.trainingSuspended }), sees: [] }
	],
	'/org/trainings/[training=id]/messages/[place=id]': [
		{ params: (w) => ({ training: w.trainingX, place: w.placeA }), sees: ['memberX'] }
	],
	'/learn/trainings/[training=id]/messages': [
		{ params: (w) => ({ training: w.trainingX }), sees: ['learnerA'] }
	],
	'/learn/opportunities/[role=id]': [
		{ params: (w) => ({ role: w.roleX }), sees: ['learnerA', 'learnerB'] },
		// Learners see a role only while it is open.
		...ROLE_STATUSES.map((status) => ({
			params: (w: World) => ({ role: w.rolesX[status] }),
			sees: (status === 'open' ? ['learnerA', 'learnerB'] : []) as Actor[]
		})),
		{ params: (w) => ({ role: w.draftY }), sees: [] },
		{ params: (w) => ({ role: w.roleSuspended }), sees: [] }
	],
	'/org/roles/[role=id]': [
		{ params: (w) => ({ role: w.roleX }), sees: ['memberX'] },
		...ROLE_STATUSES.map((status) => ({
			params: (w: World) => ({ role: w.rolesX[status] }),
			sees: ['memberX'] as Actor[]
		})),
		{ params: (w) => ({ role: w.draftY }), sees: ['memberY'] },
		// A suspended organization still reads its own role, and can change nothing.
		{ params: (w) => ({ role: w.roleSuspended }), sees: ['memberSuspended'], acts: [] }
	],
	'/org/roles/[role=id]/candidates': [
		{ params: (w) => ({ role: w.roleX }), sees: ['memberX'] },
		// Only an approved or open role has candidates: never a draft nobody reviewed, a submitted or a closed role.
		...ROLE_STATUSES.map((status) => ({
			params: (w: World) => ({ role: w.rolesX[status] }),
			sees: (hasCandidates(status) ? ['memberX'] : []) as Actor[]
		})),
		{ params: (w) => ({ role: w.roleSuspended }), sees: [] }
	],
	'/org/roles/[role=id]/applications': [
		{ params: (w) => ({ role: w.roleX }), sees: ['memberX'] },
		...ROLE_STATUSES.map((status) => ({
			params: (w: World) => ({ role: w.rolesX[status] }),
			sees: ['memberX'] as Actor[]
		})),
		{ params: (w) => ({ role: w.roleSuspended }), sees: [] }
	],
	'/admin/roles/[role=id]': [
		{ params: (w) => ({ role: w.roleX }), sees: ['admin'] },
		...ROLE_STATUSES.map((status) => ({
			params: (w: World) => ({ role: w.rolesX[status] }),
			sees: ['admin'] as Actor[]
		}))
	],
	// Only members of the training's own organization, while it is vetted: its cohort names learners.
	'/org/trainings/[training=id]': [
		...ROLE_STATUSES.map((status) => ({
			params: (w: World) => ({ training: w.trainingsX[status] }),
			sees: ['memberX'] as Actor[]
		})),
		{ params: (w) => ({ training: w.trainingDraftY }), sees: ['memberY'] },
		{ params: (w) => ({ training: w.trainingSuspended }), sees: [] }
	],
	'/admin/trainings/[training=id]': [
		...ROLE_STATUSES.map((status) => ({
			params: (w: World) => ({ training: w.trainingsX[status] }),
			sees: ['admin'] as Actor[]
		})),
		{ params: (w) => ({ training: w.trainingSuspended }), sees: ['admin'] }
	],
	// The public directory shows a listed service of a vetted organization, to anyone.
	'/(public)/help/[service=id]': [
		...SERVICE_STATES.map((state) => ({
			params: (w: World) => ({ service: w.servicesX[state] }),
			sees: (state === 'approved' ? ACTORS : []) as Actor[]
		})),
		{ params: (w) => ({ service: w.serviceSuspended }), sees: [] }
	],
	'/learn/help/new/[service=id]': [
		...SERVICE_STATES.map((state) => ({
			params: (w: World) => ({ service: w.servicesX[state] }),
			sees: (state === 'approved' ? ['learnerA', 'learnerB'] : []) as Actor[]
		})),
		{ params: (w) => ({ service: w.serviceSuspended }), sees: [] }
	],
	'/org/services/[service=id]': [
		...SERVICE_STATES.map((state) => ({
			params: (w: World) => ({ service: w.servicesX[state] }),
			sees: ['memberX'] as Actor[]
		})),
		{ params: (w) => ({ service: w.serviceDraftY }), sees: ['memberY'] },
		{ params: (w) => ({ service: w.serviceSuspended }), sees: [] }
	],
	// Drafts are the organization's alone; administrators see what was sent for review.
	'/admin/services/[service=id]': [
		...SERVICE_STATES.map((state) => ({
			params: (w: World) => ({ service: w.servicesX[state] }),
			sees: (state === 'draft' ? [] : ['admin']) as Actor[]
		})),
		{ params: (w) => ({ service: w.serviceSuspended }), sees: ['admin'] }
	],
	// A request for help: the learner's and the organization asked, nobody else (administrators neither).
	'/learn/help/[request=id]': [{ params: (w) => ({ request: w.helpA }), sees: ['learnerA'] }],
	'/org/help/[request=id]': [{ params: (w) => ({ request: w.helpA }), sees: ['memberX'] }],
	'/admin/organizations/[org=id]': [{ params: (w) => ({ org: w.orgX }), sees: ['admin'] }],
	'/admin/courses/[course=slug]': [
		{ params: (w) => ({ course: w.courseSubmitted }), sees: ['admin'] },
		{ params: () => ({ course: 'first-aid-basics' }), sees: ['admin'] }
	],
	// Published course content is the same for every learner, and visitors read it before signing
	// up (enrolling asks them to sign up, nothing written); a course nobody approved is no one's.
	'/learn/courses/[course=slug]': [
		{
			params: () => ({ course: 'first-aid-basics' }),
			sees: ['anonymous', 'learnerA', 'learnerB'],
			acts: ['learnerA', 'learnerB']
		},
		{ params: (w) => ({ course: w.courseSubmitted }), sees: [] }
	]
};

/** Routes with a parameter whose objects are public content or proven in another file. */
const ELSEWHERE: Record<string, string> = {
	'/learn/courses/[course=slug]/lessons/[lesson=slug]': 'published course content',
	'/learn/courses/[course=slug]/quizzes/[quiz=slug]':
		'published course content; attempts are the caller’s own',
	'/learn/certificates/[code=certificate]':
		'course.test.ts: another person cannot open a learner’s certificate',
	'/verify/[code]': 'public by design: what the holder chose to show',
	'/media/courses/[course]/[name]': 'public course pictures',
	'/cover/[look=neutral]': 'disguise.test.ts: the same plain screen for everyone, no data',
	'/manifest/[look=neutral].webmanifest':
		'disguise.test.ts: the same manifest for everyone, no data',
	'/api/courses/[course=slug]/offline': 'public course packages',
	'/api/courses/[course=slug]/offline/course': 'public course packages',
	'/api/courses/[course=slug]/offline/lessons/[lesson=slug]': 'public course packages',
	'/api/courses/[course=slug]/offline/quizzes/[quiz=slug]': 'public course packages',
	'/api/courses/[course=slug]/offline/file': 'public course packages, signed as one file',
	'/api/courses/[course=slug]/offline/signature': 'public course packages, signed as one file',
	'/author/courses/[course=slug]':
		'authoring.test.ts: another organization cannot open or change a course',
	'/author/courses/[course=slug]/lessons/[lesson=slug]': 'authoring.test.ts',
	'/author/courses/[course=slug]/quizzes/[quiz=slug]': 'authoring.test.ts',
	'/author/courses/[course=slug]/modules/[module=slug]/new-lesson': 'authoring.test.ts',
	'/author/courses/[course=slug]/modules/[module=slug]/new-quiz': 'authoring.test.ts',
	'/admin/skills/[skill=skill]': 'the shared skill list, for administrators only'
};

/** A valid form for each action of OBJECTS' routes: refusing it then proves the check, not the form. */
const VALID: Record<
	string,
	Record<string, Record<string, string> | ((w: World) => Record<string, string>)>
> = {
	'/org/trainings/[training=id]/attendance/[session=id]': {
		save: (w) => ({ [`mark_${w.placeA}`]: 'absent' })
	},
	'/org/trainings/[training=id]/completion': { complete: { share: '50', confirm: 'yes' } },
	'/org/trainings/[training=id]/messages': { notice: { body: 'matrix: a notice' } },
	'/org/trainings/[training=id]/messages/[place=id]': { message: { body: 'matrix: hello' } },
	'/learn/trainings/[training=id]/messages': {
		message: { body: 'matrix: hello' },
		mute: { change: 'mute' }
	},
	'/learn/applications/[application=id]': {
		withdraw: { confirm: 'yes' },
		message: { body: 'matrix: may I write here?' },
		thread: { change: 'close' }
	},
	'/org/applications/[application=id]': {
		decide: { decision: 'decline', note: 'matrix' },
		message: { body: 'matrix: may I write here?' },
		endorse: { skill: 'first_aid', level: '2' }
	},
	'/learn/opportunities/[role=id]': { apply: { message: 'matrix' }, share: { share: 'yes' } },
	'/learn/trainings/[training=id]': {
		ask: {},
		accept: {},
		decline: { confirm: 'yes' },
		withdraw: { confirm: 'yes' }
	},
	'/org/roles/[role=id]': {
		save: {
			kind: 'trainer',
			title_my: '',
			title_en: 'Taken over',
			description_my: '',
			description_en: 'matrix',
			safety_my: '',
			safety_en: '',
			area: 'mae_sot',
			availability: 'volunteer',
			pay: '',
			seats: '1',
			starts_on: '',
			closes_on: ''
		},
		addSkill: { skill: 'thai', level: '1', need: 'preferred' },
		removeSkill: { skill: 'first_aid' },
		move: { move: 'close' }
	},
	'/admin/roles/[role=id]': { review: { decision: 'return', note: 'matrix' } },
	'/org/trainings/[training=id]': {
		save: { ...trainingDetails, title_en: 'Taken over' },
		addSkill: { skill: 'thai', level: '1' },
		removeSkill: { skill: 'first_aid' },
		move: { move: 'close' }
	},
	'/admin/trainings/[training=id]': {
		review: { decision: 'return', note: 'matrix' },
		removeExample: { confirm: 'yes' }
	},
	'/org/services/[service=id]': {
		save: { ...serviceDetails, name_en: 'Taken over' },
		move: { move: 'close' }
	},
	'/admin/services/[service=id]': {
		review: { decision: 'return', note: 'matrix' },
		removeExample: { confirm: 'yes' }
	},
	'/learn/help/new/[service=id]': {
		ask: { kind: 'counselling', urgency: 'today', message: 'matrix: help' }
	},
	'/learn/help/[request=id]': {
		message: { body: 'matrix: may I write here?' },
		close: { confirm: 'yes' },
		share: { share: 'yes' },
		referral: (w) => ({ referral: w.referralA, decision: 'agree' })
	},
	'/org/help/[request=id]': {
		message: { body: 'matrix: may I write here?' },
		status: { status: 'closed' },
		refer: (w) => ({ service: w.servicesX.approved, [`word_${w.helpA}`]: 'on' })
	},
	'/admin/organizations/[org=id]': {
		decide: { decision: 'suspend', note: 'matrix' },
		removeMember: (w) => ({ member: w.memberOfX }),
		revokeInvitation: (w) => ({ invitation: w.invitationX })
	},
	'/admin/courses/[course=slug]': {
		publication: { decision: 'approve', note: 'matrix', seen: '0' },
		review: { kind: 'language', version: '1', note: 'matrix' }
	},
	'/learn/courses/[course=slug]': { enrol: {} }
};

/**
 * Actions of routes without a parameter whose form names an object of one organization: only
 * its owner (memberX) may use them; everyone else is refused, with nothing written.
 */
const NAMED_IN_FORM: {
	routeId: string;
	action: string;
	form: (w: World) => Record<string, string>;
	acts: Actor[];
}[] = [
	{
		routeId: '/org',
		action: 'removeMember',
		form: (w) => ({ member: w.memberOfX }),
		acts: ['memberX']
	},
	{
		routeId: '/org',
		action: 'revokeInvitation',
		form: (w) => ({ invitation: w.invitationX }),
		acts: ['memberX']
	}
];

const calls = routeCalls();
const clients = {} as Record<Actor, Client>;
let world: World;
let sqlite: Database.Database;

/** Everything a refused action could have written. */
const snapshot = () =>
	JSON.stringify(
		[
			'application',
			'application_event',
			'application_message',
			'role',
			'role_skill',
			'training',
			'training_session',
			'training_provision',
			'training_skill',
			'organization',
			'org_decision',
			'user_skill',
			'course',
			'course_review',
			'enrolment',
			'org_member',
			'org_invitation',
			'training_place',
			'training_attendance',
			'training_certificate',
			'training_message',
			'service',
			'help_request',
			'help_message',
			'help_referral',
			'help_referral_message'
		].map((table) => sqlite.prepare(`select * from "${table}" order by rowid`).all())
	);

async function vettedOrg(
	admin: Client,
	prefix: string
): Promise<{ member: Client; orgId: string }> {
	const member = new Client('en');
	expect((await member.signUp(uniqueName(prefix), 'org_member')).status).toBe(200);
	const name = uniqueName(`${prefix} org`);
	expect(
		(
			await member.post('/org?/apply', {
				name,
				kind: 'ngo',
				description: 'Help',
				area_mae_sot: 'on'
			})
		).status
	).toBe(200);
	const orgId = (
		sqlite.prepare('select id from organization where name = ?').get(name) as { id: string }
	).id;
	if (admin)
		expect(
			(await admin.post(`/admin/organizations/${orgId}?/decide`, { decision: 'vet', note: '' }))
				.status
		).toBe(200);
	return { member, orgId };
}

/** The moves, by the organization and an administrator, that bring a new draft to each status. */
const TO_STATUS: Record<RoleStatus, ('submit' | 'approve' | 'open' | 'close')[]> = {
	draft: [],
	submitted: ['submit'],
	approved: ['submit', 'approve'],
	open: ['submit', 'approve', 'open'],
	closed: ['submit', 'approve', 'open', 'close']
};

/** A role of the member's organization in `status`, as the organization and an administrator move it there. */
async function roleIn(
	member: Client,
	admin: Client,
	title: string,
	status: RoleStatus
): Promise<string> {
	const id = await role(member, null, title);
	for (const move of TO_STATUS[status]) {
		const response =
			move === 'approve'
				? await admin.post(`/admin/roles/${id}?/review`, { decision: 'approve', note: '' })
				: await member.post(`/org/roles/${id}?/move`, { move });
		expect(response.status).toBe(200);
	}
	expect(
		(sqlite.prepare('select status from role where id = ?').get(id) as { status: string }).status
	).toBe(status);
	return id;
}

async function role(member: Client, admin: Client | null, title: string): Promise<string> {
	const created = await member.post('/org/roles/new', {
		kind: 'medical_volunteer',
		title_my: '',
		title_en: title,
		description_my: '',
		description_en: 'Help at the clinic',
		safety_my: '',
		safety_en: '',
		area: 'mae_sot',
		availability: 'volunteer',
		pay: '',
		seats: '2',
		starts_on: '',
		closes_on: ''
	});
	expect(created.status).toBe(303);
	const path = created.headers.get('location')!;
	expect(
		(await member.post(`${path}?/addSkill`, { skill: 'first_aid', level: '1', need: 'required' }))
			.status
	).toBe(200);
	const id = path.split('/').pop()!;
	if (admin) {
		expect((await member.post(`${path}?/move`, { move: 'submit' })).status).toBe(200);
		expect(
			(await admin.post(`/admin/roles/${id}?/review`, { decision: 'approve', note: '' })).status
		).toBe(200);
		expect((await member.post(`${path}?/move`, { move: 'open' })).status).toBe(200);
	}
	return id;
}

/** A training of the member's organization, with a skill, in `status`, as the organization and an administrator move it there. */
async function trainingIn(
	member: Client,
	admin: Client,
	title: string,
	status: RoleStatus
): Promise<string> {
	const created = await member.post('/org/trainings/new', { ...trainingDetails, title_en: title });
	expect(created.status).toBe(303);
	const path = created.headers.get('location')!;
	expect((await member.post(`${path}?/addSkill`, { skill: 'first_aid', level: '1' })).status).toBe(
		200
	);
	const id = path.split('/').pop()!;
	for (const move of TO_STATUS[status]) {
		const response =
			move === 'approve'
				? await admin.post(`/admin/trainings/${id}?/review`, { decision: 'approve', note: '' })
				: await member.post(`${path}?/move`, { move });
		expect(response.status).toBe(200);
	}
	expect(
		(sqlite.prepare('select status from training where id = ?').get(id) as { status: string })
			.status
	).toBe(status);
	return id;
}

/** A service of the member's organization in `state`, as the organization and an administrator move it there. */
async function serviceIn(
	member: Client,
	admin: Client,
	name: string,
	state: ServiceState
): Promise<string> {
	const created = await member.post('/org/services/new?/create', {
		...serviceDetails,
		name_en: name
	});
	expect(created.status).toBe(303);
	const id = created.headers.get('location')!.split('/').pop()!;
	const moves = {
		draft: [],
		submitted: ['submit'],
		approved: ['submit', 'approve'],
		closed: ['submit', 'approve', 'close']
	}[state];
	for (const move of moves) {
		const response =
			move === 'approve'
				? await admin.post(`/admin/services/${id}?/review`, { decision: 'approve', note: '' })
				: await member.post(`/org/services/${id}?/move`, { move });
		expect(response.status).toBe(200);
	}
	expect(
		(sqlite.prepare('select status from service where id = ?').get(id) as { status: string }).status
	).toBe(state);
	return id;
}

beforeAll(async () => {
	sqlite = new Database(inject('databasePath'), { readonly: true });
	const admin = await adminClient('en', 'matrixadmin');
	const x = await vettedOrg(admin, 'matrixx');
	const y = await vettedOrg(admin, 'matrixy');
	const suspended = await vettedOrg(admin, 'matrixs');
	const pending = new Client('en');
	expect((await pending.signUp(uniqueName('matrixp'), 'org_member')).status).toBe(200);
	expect(
		(
			await pending.post('/org?/apply', {
				name: uniqueName('matrixp org'),
				kind: 'ngo',
				description: 'Help',
				area_mae_sot: 'on'
			})
		).status
	).toBe(200);
	const roleX = await role(x.member, admin, 'Clinic helper X');
	const draftY = await role(y.member, null, 'Draft of Y');
	const rolesX = {} as Record<RoleStatus, string>;
	for (const status of ROLE_STATUSES)
		rolesX[status] = await roleIn(x.member, admin, `X ${status}`, status);
	const roleSuspended = await role(suspended.member, admin, 'Role of a suspended organization');
	const trainingsX = {} as Record<RoleStatus, string>;
	for (const status of ROLE_STATUSES)
		trainingsX[status] = await trainingIn(x.member, admin, `X training ${status}`, status);
	const trainingDraftY = await trainingIn(y.member, admin, 'Training draft of Y', 'draft');
	const trainingSuspended = await trainingIn(
		suspended.member,
		admin,
		'Training of a suspended organization',
		'open'
	);
	const servicesX = {} as Record<ServiceState, string>;
	for (const state of SERVICE_STATES)
		servicesX[state] = await serviceIn(x.member, admin, `X service ${state}`, state);
	const serviceDraftY = await serviceIn(y.member, admin, 'Service draft of Y', 'draft');
	const serviceListedY = await serviceIn(y.member, admin, 'Legal help of Y', 'approved');
	const serviceSuspended = await serviceIn(
		suspended.member,
		admin,
		'Service of a suspended organization',
		'approved'
	);
	expect(
		(
			await admin.post(`/admin/organizations/${suspended.orgId}?/decide`, {
				decision: 'suspend',
				note: ''
			})
		).status
	).toBe(200);

	const learnerA = new Client('en');
	expect((await learnerA.signUp(uniqueName('matrixa'))).status).toBe(200);
	const learnerB = new Client('en');
	expect((await learnerB.signUp(uniqueName('matrixb'))).status).toBe(200);
	const applied = await learnerA.post(`/learn/opportunities/${roleX}?/apply`, {
		message: 'I can help'
	});
	expect(applied.status).toBe(303);
	const applicationA = applied.headers.get('location')!.split('/').pop()!;
	const trainingX = trainingsX.open;
	expect((await learnerA.post(`/learn/trainings/${trainingX}?/ask`, {})).status).toBe(200);
	const { sessionX, placeA } = sqlite
		.prepare(
			`select s.id as sessionX, p.id as placeA from training_session s
			 join training_place p on p.training_id = s.training_id
			 where s.training_id = ? order by s.starts_at limit 1`
		)
		.get(trainingX) as { sessionX: string; placeA: string };
	expect(
		(await learnerA.post(`/learn/applications/${applicationA}?/message`, { body: 'Hello from A' }))
			.status
	).toBe(200);

	// X writes a course and asks to publish it: it waits for an administrator.
	const course = (
		await x.member.post('/author?/create', {
			category: 'vocational',
			audience: 'everyone',
			title_my: '',
			title_en: 'Matrix course',
			summary_my: '',
			summary_en: 'Waiting'
		})
	).headers.get('location')!;
	expect(
		(await x.member.post(`${course}?/addModule`, { title_my: '', title_en: 'Part' })).status
	).toBe(200);
	expect(
		(
			await x.member.post(`${course}/modules/part-1/new-lesson?/save`, {
				title_my: '',
				title_en: 'Lesson',
				minutes: '5',
				body_my: '',
				body_en: 'Text'
			})
		).status
	).toBe(303);
	expect((await x.member.post(`${course}?/publish`, { published: 'true' })).status).toBe(200);
	const courseSubmitted = course.split('/').pop()!;
	expect(
		(
			sqlite.prepare('select status from course where id = ?').get(courseSubmitted) as {
				status: string;
			}
		).status
	).toBe('submitted');

	// A second member of X, who joined with the owner's invitation, and an invitation left unused.
	const invited = await x.member.post('/org?/invite', {});
	const code = /([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})/.exec(await invited.text())![1];
	const second = new Client('en');
	const memberOfX = uniqueName('matrixx2');
	expect((await second.signUp(memberOfX, 'org_member')).status).toBe(200);
	expect((await second.post('/org?/join', { code })).status).toBe(200);
	expect((await x.member.post('/org?/invite', {})).status).toBe(200);
	const invitationX = (
		sqlite
			.prepare('select id from org_invitation where org_id = ? and used_at is null')
			.get(x.orgId) as { id: string }
	).id;

	// A asks X's listed service for help; X proposes passing it on to Y's, with A's words.
	const asked = await learnerA.post(`/learn/help/new/${servicesX.approved}?/ask`, {
		kind: 'counselling',
		urgency: 'today',
		message: 'Hello from A'
	});
	expect(asked.status).toBe(303);
	const helpA = asked.headers.get('location')!.split('/').pop()!;
	const { words } = sqlite
		.prepare('select id as words from help_message where request_id = ?')
		.get(helpA) as { words: string };
	expect(
		(
			await x.member.post(`/org/help/${helpA}?/refer`, {
				service: serviceListedY,
				[`word_${words}`]: 'on'
			})
		).status
	).toBe(200);
	const { referralA } = sqlite
		.prepare('select id as referralA from help_referral where request_id = ?')
		.get(helpA) as { referralA: string };

	world = {
		servicesX,
		serviceDraftY,
		serviceSuspended,
		helpA,
		referralA,
		orgX: x.orgId,
		roleX,
		rolesX,
		draftY,
		roleSuspended,
		trainingsX,
		trainingDraftY,
		trainingSuspended,
		applicationA,
		courseSubmitted,
		memberOfX,
		invitationX,
		trainingX,
		sessionX,
		placeA
	};
	Object.assign(clients, {
		anonymous: new Client('en'),
		learnerA,
		learnerB,
		memberPending: pending,
		memberX: x.member,
		memberY: y.member,
		memberSuspended: suspended.member,
		admin
	});
});
afterAll(() => sqlite?.close());

/** A route's address: its groups, such as `(public)`, are no part of it. */
const pathOf = (routeId: string, params: Record<string, string>) =>
	routeId
		.replace(/\/\([^)]+\)/g, '')
		.replace(/\[(\w+)(?:=\w+)?\]/g, (_, name: string) => params[name]);

describe('the access matrix', () => {
	it('classifies every route with a parameter, and has a valid form for every action it checks', () => {
		const dynamic = [
			...new Set(calls.filter((c) => c.routeId.includes('[')).map((c) => c.routeId))
		];
		expect(dynamic.filter((id) => !(id in OBJECTS) && !(id in ELSEWHERE))).toEqual([]);
		const actions = calls
			.filter((c) => c.routeId in OBJECTS && c.method === 'POST')
			.map((c) => `${c.routeId} ?/${c.action}`);
		expect(
			actions.filter((a) => {
				const [routeId, action] = a.split(' ?/');
				return !VALID[routeId]?.[action];
			})
		).toEqual([]);
	});

	for (const [routeId, objects] of Object.entries(OBJECTS)) {
		for (const [index, object] of objects.entries()) {
			for (const actor of ACTORS) {
				const kind = KIND[actor];
				const byKind = decide(routeId, kind ? { kind, must_change_password: 0 } : null);
				const expected =
					byKind !== 'allow' ? byKind : object.sees.includes(actor) ? 'sees' : 'refused';
				it(`${routeId} #${index + 1} as ${actor}: GET ${expected}`, async () => {
					const response = await clients[actor].request(pathOf(routeId, object.params(world)));
					if (expected === 'sees') expect(response.status).toBe(200);
					// 409: the caller's own object, in a state that does not allow it (candidates of a role nobody approved).
					else if (expected === 'refused') expect([403, 404, 409]).toContain(response.status);
					else if (expected === 'forbidden') expect(response.status).toBe(403);
					else expect([303]).toContain(response.status);
				});
				if ((object.acts ?? object.sees).includes(actor) && byKind === 'allow') continue;
				for (const call of calls.filter((c) => c.routeId === routeId && c.method === 'POST')) {
					it(`${routeId} #${index + 1} as ${actor}: POST ?/${call.action} refused, nothing written`, async () => {
						const before = snapshot();
						const valid = VALID[routeId][call.action!];
						const response = await clients[actor].post(
							`${pathOf(routeId, object.params(world))}?/${call.action}`,
							typeof valid === 'function' ? valid(world) : valid
						);
						expect([303, 403, 404, 409]).toContain(response.status);
						// A visitor is sent to sign in, or to sign up where they may read before (nothing written).
						if (response.status === 303)
							expect(response.headers.get('location')).toMatch(
								/^\/(signin|signup|learn|org|admin)\b/
							);
						expect(snapshot()).toBe(before);
					});
				}
			}
		}
	}

	for (const named of NAMED_IN_FORM) {
		for (const actor of ACTORS.filter((a) => !named.acts.includes(a))) {
			it(`${named.routeId} ?/${named.action} naming X's object as ${actor}: refused, nothing written`, async () => {
				const before = snapshot();
				const response = await clients[actor].post(
					`${named.routeId}?/${named.action}`,
					named.form(world)
				);
				expect([303, 403, 404, 409]).toContain(response.status);
				expect(snapshot()).toBe(before);
			});
		}
	}

	it('is walked by a rule for every route', () => {
		expect(calls.filter((c) => !(c.routeId in routeRules))).toEqual([]);
	});
});
