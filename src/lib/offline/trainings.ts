/**
 * Trainings a learner chose to keep on this phone (browser only), to read with no network
 * where and when they meet: the offline page shows them. Only trainings the learner holds a
 * place in, only on their choice, never in a shared phone's session, and tied to their account's
 * opaque key, so another account on this phone never sees them. The copy follows the server
 * whenever the app opens with a network (a place given up or a training ended leaves the
 * phone), a training leaves the phone the day after its last session even with no network, and
 * signing out or "Clear this phone" removes them all.
 */
import type { TrainingProvision } from '$lib/vocab/trainings';
import { currentAccount } from './outbox';
import { downloadsAllowed } from './stored';
import { forgetKeptTrainings, readSaved as read, writeSaved as write } from './saved';

export { forgetKeptTrainings };

export interface KeptTraining {
	id: string;
	title: { my: string; en: string };
	org: string;
	/** Local times, YYYY-MM-DDTHH:MM, in order. */
	sessions: { startsAt: string; endsAt: string }[];
	provided: TrainingProvision[];
	/** Empty until the organization writes it. */
	meetingPoint: string;
}

/** The learner's trainings the phone may keep (src/routes/api/trainings/kept). */
export const KEPT_URL = '/api/trainings/kept';

/** Today on this phone, YYYY-MM-DD. */
function localToday(): string {
	const now = new Date();
	const two = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** Ended: its last session was on an earlier day (as the server's daily sweep counts it). */
const ended = (training: KeptTraining) =>
	training.sessions.every((s) => s.endsAt.slice(0, 10) < localToday());

/** The current account's kept trainings that have not ended, in the order of their first session. */
export async function keptTrainings(): Promise<KeptTraining[]> {
	if (typeof indexedDB === 'undefined') return [];
	const [saved, account] = await Promise.all([read(), currentAccount()]);
	if (!saved || !account || saved.account !== account) return [];
	return saved.trainings
		.filter((t) => !ended(t))
		.sort((a, b) => (a.sessions[0]?.startsAt ?? '').localeCompare(b.sessions[0]?.startsAt ?? ''));
}

/** Whether the training is kept on this phone for the current account. */
export const isKept = async (trainingId: string) =>
	(await keptTrainings()).some((t) => t.id === trainingId);

/** The server's copy of the learner's trainings, or null with no network or no session. */
async function fromServer(): Promise<KeptTraining[] | null> {
	try {
		const response = await fetch(KEPT_URL, { cache: 'no-store', credentials: 'same-origin' });
		if (!response.ok) return null;
		return ((await response.json()) as { trainings: KeptTraining[] }).trainings;
	} catch {
		return null;
	}
}

export type KeepAnswer = 'kept' | 'not_holding' | 'no_network' | 'not_here';

/** Keeps one more training on this phone, as the server has it now. */
export async function keepTraining(trainingId: string): Promise<KeepAnswer> {
	const account = await currentAccount();
	if (!downloadsAllowed() || typeof indexedDB === 'undefined' || !account) return 'not_here';
	const trainings = await fromServer();
	if (!trainings) return 'no_network';
	if (!trainings.some((t) => t.id === trainingId)) return 'not_holding';
	const saved = await read();
	const before = saved?.account === account ? saved.ids : [];
	const ids = [...new Set([...before, trainingId])];
	await write({ account, ids, trainings: trainings.filter((t) => ids.includes(t.id)) });
	// The offline page that shows it, which a first visit did not keep, comes with it (as with a
	// course's download; loaded only here, from the worker's registration script).
	await (await import('$lib/pwa/shell')).keepShell(true);
	return 'kept';
}

/** Takes one training off this phone. */
export async function forgetTraining(trainingId: string): Promise<void> {
	const saved = await read();
	if (!saved) return;
	const ids = saved.ids.filter((id) => id !== trainingId);
	if (ids.length === 0) await forgetKeptTrainings();
	else await write({ ...saved, ids, trainings: saved.trainings.filter((t) => ids.includes(t.id)) });
}

/**
 * Brings the kept copy up to the server's (the app opening with a network): changed sessions
 * or meeting point are kept, a training the learner no longer holds leaves the phone. Another
 * account's copy is removed. With no network, ended trainings still leave.
 */
export async function refreshKeptTrainings(): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	const [saved, account] = await Promise.all([read(), currentAccount()]);
	if (!saved) return;
	if (saved.account !== account || !downloadsAllowed()) return void (await forgetKeptTrainings());
	const trainings = (await fromServer()) ?? saved.trainings.filter((t) => !ended(t));
	const ids = saved.ids.filter((id) => trainings.some((t) => t.id === id));
	if (ids.length === 0) await forgetKeptTrainings();
	else
		await write({
			account: saved.account,
			ids,
			trainings: trainings.filter((t) => ids.includes(t.id))
		});
}
