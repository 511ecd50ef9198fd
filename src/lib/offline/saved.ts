/**
 * The record of trainings kept on this phone (src/lib/offline/trainings.ts), read and written
 * here alone. Small on purpose: every learner's page loads it (to know whether there is a copy
 * to bring up to date, and to remove it at sign-out); the rest loads only when there is one.
 */
import { SAVED_KEY } from '$lib/stored-names';
import type { KeptTraining } from './trainings';
import { META, run } from './idb';

/** What the phone holds: whose it is, what the learner chose, and the last copy of each. */
export interface Saved {
	account: string;
	ids: string[];
	trainings: KeptTraining[];
}

export const readSaved = () => run<Saved | undefined>(META, 'readonly', (s) => s.get(SAVED_KEY));
export const writeSaved = (saved: Saved) => run(META, 'readwrite', (s) => s.put(saved, SAVED_KEY));
/** Removes every kept training (signing out, the account deleted, nothing left to keep). */
export const forgetKeptTrainings = () => run(META, 'readwrite', (s) => s.delete(SAVED_KEY));
/** Whether this phone holds kept trainings (of any account). */
export const hasKeptTrainings = async () =>
	(await run<number>(META, 'readonly', (s) => s.count(SAVED_KEY))) > 0;
