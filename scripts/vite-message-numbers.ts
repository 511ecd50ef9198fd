/**
 * Numbers filled into messages read in the message's language: `m.course_facts({ lessons: 7 })`
 * gives "သင်ခန်းစာ ၇ ခု" in Burmese and "7 lessons" in English, everywhere (server, pages,
 * offline reader, kept pages), without each call site formatting its numbers.
 *
 * Paraglide compiles each message to a module with one function per language, whose text is a
 * template literal reading its inputs as `${i?.name}`. This plugin passes each input through
 * `messageValue(locale, value)` of src/lib/format.ts, which formats numbers and leaves strings
 * (codes, names, what people wrote, texts formatted already) untouched. Should Paraglide change
 * the shape of what it writes, the build stops here rather than ship unformatted numbers;
 * tests/unit/message-digits.test.ts renders every message with numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const MESSAGE = /\/paraglide\/messages\/(?!_index)(\w+)\.js$/;
const FORMAT = path.resolve('src/lib/format.ts');

const locales = (): string[] =>
	(JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as { locales: string[] })
		.locales;

/** The message module's code with every input of every language's function formatted, or null when it has no inputs. */
export function formatMessageInputs(code: string, key: string, languages: string[]): string | null {
	let functions = 0;
	let inputs = 0;
	const rewritten = code.replace(
		new RegExp(
			`(const (${languages.join('|')})_${key} = [^\\n]*\\((i?)\\) => \\{\\n)([\\s\\S]*?)(\\n\\};)`,
			'g'
		),
		(_, head: string, locale: string, param: string, body: string, tail: string) => {
			functions++;
			const formatted = body.replace(/\$\{i\?\.(\w+)\}/g, (_input, name: string) => {
				inputs++;
				return `\${__messageValue(${JSON.stringify(locale)}, i?.${name})}`;
			});
			if (param && /\bi\?\./.test(formatted.replace(/__messageValue\("\w+", i\?\.\w+\)/g, ''))) {
				throw new Error(
					`${key}: an input is read other than as \${i?.name}; scripts/vite-message-numbers.ts does not know this shape`
				);
			}
			return head + formatted + tail;
		}
	);
	if (functions !== languages.length)
		throw new Error(
			`${key}: found ${functions} language functions, not ${languages.length}; scripts/vite-message-numbers.ts does not know this shape`
		);
	return inputs === 0
		? null
		: `import { messageValue as __messageValue } from ${JSON.stringify(FORMAT)};\n${rewritten}`;
}

export function messageNumbers(): Plugin {
	let languages: string[] = [];
	return {
		name: 'lanpya-message-numbers',
		enforce: 'post',
		buildStart() {
			languages = locales();
		},
		transform(code, id) {
			const match = MESSAGE.exec(id.split('?')[0]);
			if (!match) return null;
			if (languages.length === 0) languages = locales();
			const formatted = formatMessageInputs(code, match[1], languages);
			return formatted === null ? null : { code: formatted, map: null };
		}
	};
}
