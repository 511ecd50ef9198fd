/**
 * Every form, fed what a careless phone or a hostile client sends: each gets a 400 with a
 * message in the user's language, and nothing is written.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminClient, Client, uniqueName } from './support';
import { sampleParams } from './routes';
import fs from 'node:fs';
import {
	courseDetails,
	lesson,
	roleDetails,
	serviceDetails,
	trainingDetails
} from './form-samples';

const lessonPath = `/learn/courses/${sampleParams.course}/lessons/${sampleParams.lesson}`;
const quizPath = `/learn/courses/${sampleParams.course}/quizzes/${sampleParams.quiz}`;
const firstQuestion = JSON.parse(
	fs.readFileSync(
		`content/courses/${sampleParams.course}/quizzes/${sampleParams.quiz}.json`,
		'utf8'
	)
).questions[0].id;

const MB = 'a'.repeat(1024 * 1024);
const skill = {
	group: 'health',
	name_my: 'အရိုးကျိုး ကျပ်စည်းခြင်း',
	name_en: 'Splinting',
	basic_my: 'လက်မောင်းကို ထုပ်ပိုးကာ မလှုပ်အောင် ထားနိုင်သည်။',
	basic_en: 'Can keep an injured arm still.',
	working_my: 'ခြေ၊ လက် အရိုးကျိုးကို ကျပ်စည်းနိုင်သည်။',
	working_en: 'Can splint a broken arm or leg.',
	teach_my: 'ကျပ်စည်းနည်းကို လေ့ကျင့်ခန်းဖြင့် သင်ပေးနိုင်သည်။',
	teach_en: 'Can teach splinting.'
};
const question = {
	type: 'true_false',
	prompt_my: 'မှန်လား',
	prompt_en: 'True?',
	explanation_my: 'မှန်သည်',
	explanation_en: 'Yes',
	answer: 'true'
};

interface FormCase {
	name: string;
	path: string;
	role: 'anonymous' | 'learner' | 'org_member' | 'author' | 'admin';
	valid: Record<string, string>;
	/**
	 * Fields of a fixed form (names, codes, choices, ids, numbers, dates): text that looks like
	 * SQL or HTML is refused there as any other wrong value. Free text takes it as typed
	 * (tests/unit/plain-text.test.ts), so it is not listed.
	 */
	text: string[];
	/** Every field is optional (an empty form clears the value). */
	emptyIsValid?: boolean;
}

const forms: FormCase[] = [
	{
		name: 'sign-up',
		path: '/signup',
		role: 'anonymous',
		valid: {
			username: 'fresh-name',
			password: 'green tea and rice',
			kind: 'learner',
			background: '',
			shared: 'on'
		},
		text: ['username', 'shared']
	},
	{
		name: 'sign-in',
		path: '/signin',
		role: 'anonymous',
		valid: { username: 'someone', password: 'whatever it is', shared: 'on' },
		text: ['shared']
	},
	{
		name: 'recovery',
		path: '/recover',
		role: 'anonymous',
		valid: {
			username: 'someone',
			code: 'abcd-efgh-ijkl',
			password: 'green tea and rice',
			shared: 'on'
		},
		text: ['code', 'shared']
	},
	{
		name: 'unlock a shared phone',
		path: '/unlock',
		role: 'learner',
		valid: { password: 'green tea and rice' },
		text: []
	},
	{
		name: 'change password',
		path: '/account/password',
		role: 'learner',
		valid: { current: 'green tea and rice', next: 'another good passphrase' },
		text: []
	},
	{
		name: 'end a session',
		path: '/account?/endSession',
		role: 'learner',
		valid: { id: 'a'.repeat(64) },
		text: ['id']
	},
	{
		name: 'data saver',
		path: '/account?/dataSaver',
		role: 'learner',
		valid: { saver: 'on' },
		text: ['saver']
	},
	{
		name: 'background',
		path: '/learn/profile?/background',
		role: 'learner',
		valid: { background: 'family' },
		text: ['background'],
		emptyIsValid: true
	},
	// Never with the right password here: every case below is refused before the password is checked.
	{
		name: 'delete my account',
		path: '/account?/deleteAccount',
		role: 'learner',
		valid: { password: 'green tea and rice' },
		text: []
	},
	{
		name: 'organization application',
		path: '/org?/apply',
		role: 'org_member',
		valid: { name: 'Good Clinic', kind: 'clinic', description: 'Care' },
		text: ['kind']
	},
	{
		name: 'join an organization',
		path: '/org?/join',
		role: 'org_member',
		valid: { code: 'abcd-efgh-ijkl-mnop' },
		text: ['code']
	},
	{
		name: 'disguise',
		path: '/look',
		role: 'anonymous',
		valid: { look: 'notes', next: '/' },
		text: ['look', 'next']
	},
	{
		name: 'language switch',
		path: '/language',
		role: 'anonymous',
		valid: { locale: 'my', next: '/' },
		text: ['locale', 'next']
	},
	{
		name: 'text size',
		path: `${lessonPath}?/textSize`,
		role: 'learner',
		valid: { size: 'l' },
		text: ['size']
	},
	{
		name: 'quiz',
		path: quizPath,
		role: 'learner',
		valid: { [`q-${firstQuestion}`]: 'a' },
		text: [],
		emptyIsValid: true
	},
	{
		name: 'certificate name',
		path: '/learn/certificates?/name',
		role: 'learner',
		valid: { code: 'AAAA-BBBB-CCCC-DDDD', name: 'Ko Aung' },
		text: ['code']
	},
	{
		name: 'hide a certificate',
		path: '/learn/certificates?/hide',
		role: 'learner',
		valid: { code: 'AAAA-BBBB-CCCC-DDDD' },
		text: ['code']
	},
	{
		name: 'revoke a certificate',
		path: '/learn/certificates?/revoke',
		role: 'learner',
		valid: { code: 'AAAA-BBBB-CCCC-DDDD', confirm: 'yes' },
		text: ['code', 'confirm']
	},
	{
		name: 'my skills',
		path: '/learn/profile?/skills',
		role: 'learner',
		valid: { level_first_aid: '2', level_thai: '0' },
		text: ['level_first_aid']
	},
	{
		name: 'profile details',
		path: '/learn/profile?/details',
		role: 'learner',
		valid: {
			area: 'mae_sot',
			visibility: 'hidden',
			availability_volunteer: 'on',
			interest_health: 'on'
		},
		text: ['area', 'visibility']
	},
	// Authoring: "{course}" is a draft course of the author's vetted organization, with part-1,
	// lesson-1 and quiz-1 (see authorClient).
	{
		name: 'new course',
		path: '/author?/create',
		role: 'author',
		valid: courseDetails,
		text: ['category', 'audience']
	},
	{
		name: 'course details',
		path: '{course}?/details',
		role: 'author',
		valid: courseDetails,
		text: ['category']
	},
	{
		name: 'course skills',
		path: '{course}?/skills',
		role: 'author',
		valid: { skill1: '', level1: '1', new_skill_my: 'ချုပ်', new_skill_en: 'Sewing', new_level: '2' },
		text: ['skill1', 'new_level'],
		emptyIsValid: true
	},
	{
		name: 'publish',
		path: '{course}?/publish',
		role: 'author',
		valid: { published: 'false' },
		text: ['published']
	},
	{
		name: 'add a part',
		path: '{course}?/addModule',
		role: 'author',
		valid: { title_my: 'အပိုင်း', title_en: 'Part' },
		text: []
	},
	{
		name: 'rename a part',
		path: '{course}?/renameModule',
		role: 'author',
		valid: { module: 'part-1', title_my: 'အပိုင်း', title_en: 'Part' },
		text: ['module']
	},
	{
		name: 'move a lesson',
		path: '{course}?/move',
		role: 'author',
		valid: { lesson: 'lesson-1', direction: 'down' },
		text: ['lesson', 'direction']
	},
	{
		name: 'remove a lesson',
		path: '{course}?/retire',
		role: 'author',
		valid: { lesson: 'lesson-1' },
		text: ['lesson']
	},
	{
		name: 'put a lesson back',
		path: '{course}?/restore',
		role: 'author',
		valid: { lesson: 'lesson-1' },
		text: ['lesson']
	},
	{
		name: 'new lesson',
		path: '{course}/modules/part-1/new-lesson?/save',
		role: 'author',
		valid: lesson,
		text: ['minutes']
	},
	{
		name: 'lesson edit',
		path: '{course}/lessons/lesson-1?/save',
		role: 'author',
		valid: lesson,
		text: ['minutes']
	},
	{
		name: 'lesson preview',
		path: '{course}/lessons/lesson-1?/preview',
		role: 'author',
		valid: lesson,
		text: ['minutes']
	},
	{
		name: 'image upload',
		path: '{course}/lessons/lesson-1?/upload',
		role: 'author',
		valid: { ...lesson, image_alt: 'A needle' },
		text: ['minutes']
	},
	{
		name: 'new quiz',
		path: '{course}/modules/part-1/new-quiz',
		role: 'author',
		valid: { title_my: 'စစ်', title_en: 'Check', pass_mark: '80', ...question },
		text: ['pass_mark', 'type']
	},
	{
		name: 'quiz details',
		path: '{course}/quizzes/quiz-1?/details',
		role: 'author',
		valid: { title_my: 'စစ်', title_en: 'Check', pass_mark: '80' },
		text: ['pass_mark']
	},
	{
		name: 'add a question',
		path: '{course}/quizzes/quiz-1?/addQuestion',
		role: 'author',
		valid: question,
		text: ['type', 'answer']
	},
	{
		name: 'edit a question',
		path: '{course}/quizzes/quiz-1?/saveQuestion',
		role: 'author',
		valid: { question: 'question-1', ...question },
		text: ['question', 'type']
	},
	{
		name: 'remove a question',
		path: '{course}/quizzes/quiz-1?/removeQuestion',
		role: 'author',
		valid: { question: 'question-1' },
		text: ['question']
	},
	// Roles: "{role}" is a draft role of the same organization.
	{
		name: 'new role',
		path: '/org/roles/new',
		role: 'author',
		valid: roleDetails,
		text: ['seats', 'closes_on', 'area']
	},
	{
		name: 'role details',
		path: '{role}?/save',
		role: 'author',
		valid: roleDetails,
		text: ['starts_on']
	},
	{
		name: 'role skill',
		path: '{role}?/addSkill',
		role: 'author',
		valid: { skill: 'first_aid', level: '2', need: 'required' },
		text: ['skill', 'level', 'need']
	},
	{
		name: 'remove a role skill',
		path: '{role}?/removeSkill',
		role: 'author',
		valid: { skill: 'first_aid' },
		text: ['skill']
	},
	{
		name: 'move a role',
		path: '{role}?/move',
		role: 'author',
		valid: { move: 'submit' },
		text: ['move']
	},
	// Trainings: "{training}" is a draft training of the same organization.
	{
		name: 'new training',
		path: '/org/trainings/new',
		role: 'author',
		valid: trainingDetails,
		text: [
			'seats',
			'closes_on',
			'area',
			'audience',
			'completion_share',
			'session_1_day',
			'session_1_start',
			'provided_meals'
		]
	},
	{
		name: 'training details',
		path: '{training}?/save',
		role: 'author',
		valid: trainingDetails,
		text: ['session_2_end', 'seats', 'session_rows', 'more']
	},
	{
		name: 'training skill',
		path: '{training}?/addSkill',
		role: 'author',
		valid: { skill: 'first_aid', level: '2' },
		text: ['skill', 'level']
	},
	{
		name: 'remove a training skill',
		path: '{training}?/removeSkill',
		role: 'author',
		valid: { skill: 'first_aid' },
		text: ['skill']
	},
	{
		name: 'move a training',
		path: '{training}?/move',
		role: 'author',
		valid: { move: 'submit' },
		text: ['move']
	},
	// Support services: "{service}" is a draft service of the same organization. Requests for
	// help are read before they are looked up.
	{
		name: 'new service',
		path: '/org/services/new?/create',
		role: 'author',
		valid: serviceDetails,
		text: ['kind', 'audience', 'area', 'lang_my', 'cost']
	},
	{
		name: 'service details',
		path: '{service}?/save',
		role: 'author',
		valid: serviceDetails,
		text: ['area', 'lang_en', 'cost']
	},
	{
		name: 'move a service',
		path: '{service}?/move',
		role: 'author',
		valid: { move: 'submit' },
		text: ['move']
	},
	{
		name: 'ask a service for help',
		path: '/learn/help/new/nosuchservice?/ask',
		role: 'learner',
		valid: { kind: 'counselling', urgency: 'today', message: 'I cannot sleep' },
		text: ['kind', 'urgency']
	},
	{
		name: 'message in a request for help',
		path: '/learn/help/nosuchrequest?/message',
		role: 'learner',
		valid: { body: 'Hello' },
		text: []
	},
	{
		name: 'close a request for help',
		path: '/learn/help/nosuchrequest?/close',
		role: 'learner',
		valid: { confirm: 'yes' },
		text: ['confirm']
	},
	{
		name: 'show or stop showing the profile on a request for help',
		path: '/learn/help/nosuchrequest?/share',
		role: 'learner',
		valid: { share: 'yes' },
		text: ['share']
	},
	{
		name: 'answer a referral',
		path: '/learn/help/nosuchrequest?/referral',
		role: 'learner',
		valid: { referral: 'nosuchreferral', decision: 'agree' },
		text: ['referral', 'decision']
	},
	{
		name: "organization's message in a request for help",
		path: '/org/help/nosuchrequest?/message',
		role: 'author',
		valid: { body: 'Hello' },
		text: []
	},
	{
		name: 'status of a request for help',
		path: '/org/help/nosuchrequest?/status',
		role: 'author',
		valid: { status: 'in_progress' },
		text: ['status']
	},
	{
		name: 'propose a referral',
		path: '/org/help/nosuchrequest?/refer',
		role: 'author',
		valid: { service: 'nosuchservice', word_nosuchmessage: 'on' },
		text: ['service', 'word_nosuchmessage']
	},
	{
		name: 'review a service',
		path: '/admin/services/nosuchservice?/review',
		role: 'admin',
		valid: { decision: 'approve', note: '' },
		text: ['decision']
	},
	{
		name: 'remove an example service',
		path: '/admin/services/nosuchservice?/removeExample',
		role: 'admin',
		valid: { confirm: 'yes' },
		text: ['confirm']
	},
	{
		name: 'apply to a role',
		path: '/learn/opportunities/nosuchroleatall?/apply',
		role: 'learner',
		valid: { message: 'I can help' },
		text: ['share_profile'],
		emptyIsValid: true
	},
	{
		name: 'share a profile with an organization',
		path: '/learn/opportunities/nosuchroleatall?/share',
		role: 'learner',
		valid: { share: 'yes' },
		text: ['share']
	},
	{
		name: 'withdraw an application',
		path: '/learn/applications/nosuchapplication?/withdraw',
		role: 'learner',
		valid: { confirm: 'yes' },
		text: ['confirm']
	},
	{
		name: 'withdraw from a training',
		path: '/learn/trainings/nosuchtraining?/withdraw',
		role: 'learner',
		valid: { confirm: 'yes' },
		text: ['confirm']
	},
	{
		name: 'decline a place offered in a training',
		path: '/learn/trainings/nosuchtraining?/decline',
		role: 'learner',
		valid: { confirm: 'yes' },
		text: ['confirm']
	},
	{
		name: 'remove the example training',
		path: '/admin/trainings/nosuchtraining?/removeExample',
		role: 'admin',
		valid: { confirm: 'yes' },
		text: ['confirm']
	},
	// A training's cohort: forms are read before the training is looked up.
	{
		name: 'attendance sheet',
		path: '/org/trainings/nosuchtraining/attendance/nosuchsession?/save',
		role: 'author',
		valid: { mark_abcdefgh12: 'present' },
		text: ['mark_abcdefgh12']
	},
	{
		name: 'complete a training',
		path: '/org/trainings/nosuchtraining/completion?/complete',
		role: 'author',
		valid: { share: '75', confirm: 'yes' },
		text: ['share', 'confirm']
	},
	{
		name: 'notice to every participant',
		path: '/org/trainings/nosuchtraining/messages?/notice',
		role: 'author',
		valid: { body: 'We start at ten' },
		text: []
	},
	{
		name: "message in a participant's thread",
		path: '/org/trainings/nosuchtraining/messages/nosuchplace?/message',
		role: 'author',
		valid: { body: 'Yes' },
		text: []
	},
	{
		name: "message to a training's organization",
		path: '/learn/trainings/nosuchtraining/messages?/message',
		role: 'learner',
		valid: { body: 'Can I bring my baby?' },
		text: []
	},
	{
		name: "mute a training's messages",
		path: '/learn/trainings/nosuchtraining/messages?/mute',
		role: 'learner',
		valid: { change: 'mute' },
		text: ['change']
	},
	{
		name: 'application message',
		path: '/learn/applications/nosuchapplication?/message',
		role: 'learner',
		valid: { body: 'Hello' },
		text: []
	},
	{
		name: 'organization message',
		path: '/org/applications/nosuchapplication?/message',
		role: 'author',
		valid: { body: 'Hello' },
		text: []
	},
	{
		name: 'endorse a skill',
		path: '/org/applications/nosuchapplication?/endorse',
		role: 'author',
		valid: { skill: 'first_aid', level: '2' },
		text: ['skill', 'level']
	},
	{
		name: 'application decision',
		path: '/org/applications/nosuchapplication?/decide',
		role: 'author',
		valid: { decision: 'accept', note: '' },
		text: ['decision']
	},
	// Skills, by an administrator.
	{
		name: 'new skill',
		path: '/admin/skills?/add',
		role: 'admin',
		valid: skill,
		text: ['group', 'name_my', 'teach_my']
	},
	{
		name: 'skill edit',
		path: `/admin/skills/${sampleParams.skill}?/save`,
		role: 'admin',
		valid: skill,
		text: ['working_my', 'group']
	}
];

const TABLES = [
	'user',
	'session',
	'recovery_code',
	'organization',
	'org_member',
	'org_invitation',
	'org_decision',
	'sign_in_throttle',
	'enrolment',
	'lesson_progress',
	'quiz_attempt',
	'certificate',
	'course',
	'course_module',
	'lesson',
	'quiz',
	'skill',
	'course_skill',
	'course_image',
	'course_clip',
	'user_skill',
	'learner_profile',
	'role',
	'role_skill',
	'application',
	'application_event',
	'application_message',
	'training',
	'training_session',
	'training_provision',
	'training_skill',
	'training_attendance',
	'training_certificate',
	'training_message',
	'service',
	'help_request',
	'help_message',
	'help_referral',
	'help_referral_message'
];
let sqlite: Database.Database;
const snapshot = () =>
	[
		...TABLES.map(
			(t) => (sqlite.prepare(`select count(*) n from "${t}"`).get() as { n: number }).n
		),
		// Edits change no row count: every course's version and time of change must stay too.
		(
			sqlite
				.prepare(
					"select group_concat(id || ':' || version || ':' || updated_at || ':' || status) s from course"
				)
				.get() as { s: string }
		).s,
		(
			sqlite
				.prepare("select group_concat(id || ':' || updated_at || ':' || status) s from role")
				.get() as { s: string | null }
		).s,
		(
			sqlite
				.prepare("select group_concat(id || ':' || updated_at || ':' || status) s from training")
				.get() as { s: string | null }
		).s,
		(
			sqlite
				.prepare("select group_concat(id || ':' || updated_at || ':' || status) s from service")
				.get() as { s: string | null }
		).s,
		// A skill edit changes texts and the time of the edit, not the count.
		(
			sqlite
				.prepare(
					"select coalesce(max(updated_at), 0) || ':' || total(length(name_my) + length(name_en) + length(levels) + length(coalesce(group_id, ''))) s from skill"
				)
				.get() as { s: string }
		).s
	].join(',');
beforeAll(() => {
	sqlite = new Database(inject('databasePath'), { readonly: true });
});
afterAll(() => sqlite.close());

/** A member of a vetted organization with a draft course (part-1, lesson-1, quiz-1), one per language. */
const authors = new Map<
	string,
	{ client: Client; course: string; role: string; training: string; service: string }
>();
async function authorClient(locale: 'my' | 'en') {
	if (authors.has(locale)) return authors.get(locale)!;
	const client = new Client(locale);
	expect((await client.signUp(uniqueName('badauthor'), 'org_member')).status).toBe(200);
	const name = uniqueName('bad org');
	expect((await client.post('/org?/apply', { name, kind: 'ngo', description: '' })).status).toBe(
		200
	);
	// Vetting by an administrator arrives with the matching work; here its outcome is set directly.
	const writable = new Database(inject('databasePath'));
	writable.prepare("update organization set status = 'vetted' where name = ?").run(name);
	writable.close();
	const created = await client.post('/author?/create', courseDetails);
	expect(created.status).toBe(303);
	const course = created.headers.get('location')!;
	expect(
		(await client.post(`${course}?/addModule`, { title_my: 'အပိုင်း', title_en: 'Part' })).status
	).toBe(200);
	expect((await client.post(`${course}/modules/part-1/new-lesson?/save`, lesson)).status).toBe(303);
	expect(
		(
			await client.post(`${course}/modules/part-1/new-quiz`, {
				title_my: 'စစ်',
				title_en: 'Check',
				pass_mark: '80',
				...question
			})
		).status
	).toBe(303);
	const role = await client.post('/org/roles/new', roleDetails);
	expect(role.status).toBe(303);
	const training = await client.post('/org/trainings/new', trainingDetails);
	expect(training.status).toBe(303);
	const service = await client.post('/org/services/new?/create', serviceDetails);
	expect(service.status).toBe(303);
	authors.set(locale, {
		service: service.headers.get('location')!,
		client,
		course,
		role: role.headers.get('location')!,
		training: training.headers.get('location')!
	});
	return authors.get(locale)!;
}

const admins = new Map<string, Client>();
async function clientFor(role: FormCase['role'], locale: 'my' | 'en'): Promise<Client> {
	if (role === 'author') return (await authorClient(locale)).client;
	if (role === 'admin') {
		if (!admins.has(locale)) admins.set(locale, await adminClient(locale, 'badadmin'));
		return admins.get(locale)!;
	}
	const client = new Client(locale);
	if (role !== 'anonymous') expect((await client.signUp(uniqueName('bad'), role)).status).toBe(200);
	return client;
}

function badBodies(form: FormCase): [string, BodyInit, string][] {
	const urlencoded = 'application/x-www-form-urlencoded';
	const field = Object.keys(form.valid)[0];
	const encode = (values: Record<string, string>) => new URLSearchParams(values).toString();
	const cases: [string, BodyInit, string][] = [
		...(form.emptyIsValid ? [] : [['an empty form', '', urlencoded] as [string, BodyInit, string]]),
		['a 1 MB value', encode({ ...form.valid, [field]: MB }), urlencoded],
		['a control character', encode({ ...form.valid, [field]: 'abc\u0000def' }), urlencoded],
		[
			'broken UTF-8',
			`${field}=%FF%FE%FD&${encode(Object.fromEntries(Object.entries(form.valid).filter(([k]) => k !== field)))}`,
			urlencoded
		],
		['a JSON body instead of a form', JSON.stringify(form.valid), 'application/json']
	];
	for (const name of form.text) {
		cases.push([
			`SQL in ${name}`,
			encode({ ...form.valid, [name]: "x'; DROP TABLE user; --" }),
			urlencoded
		]);
		cases.push([
			`HTML in ${name}`,
			encode({ ...form.valid, [name]: '<script>alert(1)</script>' }),
			urlencoded
		]);
	}
	const multipart = new FormData();
	for (const [k, v] of Object.entries(form.valid)) multipart.set(k, v);
	multipart.set(field, new Blob(['not text']), 'file.bin');
	cases.push(['a file where text belongs', multipart, '']);
	return cases;
}

describe.each(forms)('the $name form', (form) => {
	it.each(badBodies(form))(
		'answers %s with a translated 400 and writes nothing',
		async (_, body, type) => {
			for (const locale of ['my', 'en'] as const) {
				const client = await clientFor(form.role, locale);
				const author = form.role === 'author' ? await authorClient(locale) : null;
				const path = form.path
					.replace('{course}', author?.course ?? '')
					.replace('{role}', author?.role ?? '')
					.replace('{training}', author?.training ?? '')
					.replace('{service}', author?.service ?? '');
				const before = snapshot();
				const headers: Record<string, string> = { accept: 'application/json' };
				if (type) headers['content-type'] = type;
				const response = await client.request(path, {
					method: 'POST',
					body,
					headers: { ...headers, 'x-sveltekit-action': 'true' }
				});
				const text = await response.text();
				if (response.status === 200) {
					// use:enhance requests get the action's result as JSON: a failure with status 400.
					const result = JSON.parse(text);
					expect(result.type).toBe('failure');
					expect(result.status).toBe(400);
				} else {
					expect(response.status).toBe(400);
				}
				expect(text).toMatch(locale === 'my' ? /[\u1000-\u109f]/ : /[a-z]{3}/i);
				// The form's own Burmese values may be echoed back; the messages must be in English.
				const messages = Object.values(form.valid)
					.sort((a, b) => b.length - a.length)
					.reduce((rest, value) => rest.split(value).join(''), text);
				if (locale === 'en') expect(messages).not.toMatch(/[\u1000-\u109f]/);
				expect(snapshot()).toBe(before);
			}
		}
	);
});

describe('the "Clear this phone" form, which takes no input', () => {
	it.each(['my', 'en'] as const)(
		'refuses a body that is not a form with a translated 400, and keeps the session (%s)',
		async (locale) => {
			const client = new Client(locale);
			expect((await client.signUp(uniqueName('badclear'))).status).toBe(200);
			const before = snapshot();
			const response = await client.request('/clear', {
				method: 'POST',
				body: JSON.stringify({ clear: true }),
				headers: { 'content-type': 'application/json' }
			});
			expect(response.status).toBe(400);
			const text = await response.text();
			if (locale === 'my') expect(text).toMatch(/[\u1000-\u109f]/);
			else expect(text).toMatch(/^[^\u1000-\u109f]*$/);
			expect(response.headers.get('clear-site-data')).toBeNull();
			expect(snapshot()).toBe(before);
			expect((await client.request('/learn')).status).toBe(200);
		}
	);

	it('reads nothing of what a form sends: whatever the fields, it clears', async () => {
		const client = new Client();
		expect((await client.signUp(uniqueName('badclear'))).status).toBe(200);
		const session = client.cookie;
		const response = await client.post('/clear', { x: 'abc\u0000def', y: MB });
		expect(response.status).toBe(200);
		expect(response.headers.get('clear-site-data')).not.toBeNull();
		client.cookie = session;
		expect((await client.request('/learn')).status).toBe(303);
	});
});

describe('a plain form post without JavaScript', () => {
	it('shows the form again with status 400 and the message beside the field', async () => {
		const client = new Client('my');
		const response = await client.post('/signup', {
			username: 'ab',
			password: 'green tea and rice',
			kind: 'learner'
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('အသုံးပြုသူအမည်တွင် အနည်းဆုံး စာလုံး ၃ လုံး လိုသည်။');
		expect(html).not.toContain('green tea and rice');
	});
});
