/** A learner reading Burmese finds a starter course by a Burmese word, completes it, and gets a certificate. */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
	answerQuiz,
	consoleErrors,
	launch,
	phone,
	shown,
	signUpInBrowser,
	typeInto,
	uniqueName
} from './support';
import { onScreen } from './screen';

const COURSE = 'first-aid-basics';
const course = JSON.parse(fs.readFileSync(`content/courses/${COURSE}/course.json`, 'utf8'));

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('a starter course', () => {
	it('is found by a Burmese word, read lesson by lesson, passed, and certified', async () => {
		const context = await phone(browser);
		const page = await context.newPage();
		const errors = consoleErrors(page);
		await signUpInBrowser(page, uniqueName('reader'), 'first aid for all');
		await page.goto('/learn/courses');
		expect(await axeViolations(page)).toEqual([]);
		await typeInto(page.getByLabel('ရှာရန်'), 'သွေး');
		await page.getByRole('button', { name: 'ရှာရန်', exact: true }).click();
		await page.getByRole('link', { name: course.title.my }).click();
		await page.waitForURL(`**/learn/courses/${COURSE}`);
		expect(await axeViolations(page)).toEqual([]);
		// Before starting: what the course shows (a knowledge quiz on a phone), and for a practical skill that it needs in-person practice.
		const assessed = page.getByRole('region', { name: 'ဤသင်တန်းက ဘာကို ပြသနည်း' });
		await shown(assessed.getByText(/ဖုန်းပေါ်ရှိ စာမေးပွဲက သင် သိထားသည်ကို စစ်ဆေးသည်/));
		expect(await assessed.getByText(/ဤသည်မှာ လက်တွေ့ ကျွမ်းကျင်မှု ဖြစ်သည်/).count()).toBe(
			course.practical ? 1 : 0
		);
		await page.getByRole('button', { name: 'ဤသင်တန်းကို စတင်ရန်' }).click();
		await shown(
			page.getByRole('heading', { level: 1, name: course.modules[0].lessons[0].title.my })
		);
		expect(await axeViolations(page)).toEqual([]);

		for (const module of course.modules) {
			for (const lesson of module.lessons) {
				await shown(page.getByRole('heading', { level: 1, name: lesson.title.my }));
				await page.getByRole('button', { name: 'ပြီးပြီဟု မှတ်ရန်' }).click();
			}
			if (module.quiz) {
				await page.waitForURL(`**/quizzes/${module.quiz}`);
				if (module === course.modules[0]) expect(await axeViolations(page)).toEqual([]);
				await answerQuiz(page, COURSE, module.quiz);
				// The score comes first: on screen and focused, not the last question answered.
				expect(await onScreen(page.locator('[role="status"][data-reveal]'))).toBe(true);
				expect(
					await page.evaluate(() => document.activeElement?.matches('[role="status"][data-reveal]'))
				).toBe(true);
				if (module === course.modules[0]) expect(await axeViolations(page)).toEqual([]);
				if (module !== course.modules.at(-1))
					await page.getByRole('link', { name: 'နောက် သင်ခန်းစာ →' }).click();
			}
		}
		// The last quiz finished the course: said with the score, and the certificate one tap away.
		await page
			.getByRole('status')
			.getByRole('link', { name: 'သင် သင်တန်းကို ပြီးဆုံးခဲ့ပြီ။ သင့်လက်မှတ် အဆင်သင့် ဖြစ်ပါပြီ။' })
			.click();
		await shown(page.getByRole('heading', { name: 'သင်တန်းပြီးဆုံးကြောင်း လက်မှတ်' }));
		const code = (await page.getByText(/စစ်ဆေးရေး ကုဒ် - /).innerText()).split(' - ')[1].trim();
		expect(await axeViolations(page)).toEqual([]);
		// The certificate says what was assessed, and that practical skills were not.
		const assessedText = /စစ်ဆေးခဲ့သည့်အရာ - သင်ခန်းစာများကို ဖတ်ပြီး ဖုန်းပေါ်တွင် အသိပညာ စာမေးပွဲကို အောင်ခဲ့သည်။/;
		const practicalText = 'လက်တွေ့ ကျွမ်းကျင်မှုများကို မစစ်ဆေးခဲ့ပါ။';
		await shown(page.getByText(assessedText));
		expect(await page.getByText(practicalText, { exact: false }).count()).toBe(
			course.practical ? 1 : 0
		);

		// Anyone can check it, signed in or not.
		const stranger = await browser.newContext({ baseURL: page.url() });
		const check = await stranger.newPage();
		await check.goto(`/verify/${code}`);
		await shown(check.getByText('ဤလက်မှတ်သည် အစစ်အမှန် ဖြစ်သည်။'));
		await shown(check.getByText('ကိုင်ဆောင်သူက အမည် မပြရန် ရွေးထားသည်။'));
		await shown(check.getByText(assessedText));
		expect(await check.getByText(practicalText, { exact: false }).count()).toBe(
			course.practical ? 1 : 0
		);

		// The holder hides it: checks then say nothing can be shown.
		await page.goto('/learn/certificates');
		await page.getByRole('button', { name: 'စစ်ဆေးမှုမှ ဖုံးထားရန်' }).click();
		await shown(page.getByText('သိမ်းပြီးပါပြီ။'));
		await check.reload();
		await shown(check.getByText('ဤကုဒ်ဖြင့် ပြနိုင်သော လက်မှတ် မရှိပါ။'));
		await stranger.close();

		// My learning lists the course as done.
		await page.goto('/learn');
		await shown(
			page.getByRole('region', { name: 'ပြီးဆုံးပြီ' }).getByRole('link', { name: course.title.my })
		);
		expect(errors).toEqual([]);
		await context.close();
	});
});
