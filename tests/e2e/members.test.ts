/**
 * An organization's owner (or an administrator) removes a member and revokes an invitation
 * nobody used: the member's sessions end at once and the code joins nobody.
 */
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { adminClient, Client, uniqueName } from './support';

const CODE = /([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})/;

async function organization() {
	const owner = new Client('en');
	const ownerName = uniqueName('owner');
	expect((await owner.signUp(ownerName, 'org_member')).status).toBe(200);
	const name = uniqueName('Members clinic');
	expect(
		(await owner.post('/org?/apply', { name, kind: 'clinic', description: 'Care' })).status
	).toBe(200);
	const join = async () => {
		const code = CODE.exec(await (await owner.post('/org?/invite', {})).text())![1];
		const member = new Client('en');
		const username = uniqueName('member');
		expect((await member.signUp(username, 'org_member')).status).toBe(200);
		expect((await member.post('/org?/join', { code })).status).toBe(200);
		return { member, username };
	};
	return { owner, ownerName, name, join };
}

const db = () => new Database(inject('databasePath'), { readonly: true });

describe('who stays in an organization', () => {
	it('the owner removes a member, whose sessions end at once; an owner cannot be removed by the owner', async () => {
		const { owner, ownerName, name, join } = await organization();
		const { member, username } = await join();
		expect((await member.request('/org')).status).toBe(200);
		const page = await (await owner.request('/org')).text();
		expect(page).toContain(`Remove ${username}`);

		// The owner cannot remove themselves (nor another owner): refused, nothing written.
		const self = await owner.post('/org?/removeMember', { member: ownerName });
		expect(self.status).toBeGreaterThanOrEqual(400);
		expect(self.status).toBeLessThan(500);
		const stays = db();
		expect(
			stays
				.prepare(
					"select count(*) as n from org_member join user on user.id = org_member.user_id where user.username = ? and role = 'owner'"
				)
				.get(ownerName)
		).toEqual({ n: 1 });
		stays.close();
		expect((await owner.request('/org')).status).toBe(200);

		const removed = await owner.post('/org?/removeMember', { member: username });
		expect(removed.status).toBe(200);
		expect(await removed.text()).toContain('The member was removed. Their sessions ended at once.');
		const next = await member.request('/org');
		expect(next.status).toBe(303);
		expect(next.headers.get('location')).toMatch(/^\/signin\?next=/);
		const check = db();
		const sessions = check
			.prepare(
				'select count(*) as n from session join user on user.id = session.user_id where user.username = ?'
			)
			.get(username) as { n: number };
		const members = check
			.prepare(
				'select count(*) as n from org_member join organization on organization.id = org_member.org_id where organization.name = ?'
			)
			.get(name) as { n: number };
		const audit = check
			.prepare("select count(*) as n from audit_event where action = 'org_member_remove'")
			.get() as { n: number };
		check.close();
		expect(sessions.n).toBe(0);
		expect(members.n).toBe(1);
		expect(audit.n).toBeGreaterThan(0);

		// Signed in again, the account stays, in no organization.
		expect((await member.signIn(username, 'green tea and rice')).status).toBe(303);
		expect(await (await member.request('/org')).text()).toContain('Apply');
	});

	it('the owner revokes an invitation nobody used: its code joins nobody', async () => {
		const { owner } = await organization();
		const code = CODE.exec(await (await owner.post('/org?/invite', {})).text())![1];
		const check = db();
		const id = (
			check
				.prepare(
					'select id from org_invitation where used_at is null order by created_at desc limit 1'
				)
				.get() as { id: string }
		).id;
		check.close();
		expect((await owner.post('/org?/revokeInvitation', { invitation: id })).status).toBe(200);
		expect((await owner.post('/org?/revokeInvitation', { invitation: id })).status).toBe(404);
		const late = new Client('en');
		expect((await late.signUp(uniqueName('late'), 'org_member')).status).toBe(200);
		expect((await late.post('/org?/join', { code })).status).toBe(400);
	});

	it('an administrator revokes an invitation nobody used: its code joins nobody', async () => {
		const admin = await adminClient('en', 'membersadmin');
		const { owner, name } = await organization();
		const code = CODE.exec(await (await owner.post('/org?/invite', {})).text())![1];
		const check = db();
		const org = check.prepare('select id from organization where name = ?').get(name) as {
			id: string;
		};
		const id = (
			check
				.prepare(
					'select id from org_invitation where org_id = ? and used_at is null order by created_at desc limit 1'
				)
				.get(org.id) as { id: string }
		).id;
		check.close();
		const page = await (await admin.request(`/admin/organizations/${org.id}`)).text();
		expect(page).toContain(id);
		expect(
			(await admin.post(`/admin/organizations/${org.id}?/revokeInvitation`, { invitation: id }))
				.status
		).toBe(200);
		const after = db();
		expect(after.prepare('select count(*) as n from org_invitation where id = ?').get(id)).toEqual({
			n: 0
		});
		expect(
			(
				after
					.prepare("select count(*) as n from audit_event where action = 'org_invitation_revoke'")
					.get() as { n: number }
			).n
		).toBeGreaterThan(0);
		after.close();
		const late = new Client('en');
		expect((await late.signUp(uniqueName('late'), 'org_member')).status).toBe(200);
		expect((await late.post('/org?/join', { code })).status).toBe(400);
	});

	it('an administrator removes any member, the owner too, and the first member to join becomes owner', async () => {
		const admin = await adminClient('en', 'membersadmin');
		const { owner, name, join } = await organization();
		const { username } = await join();
		const check = db();
		const org = check.prepare('select id from organization where name = ?').get(name) as {
			id: string;
		};
		const ownerName = (
			check
				.prepare(
					"select user.username from org_member join user on user.id = org_member.user_id where org_member.org_id = ? and role = 'owner'"
				)
				.get(org.id) as { username: string }
		).username;
		check.close();
		expect(
			(await admin.post(`/admin/organizations/${org.id}?/removeMember`, { member: ownerName }))
				.status
		).toBe(200);
		expect((await owner.request('/org')).status).toBe(303);
		const after = db();
		expect(
			after
				.prepare(
					"select user.username from org_member join user on user.id = org_member.user_id where org_member.org_id = ? and role = 'owner'"
				)
				.get(org.id)
		).toEqual({ username });
		after.close();
	});
});
