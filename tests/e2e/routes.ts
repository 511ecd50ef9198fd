import fs from 'node:fs';
import path from 'node:path';

export interface RouteCall {
	routeId: string;
	method: 'GET' | 'POST';
	path: string;
	/** The form action, for page routes. */
	action?: string;
	/** A page (GET of a +page.svelte), a form action, or an endpoint (+server.ts). */
	kind: 'page' | 'action' | 'endpoint';
}

const firstAid = JSON.parse(
	fs.readFileSync('content/courses/first-aid-basics/course.json', 'utf8')
);

/** A real value for each route parameter, so every route can be called. */
export const sampleParams: Record<string, string> = {
	course: 'first-aid-basics',
	lesson: firstAid.modules[0].lessons[0].id,
	quiz: firstAid.modules[0].quiz,
	module: firstAid.modules[0].id,
	code: 'AAAA-BBBB-CCCC-DDDD',
	org: 'nosuchorganization',
	role: 'nosuchroleatall',
	training: 'nosuchtraining',
	application: 'nosuchapplication',
	session: 'nosuchsession',
	place: 'nosuchplace',
	service: 'nosuchservice',
	request: 'nosuchrequest',
	skill: 'first_aid',
	look: 'notes',
	name: fs.readdirSync('content/courses/first-aid-basics/images')[0]
};

/** The address of a route, with `params` (or the samples) for its parameters. */
export function urlPath(routeId: string, params: Record<string, string> = sampleParams): string {
	const path = routeId
		.replace(/\/\([^)]+\)/g, '')
		.replace(/\[(\w+)(?:=\w+)?\]/g, (_, name: string) => {
			if (!(name in params) && !(name in sampleParams))
				throw new Error(`no sample value for route parameter [${name}] in tests/e2e/routes.ts`);
			return params[name] ?? sampleParams[name];
		});
	return path || '/';
}

/** Every way a route can be called: GET for pages, POST for each form action, each endpoint method. */
export function routeCalls(dir = 'src/routes', routeId = ''): RouteCall[] {
	const calls: RouteCall[] = [];
	const id = routeId || '/';
	const file = (name: string) => path.join(dir, name);
	if (fs.existsSync(file('+page.svelte')))
		calls.push({ routeId: id, method: 'GET', path: urlPath(id), kind: 'page' });
	if (fs.existsSync(file('+page.server.ts'))) {
		const source = fs.readFileSync(file('+page.server.ts'), 'utf8');
		const block = source.match(/export const actions = \{([\s\S]*?)\n\} satisfies Actions/);
		if (block) {
			for (const m of block[1].matchAll(/^\t(\w+): /gm)) {
				const action = m[1];
				calls.push({
					routeId: id,
					method: 'POST',
					path: action === 'default' ? urlPath(id) : `${urlPath(id)}?/${action}`,
					action,
					kind: 'action'
				});
			}
		}
	}
	if (fs.existsSync(file('+server.ts'))) {
		const source = fs.readFileSync(file('+server.ts'), 'utf8');
		for (const m of source.matchAll(/export const (GET|POST)\b/g))
			calls.push({
				routeId: id,
				method: m[1] as 'GET' | 'POST',
				path: urlPath(id),
				kind: 'endpoint'
			});
	}
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory())
			calls.push(...routeCalls(path.join(dir, entry.name), `${routeId}/${entry.name}`));
	}
	return calls;
}
