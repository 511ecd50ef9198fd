/**
 * A small world with something saved on every page that has a form: a vetted organization with a
 * draft, a submitted and an open role, a learner who applied to the open one (with messages), and
 * an in-app course with a lesson and a quiz that the learner finished (so a certificate exists),
 * and an open training in which the learner holds a place.
 * Built through the app's own forms over HTTP (the training with the domain functions, as
 * trainings-support.ts says why), as fast as the tests of typing need it.
 */
import Database from 'better-sqlite3';
import { inject } from 'vitest';
import { adminClient, Client, uniqueName } from './support';
import { trainingOf } from './trainings-support';
import { serviceDetails } from './form-samples';

export interface World {
	admin: Client;
	org: Client;
	orgName: string;
	orgId: string;
	learner: Client;
	learnerName: string;
	/** The learner's password (Client.signUp's default). */
	learnerPassword: string;
	/** Saved texts, so a test can check they survive. */
	role: { descriptionMy: string; descriptionEn: string; safetyEn: string; pay: string };
	draftRoleId: string;
	submittedRoleId: string;
	openRoleId: string;
	applicationId: string;
	course: {
		id: string;
		module: string;
		lesson: string;
		quiz: string;
		summaryEn: string;
		bodyEn: string;
	};
	certificate: string;
	/** The organization's open training, in which the learner holds a place; its first session, and her place. */
	trainingId: string;
	sessionId: string;
	placeId: string;
	/** The organization's listed service and a draft one; the learner's request to the listed one. */
	serviceId: string;
	draftServiceId: string;
	helpRequestId: string;
}

async function expectStatus(
	request: Promise<Response>,
	status: number,
	what: string
): Promise<Response> {
	const response = await request;
	if (response.status !== status)
		throw new Error(
			`${what} answered ${response.status}, not ${status}: ${(await response.text()).slice(0, 300)}`
		);
	return response;
}

function one<T>(sql: string, ...args: unknown[]): T {
	const db = new Database(inject('databasePath'), { readonly: true });
	try {
		return db.prepare(sql).get(...args) as T;
	} finally {
		db.close();
	}
}

export async function buildWorld(): Promise<World> {
	const admin = await adminClient('en', 'worldadmin');
	const org = new Client('en');
	await expectStatus(
		org.signUp(uniqueName('worldorg'), 'org_member'),
		200,
		'signing up the organization member'
	);
	const orgName = uniqueName('River clinic ');
	await expectStatus(
		org.post('/org?/apply', {
			name: orgName,
			kind: 'clinic',
			description: 'A clinic by the river.\nOpen on weekdays.',
			area_mae_sot: 'on'
		}),
		200,
		'applying'
	);
	const orgId = one<{ id: string }>('select id from organization where name = ?', orgName).id;
	await expectStatus(
		admin.post(`/admin/organizations/${orgId}?/decide`, { decision: 'vet', note: '' }),
		200,
		'vetting'
	);

	const role = {
		descriptionMy: 'ဒဏ်ရာ ကုသရာတွင် ကူညီရန်။\nနေ့လယ်စာ ပါသည်။',
		descriptionEn: 'Help dress wounds at the clinic.\nLunch is provided.',
		safetyEn: 'We meet at the clinic only; never at your home.',
		pay: '300 baht a day'
	};
	const newRole = async (title: string) => {
		const created = await expectStatus(
			org.post('/org/roles/new', {
				kind: 'medical_volunteer',
				title_my: title,
				title_en: `${title} (en)`,
				description_my: role.descriptionMy,
				description_en: role.descriptionEn,
				safety_my: '',
				safety_en: role.safetyEn,
				area: 'mae_sot',
				availability: 'volunteer',
				pay: role.pay,
				seats: '2',
				starts_on: '',
				closes_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
			}),
			303,
			`writing the role ${title}`
		);
		const path = created.headers.get('location')!;
		await expectStatus(
			org.post(`${path}?/addSkill`, { skill: 'first_aid', level: '1', need: 'required' }),
			200,
			'adding first aid'
		);
		return path.split('/').pop()!;
	};
	const draftRoleId = await newRole('ဆေးခန်း မူကြမ်း');
	const submittedRoleId = await newRole('ဆေးခန်း စစ်ဆေးရန်');
	await expectStatus(
		org.post(`/org/roles/${submittedRoleId}?/move`, { move: 'submit' }),
		200,
		'submitting'
	);
	const openRoleId = await newRole('ဆေးခန်း ဖွင့်ထား');
	await expectStatus(
		org.post(`/org/roles/${openRoleId}?/move`, { move: 'submit' }),
		200,
		'submitting'
	);
	await expectStatus(
		admin.post(`/admin/roles/${openRoleId}?/review`, { decision: 'approve', note: '' }),
		200,
		'approving'
	);
	await expectStatus(org.post(`/org/roles/${openRoleId}?/move`, { move: 'open' }), 200, 'opening');

	const learner = new Client('en');
	const learnerName = uniqueName('worldlearner');
	const learnerPassword = 'green tea and rice';
	await expectStatus(learner.signUp(learnerName), 200, 'signing up the learner');
	const applied = await expectStatus(
		learner.post(`/learn/opportunities/${openRoleId}?/apply`, {
			message: 'I served as a medic for six years.'
		}),
		303,
		'applying'
	);
	const applicationId = applied.headers.get('location')!.split('/').pop()!;
	await expectStatus(
		org.post(`/org/applications/${applicationId}?/message`, { body: 'Can you start on Monday?' }),
		200,
		'writing to the learner'
	);

	// A course written in the app, with a lesson and a quiz, which the learner finishes.
	const summaryEn = 'Sew a straight seam.\nThen a hem.';
	const bodyEn = '# Needles\n\nThread the needle first.\n\n- one\n- two';
	const course = await expectStatus(
		org.post('/author?/create', {
			title_my: 'အပ်ချုပ် အခြေခံ',
			title_en: 'Sewing basics',
			summary_my: 'ချုပ်ရိုး ဖြောင့်ဖြောင့်။',
			summary_en: summaryEn,
			category: 'vocational',
			audience: 'families'
		}),
		303,
		'creating a course'
	);
	const courseId = course.headers.get('location')!.split('/').pop()!;
	await expectStatus(
		org.post(`/author/courses/${courseId}?/addModule`, { title_my: 'အခြေခံ', title_en: 'Basics' }),
		200,
		'adding a part'
	);
	const module = 'part-1';
	await expectStatus(
		org.post(`/author/courses/${courseId}/modules/${module}/new-lesson?/save`, {
			title_my: 'အပ်',
			title_en: 'Needles',
			minutes: '5',
			body_my: 'အပ်ကို အရင် ချည်ပါ။',
			body_en: bodyEn
		}),
		303,
		'adding a lesson'
	);
	const quiz = await expectStatus(
		org.post(`/author/courses/${courseId}/modules/${module}/new-quiz`, {
			title_my: 'စစ်ဆေးရန်',
			title_en: 'Check',
			pass_mark: '80',
			type: 'true_false',
			prompt_my: 'အပ်ကို အရင် ချည်ရမည်။',
			prompt_en: 'Thread the needle first.',
			answer: 'true',
			explanation_my: 'မှန်သည်။',
			explanation_en: 'Yes.'
		}),
		303,
		'adding a quiz'
	);
	const quizId = quiz.headers.get('location')!.split('/').pop()!;
	await expectStatus(
		org.post(`/author/courses/${courseId}?/publish`, { published: 'true' }),
		200,
		'publishing'
	);
	// A first publication waits for an administrator, who reads the course and approves it.
	const review = await (await admin.request(`/admin/courses/${courseId}`)).text();
	const seen = /name="seen" value="([^"]*)"/.exec(review)?.[1];
	if (seen === undefined) throw new Error('the course review page shows no version');
	await expectStatus(
		admin.post(`/admin/courses/${courseId}?/publication`, { decision: 'approve', note: '', seen }),
		200,
		'approving the course'
	);
	const lesson = one<{ id: string }>(
		'select id from lesson where course_id = ? and retired = 0',
		courseId
	).id;
	await expectStatus(
		learner.post(`/learn/courses/${courseId}/lessons/${lesson}?/done`, {}),
		303,
		'finishing the lesson'
	);
	await expectStatus(
		learner.post(`/learn/courses/${courseId}/quizzes/${quizId}`, { 'q-question-1': 'true' }),
		200,
		'passing the quiz'
	);
	const certificate = one<{ code: string }>(
		'select code from certificate where course_id = ?',
		courseId
	)?.code;
	if (!certificate) throw new Error('the learner got no certificate');
	const trainingId = await trainingOf(orgId, 'open');
	await expectStatus(
		learner.post(`/learn/trainings/${trainingId}?/ask`, {}),
		200,
		'asking for a place'
	);
	const { sessionId, placeId } = one<{ sessionId: string; placeId: string }>(
		`select s.id as sessionId, p.id as placeId from training_session s
		 join training_place p on p.training_id = s.training_id
		 where s.training_id = ? order by s.starts_at limit 1`,
		trainingId
	)!;

	const newService = async () =>
		(
			await expectStatus(
				org.post('/org/services/new?/create', serviceDetails),
				303,
				'listing a service'
			)
		).headers
			.get('location')!
			.split('/')
			.pop()!;
	const draftServiceId = await newService();
	const serviceId = await newService();
	await expectStatus(
		org.post(`/org/services/${serviceId}?/move`, { move: 'submit' }),
		200,
		'sending a service for review'
	);
	await expectStatus(
		admin.post(`/admin/services/${serviceId}?/review`, { decision: 'approve', note: '' }),
		200,
		'approving the service'
	);
	const helpRequestId = (
		await expectStatus(
			learner.post(`/learn/help/new/${serviceId}?/ask`, {
				kind: 'counselling',
				urgency: 'this_week',
				message: 'I cannot sleep since I left'
			}),
			303,
			'asking for help'
		)
	).headers
		.get('location')!
		.split('/')
		.pop()!;

	return {
		serviceId,
		draftServiceId,
		helpRequestId,
		admin,
		org,
		orgName,
		orgId,
		learner,
		learnerName,
		learnerPassword,
		role,
		draftRoleId,
		submittedRoleId,
		openRoleId,
		applicationId,
		course: { id: courseId, module, lesson, quiz: quizId, summaryEn, bodyEn },
		certificate,
		trainingId,
		sessionId,
		placeId
	};
}
