/**
 * Progress made on this phone without a network: events in IndexedDB, each with an id made
 * here, sent to /api/sync when the network is back (the online event, the app's start, right
 * after queuing, and Background Sync where the browser has it: then the service worker sends
 * them, even with the app closed). An event holds only what sync needs: no name, no
 * answers' meaning, just ids, and the opaque key of the account that made it, so another
 * account signing in on this phone never sends it as theirs. Progress made with no account (a
 * course opened from a file) waits, unsent, until a learner signs in and says it is theirs.
 */
import type { SyncEvent } from '$lib/schemas/learning';
import { OLD_NAMES, SYNC_TAG } from '$lib/stored-names';
import { SYNC_BATCH_MAX, SYNC_BODY_MAX } from '$lib/sync-limits';
import { EVENTS, META, inOne, run } from './idb';

/** A sync event as the server takes it, kept with the key of the account that made it. */
export type OutboxEvent = SyncEvent & { key: string };

type NewEvent = OutboxEvent extends infer E
	? E extends OutboxEvent
		? Omit<E, 'id' | 'key' | 'at'>
		: never
	: never;

/** Remembers which account's events this phone now makes (set by pages of a signed-in learner). */
export const setCurrentAccount = (key: string | null) =>
	key
		? run(META, 'readwrite', (s) => s.put(key, 'account'))
		: run(META, 'readwrite', (s) => s.delete('account'));
/** The opaque key of the account this phone now works for, if any. */
export const currentAccount = () =>
	run<string | undefined>(META, 'readonly', (s) => s.get('account'));

/**
 * The key of events made with no account on the phone (a course opened from a file and read
 * offline): they wait until someone signs in and says they are theirs (`adoptEventsWithoutAccount`).
 */
const NO_ACCOUNT = '';

const eventsOf = async (key: string) =>
	(await run<OutboxEvent[]>(EVENTS, 'readonly', (s) => s.getAll())).filter((e) => e.key === key);

/** Events of the current account still to send (with no account, those made without one). */
export async function waiting(): Promise<OutboxEvent[]> {
	return eventsOf((await currentAccount()) ?? NO_ACCOUNT);
}

/** How many events this phone holds that were made with no account signed in. */
export const madeWithoutAccount = async () => (await eventsOf(NO_ACCOUNT)).length;

/** Changes every event made with no account, in one transaction: all of them or none. */
const eachWithoutAccount = (change: (s: IDBObjectStore, event: OutboxEvent) => void) =>
	inOne(EVENTS, 'readwrite', (s) => {
		const all = s.getAll();
		all.onsuccess = () => {
			for (const event of all.result as OutboxEvent[])
				if (event.key === NO_ACCOUNT) change(s, event);
		};
	});

/** The signed-in learner says the progress made here without an account is theirs: it is sent as theirs. */
export async function adoptEventsWithoutAccount(): Promise<void> {
	const key = await currentAccount();
	if (!key) return;
	await eachWithoutAccount((s, event) => s.put({ ...event, key }));
	notify();
	await flush();
}

/** It is not theirs: it is deleted. */
export async function dropEventsWithoutAccount(): Promise<void> {
	await eachWithoutAccount((s, event) => s.delete(event.id));
	notify();
}

export async function queue(event: NewEvent): Promise<void> {
	const key = (await currentAccount()) ?? NO_ACCOUNT;
	await run(EVENTS, 'readwrite', (s) =>
		s.put({ ...event, id: crypto.randomUUID(), key, at: Date.now() })
	);
	notify();
	if (key !== NO_ACCOUNT && !(await flush())) void requestBackgroundSync();
}

/** The Background Sync tag under which the service worker sends the outbox (src/service-worker.ts). */
export const OUTBOX_SYNC = SYNC_TAG;
/** A tag registered by an earlier version of the app, before names were neutral: still answered. */
export const isOutboxSync = (tag: string) => tag === SYNC_TAG || tag === OLD_NAMES.syncTag;

/** Asks the browser to wake the service worker when the network is back (Chromium has it; others rely on the page). */
async function requestBackgroundSync(): Promise<void> {
	try {
		const registration = await navigator.serviceWorker?.getRegistration();
		await (
			registration as
				| (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
				| undefined
		)?.sync?.register(OUTBOX_SYNC);
	} catch {
		// Not allowed or not there: the page sends the outbox on its next start or online event.
	}
}

/** What the server is sent of an event: not the account's key. */
type Sent = Omit<OutboxEvent, 'key'>;
const encoder = new TextEncoder();
const ENVELOPE = encoder.encode('{"events":[]}').length;

/**
 * The first events that fit in one request: at most SYNC_BATCH_MAX of them, within
 * SYNC_BODY_MAX bytes (the endpoint refuses more). `tooLarge` is an event that would not fit
 * even alone; the server could never take it.
 */
export function nextBatch(events: OutboxEvent[]): { batch: Sent[]; tooLarge: OutboxEvent | null } {
	const batch: Sent[] = [];
	let bytes = ENVELOPE;
	for (const { key: _, ...event } of events) {
		const size = encoder.encode(JSON.stringify(event)).length + 1;
		if (batch.length === SYNC_BATCH_MAX || bytes + size > SYNC_BODY_MAX) break;
		batch.push(event);
		bytes += size;
	}
	return { batch, tooLarge: batch.length === 0 && events.length > 0 ? events[0] : null };
}

let flushing: Promise<boolean> | null = null;
/**
 * Sends the current account's events in batches; whatever the server answered is done with.
 * True when nothing of the account is left waiting. An answer that is not ok (no network, the
 * day's quota reached) leaves the events for the next chance.
 */
export function flush(): Promise<boolean> {
	return (flushing ??= (async () => {
		try {
			// With no account, nothing is sent: events made without one wait for someone to claim them.
			if (!(await currentAccount())) return false;
			for (;;) {
				const { batch, tooLarge } = nextBatch(await waiting());
				if (tooLarge) {
					// Answers read on this phone are far smaller (src/lib/courses/answers.ts); such an
					// event could only block every later one.
					await run(EVENTS, 'readwrite', (s) => s.delete(tooLarge.id));
					continue;
				}
				if (batch.length === 0) return true;
				const response = await fetch('/api/sync', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ events: batch })
				});
				if (!response.ok) return false;
				const { results } = (await response.json()) as { results: { id: string }[] };
				await inOne(EVENTS, 'readwrite', (s) => results.forEach((result) => s.delete(result.id)));
				notify();
			}
		} catch {
			// No network yet: the events wait for the next chance.
			return false;
		} finally {
			flushing = null;
			notify();
		}
	})());
}

/** Before signing out: send what is waiting; true when nothing of this account is left. */
export const flushBeforeSignOut = (): Promise<boolean> => flush();

/** Drops this account's waiting events (the learner chose to sign out without them). */
export async function forgetCurrentAccount(): Promise<void> {
	const events = await waiting();
	await inOne(EVENTS, 'readwrite', (s) => events.forEach((event) => s.delete(event.id)));
	await setCurrentAccount(null);
	notify();
}

const listeners = new Set<() => void>();
function notify() {
	for (const listener of listeners) listener();
}
/** Calls `listener` whenever the outbox may have changed; returns a function that stops it. */
export function onChange(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
