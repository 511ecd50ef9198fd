import type { Locator, Page } from 'playwright-core';

/**
 * Opens the header's menu (a <details>, so this works without JavaScript too), as a person taps
 * "Menu" to reach a link, the language or signing out. Leaves it open if it already is.
 */
export async function openMenu(page: Page) {
	const menu = page.locator('header.top details.menu');
	if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open)))
		await menu.locator('summary').click();
}

/**
 * After new recovery codes: types one of them back, key by key as from paper, and goes on
 * (the page goes on only once a code matched).
 */
export async function typeBackCode(page: Page, code: string) {
	const field = page.getByLabel(
		/စာရွက်ပေါ်တွင် ရေးထားသော ကုဒ်တစ်ခုကို ရိုက်ထည့်ပါ|Type one of the codes from your paper/
	);
	await field.tap();
	await field.pressSequentially(code);
	await page.getByRole('button', { name: /စစ်ပြီး ဆက်သွားမည်|Check and continue/ }).click();
}

/** Whether the element lies wholly on the phone's screen as it is scrolled now, below the top bar. */
export async function onScreen(locator: Locator): Promise<boolean> {
	return locator.evaluate((element) => {
		const box = element.getBoundingClientRect();
		const bar = document.querySelector('header.top')?.getBoundingClientRect().bottom ?? 0;
		return box.height > 0 && box.top >= bar - 1 && box.bottom <= window.innerHeight + 1;
	});
}
