/**
 * Every learner visible to vetted organizations, kept in memory for ranking a role's candidates:
 * which learners hold each skill at which level (an inverted index), and each learner's place,
 * time and remote work in typed arrays. Ranking a role then touches only the holders of its
 * skills and one pass over small numbers, instead of reading every learner's skills from the
 * database on each request (docs/benchmarks.md, bench:match).
 *
 * Never stale: triggers note every change to a profile, a learner's skills or an account,
 * whatever code makes it (./changes.ts). Each read first reloads the learners noted since the
 * last read, then deletes those notes. One process serves the database (docs/architecture.md),
 * so one reader consumes them.
 */
import type { Db } from '../db';
import { ChangeReader } from './changes';
import { countSource } from '../skills/levels';
import {
	candidateRule,
	listedAsCandidate,
	rankKey,
	RANK_KEYS,
	scoreOf,
	timesFitted,
	type LearnerFacts,
	type RoleFacts
} from './score';

class VisibleLearners {
	ids: string[] = [];
	facts: (LearnerFacts | null)[] = [];
	private slots = new Map<string, number>();
	private free: number[] = [];
	/** Skill id → slot → the level it counts at (levels.ts). */
	private holders = new Map<string, Map<number, number>>();

	private area = new Int16Array(1024);
	/** Slot → a bit for each role time the learner fits (`timesFitted`: full time fits part time too). */
	private availability = new Uint32Array(1024);
	private remote = new Uint8Array(1024);
	private codes = new Map<string, number>();

	/** Its place in the change notes (./changes.ts). */
	constructor(readonly reader: ChangeReader) {}

	private code(word: string): number {
		let code = this.codes.get(word);
		if (code === undefined) this.codes.set(word, (code = this.codes.size));
		return code;
	}

	private bit(word: string): number {
		const code = this.code(word);
		return code < 32 ? 1 << code : 0;
	}

	remove(id: string): void {
		const slot = this.slots.get(id);
		if (slot === undefined) return;
		for (const skill of Object.keys(this.facts[slot]!.skills))
			this.holders.get(skill)?.delete(slot);
		this.slots.delete(id);
		this.ids[slot] = '';
		this.facts[slot] = null;
		this.free.push(slot);
	}

	put(id: string, facts: LearnerFacts): void {
		this.remove(id);
		const slot = this.free.pop() ?? this.ids.length;
		if (slot >= this.area.length) this.grow();
		this.slots.set(id, slot);
		this.ids[slot] = id;
		this.facts[slot] = facts;
		this.area[slot] = this.code(facts.area);
		this.availability[slot] = timesFitted(facts.availability).reduce(
			(mask, time) => mask | this.bit(time),
			0
		);
		this.remote[slot] = facts.remote ? 1 : 0;
		for (const [skill, level] of Object.entries(facts.skills)) {
			let held = this.holders.get(skill);
			if (!held) this.holders.set(skill, (held = new Map()));
			held.set(slot, level);
		}
	}

	private grow(): void {
		const size = this.area.length * 2;
		const area = new Int16Array(size);
		area.set(this.area);
		const availability = new Uint32Array(size);
		availability.set(this.availability);
		const remote = new Uint8Array(size);
		remote.set(this.remote);
		[this.area, this.availability, this.remote] = [area, availability, remote];
	}

	/**
	 * Slots of the `limit` best learners the role's candidate list shows (`candidateRule`), best
	 * first (eligible, score, then id).
	 */
	best(role: RoleFacts, limit: number): number[] {
		const rule = candidateRule(role);
		const count = this.ids.length;
		const required = new Uint8Array(count);
		const preferred = new Uint8Array(count);
		// Learners who hold a required skill at any level: for a role that requires skills, the
		// only ones listed, so only they are scored.
		const holds = new Uint8Array(count);
		const holding: number[] = [];
		for (const skill of role.required) {
			this.holders.get(skill.id)?.forEach((level, slot) => {
				if (holds[slot] === 0) holding.push(slot);
				holds[slot] = 1;
				if (level >= skill.level) required[slot]++;
			});
		}
		for (const skill of role.preferred)
			this.holders
				.get(skill.id)
				?.forEach((level, slot) => level >= skill.level && preferred[slot]++);
		const pool = rule.kind === 'required' ? holding : null;
		const size = pool ? pool.length : count;
		const area = role.area === null ? -1 : (this.codes.get(role.area) ?? -2);
		const remote = role.remote ? 1 : 0;
		const time = this.codes.has(role.availability) ? this.bit(role.availability) : 0;
		// `rankKey`: eligible learners rank above every other; -1 is not listed.
		const keys = new Int16Array(count).fill(-1);
		const tally = new Int32Array(RANK_KEYS);
		for (let i = 0; i < size; i++) {
			const slot = pool ? pool[i] : i;
			if (this.ids[slot] === '') continue;
			const place = this.area[slot] === area || (remote & this.remote[slot]) === 1;
			const score = scoreOf(
				role,
				required[slot],
				preferred[slot],
				place,
				(this.availability[slot] & time) !== 0
			);
			if (!listedAsCandidate(rule, holds[slot] === 1, score)) continue;
			keys[slot] = rankKey(required[slot] === role.required.length, score);
			tally[keys[slot]]++;
		}
		// The lowest key that still makes the list; only ties at it need their ids compared.
		let cutoff = RANK_KEYS - 1;
		for (let taken = 0; cutoff > 0 && taken + tally[cutoff] < limit; cutoff--)
			taken += tally[cutoff];
		const chosen: number[] = [];
		for (let i = 0; i < size; i++) {
			const slot = pool ? pool[i] : i;
			if (keys[slot] >= cutoff) chosen.push(slot);
		}
		chosen.sort((a, b) => keys[b] - keys[a] || (this.ids[a] < this.ids[b] ? -1 : 1));
		return chosen.slice(0, limit);
	}
}

const loaded = new WeakMap<Db, Promise<VisibleLearners>>();

/** Facts of the given learners (or of all) who are visible to vetted organizations. */
async function load(db: Db, userIds?: string[]): Promise<Map<string, LearnerFacts>> {
	const learners = new Map<string, LearnerFacts>();
	let profiles = db
		.selectFrom('learner_profile')
		.innerJoin('user', 'user.id', 'learner_profile.user_id')
		.select([
			'learner_profile.user_id',
			'learner_profile.area',
			'learner_profile.availability',
			'learner_profile.remote_ok'
		])
		.where('learner_profile.visibility', '=', 'vetted')
		.where('user.kind', '=', 'learner');
	let skills = db
		.selectFrom('user_skill')
		.innerJoin('learner_profile', 'learner_profile.user_id', 'user_skill.user_id')
		.select(['user_skill.user_id', 'user_skill.skill_id', 'user_skill.level'])
		.where('learner_profile.visibility', '=', 'vetted');
	if (userIds) {
		profiles = profiles.where('learner_profile.user_id', 'in', userIds);
		skills = skills.where('user_skill.user_id', 'in', userIds);
	}
	for (const p of await profiles.execute()) {
		learners.set(p.user_id, {
			skills: {},
			area: p.area,
			availability: JSON.parse(p.availability) as string[],
			remote: p.remote_ok === 1
		});
	}
	for (const row of await skills.execute()) {
		const facts = learners.get(row.user_id);
		if (facts) countSource(facts.skills, row.skill_id, row.level);
	}
	return learners;
}

async function loadAll(db: Db): Promise<VisibleLearners> {
	const visible = new VisibleLearners(await ChangeReader.start(db));
	for (const [id, facts] of await load(db)) visible.put(id, facts);
	return visible;
}

async function visibleLearners(db: Db, writePlace = false): Promise<VisibleLearners> {
	let loading = loaded.get(db);
	if (!loading) loaded.set(db, (loading = loadAll(db)));
	const visible = await loading;
	const changes = await visible.reader.since(db, 'learner');
	if (!changes) {
		// Dropped as silent (the process stalled): notes may be missing, so everything again.
		if (loaded.get(db) === loading) loaded.delete(db);
		return visibleLearners(db, writePlace);
	}
	for (let i = 0; i < changes.refs.length; i += 500) {
		const batch = changes.refs.slice(i, i + 500);
		const fresh = await load(db, batch);
		for (const id of batch) {
			const facts = fresh.get(id);
			if (facts) visible.put(id, facts);
			else visible.remove(id);
		}
	}
	await visible.reader.moved(db, changes.seq, { write: writePlace });
	return visible;
}

/** The `limit` best learners visible to vetted organizations that the role's candidate list shows, best first, with their facts. */
export async function bestLearners(
	db: Db,
	role: RoleFacts,
	limit: number
): Promise<{ id: string; facts: LearnerFacts }[]> {
	const visible = await visibleLearners(db);
	return visible
		.best(role, limit)
		.map((slot) => ({ id: visible.ids[slot], facts: visible.facts[slot]! }));
}

/** Loads every visible learner now (at start, ./start.ts), unless this process holds them already. */
export async function loadLearners(db: Db): Promise<void> {
	await visibleLearners(db);
}

/**
 * Applies the notes of changed learners now, and writes this process's place in them, when this
 * process holds matching's memory (every minute, housekeeping.ts, and after deletions): a
 * deleted account then leaves it at once, not at the next ranking. Other processes (another
 * worker, a command-line script) leave the notes to each server process, which reads them at
 * its next ranking.
 */
export async function applyLearnerChanges(db: Db): Promise<void> {
	if (loaded.has(db)) await visibleLearners(db, true);
}
