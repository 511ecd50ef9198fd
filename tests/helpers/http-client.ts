/**
 * A person's raw HTTP client: one session cookie, the language cookie, and same-origin form posts
 * as a browser sends them. The e2e and faults suites each give it their server's address.
 */
export class HttpClient {
	cookie = '';

	constructor(
		private readonly address: () => string,
		public locale: 'my' | 'en' = 'en'
	) {}

	get baseUrl(): string {
		return this.address();
	}

	async request(
		path: string,
		init: RequestInit & { form?: Record<string, string> } = {}
	): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set('cookie', [this.cookie, `lang=${this.locale}`].filter(Boolean).join('; '));
		if (!headers.has('accept')) headers.set('accept', 'text/html');
		let body = init.body;
		if (init.form) {
			body = new URLSearchParams(init.form).toString();
			headers.set('content-type', 'application/x-www-form-urlencoded');
		}
		if ((init.method ?? 'GET') !== 'GET' && !headers.has('origin'))
			headers.set('origin', this.baseUrl);
		const response = await fetch(this.baseUrl + path, {
			...init,
			body,
			headers,
			redirect: 'manual'
		});
		const set = response.headers.getSetCookie().find((c) => /^(__Host-)?sid=/.test(c));
		if (set) this.cookie = /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(set) ? '' : set.split(';')[0];
		return response;
	}

	post(path: string, form: Record<string, string>, init: RequestInit = {}) {
		return this.request(path, { ...init, method: 'POST', form });
	}
}
