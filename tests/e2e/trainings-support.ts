/**
 * Trainings on the suite's server, made with the domain functions on its database: the
 * organization's pages for trainings are not where these tests look, and a training must be
 * approved and opened before learners see it.
 */
import { inject } from 'vitest';
import { createAdministrator } from '$lib/server/accounts/sign-in';
import { openDatabase, type Db } from '$lib/server/db';
import { createTraining, type TrainingDetails } from '$lib/server/trainings/editing';
import { vettedOrgMember } from '../helpers/authors';
import { openTraining, trainingInput } from '../helpers/trainings';
import { uniqueName } from './support';

async function onServer<T>(work: (db: Db) => Promise<T>): Promise<T> {
	const db = openDatabase(inject('databasePath'));
	try {
		return await work(db);
	} finally {
		await db.destroy();
	}
}

/** A new administrator, to approve trainings. */
async function newAdmin(db: Db): Promise<string> {
	const made = await createAdministrator(db, uniqueName('trainingadmin'));
	if (!made.ok) throw new Error(made.error);
	return made.userId;
}

/** The owner of an organization (the member who applied for it). */
async function ownerOf(db: Db, orgId: string): Promise<string> {
	return (
		await db
			.selectFrom('org_member')
			.select('user_id')
			.where('org_id', '=', orgId)
			.where('role', '=', 'owner')
			.executeTakeFirstOrThrow()
	).user_id;
}

/**
 * An open training of a new vetted organization (trainingInput's sewing training, `more`
 * changed). Returns its id and the organization's name.
 */
export function openTrainingOnServer(
	seats: number,
	more: Partial<TrainingDetails> = {}
): Promise<{ id: string; orgName: string }> {
	return onServer(async (db) => {
		const name = uniqueName('trainer');
		const member = await vettedOrgMember(db, name);
		return {
			id: await openTraining(db, member.userId, await newAdmin(db), seats, more),
			orgName: `${name} org`
		};
	});
}

/** A training of the organization `orgId`, open, or left a draft. */
export function trainingOf(
	orgId: string,
	status: 'open' | 'draft',
	more: Partial<TrainingDetails> = {}
): Promise<string> {
	return onServer(async (db) => {
		const owner = await ownerOf(db, orgId);
		if (status === 'open') return openTraining(db, owner, await newAdmin(db), 2, more);
		const created = await createTraining(db, owner, trainingInput(2, more));
		if (!created.ok) throw new Error(created.error);
		return created.id;
	});
}
