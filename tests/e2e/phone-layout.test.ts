/**
 * What a 360 × 740 phone shows of each main page, for every audience: the header and its menu
 * take at most 100 px, "Leave quickly" stays on screen and one tap away however far one scrolls,
 * the menu opens without JavaScript, and every link in a list, radio and checkbox is a tap target
 * of at least 44 × 44 px (measured as Chromium lays the page out).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	launch,
	phone,
	shown,
	signInAsNewAdmin,
	signUpInBrowser,
	uniqueName,
	waitForIdleLock
} from './support';
import { openMenu } from './screen';

const FIRST_AID = 'first-aid-basics';
const LESSON = `/learn/courses/${FIRST_AID}/lessons/01-check-safety`;
const QUIZ = `/learn/courses/${FIRST_AID}/quizzes/q1`;

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

interface Layout {
	headerBottom: number;
	mainTop: number;
	exit: { top: number; bottom: number; width: number; height: number } | null;
	menuButton: { width: number; height: number } | null;
}

/** Where the bar, "Leave quickly", the menu button and the page's content lie on screen now. */
function layout(page: Page): Promise<Layout> {
	return page.evaluate(() => {
		const box = (selector: string) => {
			const element = document.querySelector(selector);
			if (!element) return null;
			const { top, bottom, width, height } = element.getBoundingClientRect();
			return { top, bottom, width, height };
		};
		return {
			headerBottom: box('header.top')?.bottom ?? Infinity,
			mainTop: box('main')?.top ?? Infinity,
			exit: box('header.top a[data-quick-exit]'),
			menuButton: box('header.top details.menu > summary')
		};
	});
}

/** Checks the header of the page at `path`, at the top and scrolled to the bottom. */
async function expectCompactHeader(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	const top = await layout(page);
	expect({ path, bottom: top.headerBottom <= 100, main: top.mainTop <= 100 }).toEqual({
		path,
		bottom: true,
		main: true
	});
	// "Leave quickly" is on screen without opening anything, and big enough to hit at once.
	expect(
		top.exit &&
			top.exit.top >= 0 &&
			top.exit.bottom <= 100 &&
			top.exit.width >= 44 &&
			top.exit.height >= 44
	).toBe(true);
	expect(top.menuButton && top.menuButton.width >= 44 && top.menuButton.height >= 44).toBe(true);
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	const scrolled = await layout(page);
	expect({ path, exit: scrolled.exit!.top >= 0 && scrolled.exit!.bottom <= 100 }).toEqual({
		path,
		exit: true
	});
}

/** Links in lists, radios and checkboxes smaller than 44 × 44 px: a choice counts with its label, which is tapped with it. */
function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const small: string[] = [];
		for (const element of document.querySelectorAll<HTMLElement>(
			'li a[href], input[type="radio"], input[type="checkbox"]'
		)) {
			const target =
				element instanceof HTMLInputElement ? (element.closest('label') ?? element) : element;
			const { width, height } = target.getBoundingClientRect();
			if (width === 0 && height === 0) continue; // not shown (inside a closed menu or a folded section)
			if (width < 44 || height < 44)
				small.push(
					`${location.pathname}: ${(element.textContent || element.outerHTML).trim().slice(0, 60)} ${Math.round(width)}×${Math.round(height)}`
				);
		}
		return small;
	});
}

/** Every tap target of the pages, with the header's menu open and closed, and folded sections opened. */
async function expectTapTargets(page: Page, paths: string[]) {
	const small: string[] = [];
	for (const path of paths) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		await page.evaluate(() =>
			document
				.querySelectorAll('main details')
				.forEach((details) => ((details as HTMLDetailsElement).open = true))
		);
		small.push(...(await smallTargets(page)));
		await openMenu(page);
		small.push(...(await smallTargets(page)));
	}
	expect(small).toEqual([]);
}

async function newPhonePage(
	options: Parameters<typeof phone>[1] = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await phone(browser, options);
	return { context, page: await context.newPage() };
}

describe('the header on a 360 × 740 phone', () => {
	it('takes at most 100 px for a visitor, keeps "Leave quickly" on screen, and its menu opens without JavaScript', async () => {
		const { context, page } = await newPhonePage();
		for (const path of [
			'/',
			'/learn/courses',
			`/learn/courses/${FIRST_AID}`,
			LESSON,
			'/signin',
			'/signup',
			'/recover',
			'/offline',
			'/clear'
		])
			await expectCompactHeader(page, path);
		await context.close();

		const plain = await newPhonePage({ javaScriptEnabled: false });
		await expectCompactHeader(plain.page, '/');
		await openMenu(plain.page);
		const menu = plain.page.getByRole('navigation', { name: 'ပင်မ' });
		for (const name of ['သင်တန်းများ', 'အကောင့်ဝင်ရန်', 'အကောင့်ဖွင့်ရန်'])
			await shown(menu.getByRole('link', { name, exact: true }));
		await shown(menu.getByRole('button', { name: 'English' }));
		await shown(plain.page.getByRole('link', { name: 'ဤဖုန်းမှ လမ်းပြကို ရှင်းလင်းရန်' }));
		// "Leave quickly" stays on screen over the open menu.
		expect((await layout(plain.page)).exit!.bottom).toBeLessThanOrEqual(100);
		await plain.page.getByRole('link', { name: 'သင်တန်းများ', exact: true }).tap();
		await plain.page.waitForURL('**/learn/courses');
		await plain.context.close();
	});

	it('takes at most 100 px for a learner, an organization member and an administrator, and for a shared phone left idle', async () => {
		const learner = await newPhonePage();
		await signUpInBrowser(learner.page, uniqueName('header'), 'a short bar on top');
		for (const path of [
			'/learn',
			'/learn/courses',
			`/learn/courses/${FIRST_AID}`,
			LESSON,
			QUIZ,
			'/learn/profile',
			'/learn/opportunities',
			'/learn/applications',
			'/learn/certificates',
			'/learn/downloads',
			'/learn/privacy',
			'/help',
			'/learn/help',
			'/account'
		]) {
			await expectCompactHeader(learner.page, path);
		}
		// The menu holds the learner's pages, and closes once one is chosen.
		await learner.page.goto('/learn');
		await openMenu(learner.page);
		await learner.page
			.getByRole('navigation', { name: 'ပင်မ' })
			.getByRole('link', { name: 'ကျွမ်းကျင်မှု' })
			.tap();
		await learner.page.waitForURL('**/learn/profile');
		await learner.page.waitForFunction(
			() => !document.querySelector<HTMLDetailsElement>('header.top details.menu')!.open
		);
		await learner.context.close();

		const member = await newPhonePage();
		await signUpInBrowser(member.page, uniqueName('headerorg'), 'a short bar on top', 'org_member');
		for (const path of ['/org', '/author', '/account'])
			await expectCompactHeader(member.page, path);
		await member.context.close();

		const admin = await newPhonePage();
		await signInAsNewAdmin(admin.page, 'headeradmin');
		for (const path of ['/admin', '/admin/skills', '/author', '/account'])
			await expectCompactHeader(admin.page, path);
		await admin.context.close();

		const shared = await newPhonePage();
		await shared.page.goto('/signup');
		await shared.page.getByLabel('အသုံးပြုသူအမည်').fill(uniqueName('headershared')); // not about typing: a shared phone's sign-up
		await shared.page.getByLabel(/^စကားဝှက်$/).fill('a short bar on top');
		await shared.page.getByLabel('ဤဖုန်းကို အခြားသူများနှင့် မျှသုံးသည်').check();
		await shared.page.getByRole('button', { name: 'အကောင့်ဖွင့်ရန်' }).click();
		await shown(shared.page.getByRole('list', { name: 'ပြန်လည်ရယူရေးကုဒ်များ' }));
		await waitForIdleLock();
		await expectCompactHeader(shared.page, '/account');
		expect(new URL(shared.page.url()).pathname).toBe('/unlock');
		await expectCompactHeader(shared.page, LESSON);
		await shared.context.close();
	});
});

describe('tap targets on a 360 px phone: links in lists, radios and checkboxes of at least 44 × 44 px', () => {
	it('for a visitor', async () => {
		const visitor = await newPhonePage();
		await expectTapTargets(visitor.page, [
			'/',
			'/learn/courses',
			`/learn/courses/${FIRST_AID}`,
			LESSON,
			'/signin',
			'/signup',
			'/recover',
			'/help'
		]);
		await visitor.context.close();
	});

	it('for a learner', async () => {
		const learner = await newPhonePage();
		await signUpInBrowser(learner.page, uniqueName('taps'), 'fingers not mice');
		await expectTapTargets(learner.page, [
			'/learn',
			'/learn/courses',
			`/learn/courses/${FIRST_AID}`,
			LESSON,
			QUIZ,
			'/learn/profile',
			'/learn/profile?from=medical_corps',
			'/learn/opportunities',
			'/learn/applications',
			'/learn/certificates',
			'/learn/downloads',
			'/learn/privacy',
			'/help',
			'/learn/help',
			'/account',
			'/account/data'
		]);
		await learner.context.close();
	});

	it('for an organization member and an administrator', async () => {
		const member = await newPhonePage();
		await signUpInBrowser(member.page, uniqueName('tapsorg'), 'fingers not mice', 'org_member');
		await expectTapTargets(member.page, ['/org', '/author', '/account']);
		await member.context.close();

		const admin = await newPhonePage();
		await signInAsNewAdmin(admin.page, 'tapsadmin');
		await expectTapTargets(admin.page, [
			'/admin',
			'/admin/skills',
			'/admin/skills/first_aid',
			'/author'
		]);
		await admin.context.close();
	});
});
