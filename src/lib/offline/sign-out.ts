import * as m from '$lib/paraglide/messages';
import { flushBeforeSignOut, forgetCurrentAccount, setCurrentAccount } from './outbox';
import { forgetKeptTrainings } from './saved';

/**
 * Signing out sends what this phone still holds for the account, then forgets it; when it
 * cannot be sent (no network), the learner is warned and chooses. Trainings kept on the phone
 * (where they meet) leave with the account.
 */
export async function signOutWithOutbox(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
	event.preventDefault();
	const form = event.currentTarget;
	if (await flushBeforeSignOut()) await setCurrentAccount(null);
	else if (window.confirm(m.outbox_sign_out_warning())) await forgetCurrentAccount();
	else return;
	await forgetKeptTrainings().catch(() => {});
	form.submit();
}
