/**
 * Every setting comes from the environment, with a safe default, and is documented in the README.
 * Plain `process.env` (not `$env`) so the command-line scripts share this module.
 */
import os from 'node:os';
import path from 'node:path';

/** A PostgreSQL address rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
	return /^postgres(ql)?:\/\//.test(location);
}

function int(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number.parseInt(raw, 10);
	if (!Number.isFinite(value) || value < 0)
		throw new Error(`${name} must be a non-negative integer`);
	return value;
}

export const config = {
	get port() {
		return int('PORT', 3000);
	},
	get host() {
		return process.env.HOST || '127.0.0.1';
	},
	get origin() {
		return process.env.ORIGIN || `http://localhost:${int('PORT', 3000)}`;
	},
	/**
	 * How many server processes serve the one port (scripts/start.ts), all on the one database:
	 * by default one per core, at most 4 (past that, SQLite's one writer at a time is the limit,
	 * not the cores). 1 keeps one process. At least 1.
	 */
	get workers() {
		const cores = Math.min(os.availableParallelism(), 4);
		const workers = int('WORKERS', cores);
		if (workers < 1) throw new Error('WORKERS must be at least 1');
		return workers;
	},
	/**
	 * A PostgreSQL server's address (`postgres://user:password@host:port/database`) for several
	 * machines on one database; empty (the default) keeps SQLite at DATABASE_PATH.
	 */
	get databaseUrl() {
		const url = process.env.DATABASE_URL || '';
		if (url && !isPostgresUrl(url))
			throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
		return url;
	},
	/** Where the database is, for messages: the file, or the PostgreSQL address without its password. */
	get databaseShown() {
		const url = this.databaseUrl;
		if (!url) return this.databasePath;
		const address = new URL(url);
		if (address.password) address.password = '***';
		return address.toString();
	},
	get databasePath() {
		return path.resolve(process.env.DATABASE_PATH || 'data/lanpya.sqlite');
	},
	/**
	 * How long a write waits for another writer's lock (a backup, a maintenance command) before
	 * the request is answered "try again later" (503). Milliseconds, at least 1; 5 s by default.
	 */
	get databaseBusyMs() {
		const ms = int('DATABASE_BUSY_MS', 5000);
		if (ms < 1) throw new Error('DATABASE_BUSY_MS must be at least 1');
		return ms;
	},
	/**
	 * The most the database file may grow to, in MiB (0: no cap): a flood of writes fills the
	 * database up to here, never the server's disk. Past it, writes are answered 503 and nothing
	 * is half-written; they work again as soon as rows are deleted or the cap is raised (restart).
	 */
	get databaseMaxMb() {
		return int('DATABASE_MAX_MB', 0);
	},
	/** Where uploaded course images are kept (WebP files under generated names). */
	get mediaPath() {
		return path.resolve(process.env.MEDIA_PATH || 'data/media');
	},
	/** Production means served over HTTPS: Secure cookies with the __Host- prefix, and HSTS. */
	get secure() {
		return this.origin.startsWith('https://');
	},
	get signInLimitPerAddress() {
		return int('SIGN_IN_LIMIT_PER_ADDRESS', 30);
	},
	/** A learner's daily quotas (src/lib/server/quotas.ts): events synced, quiz-form attempts, messages. */
	get syncEventsPerDay() {
		return int('SYNC_EVENTS_PER_DAY', 500);
	},
	get quizAttemptsPerDay() {
		return int('QUIZ_ATTEMPTS_PER_DAY', 100);
	},
	get messagesPerDay() {
		return int('MESSAGES_PER_DAY', 50);
	},
	/**
	 * Sign-ups, and organization applications, each per 15 minutes: from one address, and from
	 * everyone together. A family or a support office signing several people up stays well
	 * below; a script making accounts (or testing which names exist) does not.
	 */
	get signUpLimitPerAddress() {
		return int('SIGN_UP_LIMIT_PER_ADDRESS', 10);
	},
	get signUpLimitTotal() {
		return int('SIGN_UP_LIMIT_TOTAL', 200);
	},
	/**
	 * Where "Leave quickly" and "Clear this phone" go: an ordinary site of another origin, opened
	 * only when the person asks. Lanpya itself never fetches it.
	 */
	get exitUrl() {
		const raw = process.env.QUICK_EXIT_URL || 'https://www.google.com/';
		const url = URL.canParse(raw) ? new URL(raw) : null;
		if (url?.protocol !== 'https:' && url?.protocol !== 'http:')
			throw new Error('QUICK_EXIT_URL must be an http(s) address');
		return url.href;
	},

	/** Accounts unused for this many months are deleted (src/lib/server/accounts/inactive.ts); 0 never. */
	get inactiveAccountMonths() {
		return int('INACTIVE_ACCOUNT_MONTHS', 24);
	},

	/**
	 * Requests for help and their threads are deleted this many days after they were closed
	 * (src/lib/server/services/requests.ts, the daily sweep); 0 deletes them at the next sweep.
	 */
	get helpRequestDays() {
		return int('HELP_REQUEST_DAYS', 90);
	},

	/** Audit rows older than this many months are deleted (src/lib/server/audit); 0 keeps them. */
	get auditMonths() {
		return int('AUDIT_MONTHS', 24);
	},

	/**
	 * A shared phone's session: after this long without a request, personal pages ask for the
	 * password again (course reading stays open). Seconds, at least 1; 15 minutes by default.
	 */
	get sharedIdleMs() {
		const seconds = int('SHARED_IDLE_SECONDS', 15 * 60);
		if (seconds < 1) throw new Error('SHARED_IDLE_SECONDS must be at least 1');
		return seconds * 1000;
	},
	/** The same, in whole minutes, for the sign-in form's explanation. */
	get sharedIdleMinutes() {
		return Math.max(1, Math.round(this.sharedIdleMs / 60_000));
	},

	/**
	 * An account with a code (the disguise's PIN): after this long without a request, the app
	 * asks for the code again before anything opens. Seconds, at least 1; 5 minutes by default,
	 * like a phone's own screen lock.
	 */
	get pinIdleMs() {
		const seconds = int('PIN_IDLE_SECONDS', 5 * 60);
		if (seconds < 1) throw new Error('PIN_IDLE_SECONDS must be at least 1');
		return seconds * 1000;
	}
};
