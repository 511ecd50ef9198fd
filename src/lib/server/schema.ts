import type { Insertable, Selectable } from 'kysely';

export type AccountKind = 'learner' | 'org_member' | 'admin';
export type Background = 'former_soldier' | 'former_police' | 'family' | 'other';
export type Locale = 'my' | 'en';
export type OrgStatus = 'pending' | 'vetted' | 'rejected' | 'suspended';
export type OrgKind = 'defection_support' | 'ero' | 'clinic' | 'ngo' | 'government' | 'other';
export type OrgRole = 'owner' | 'member';

export interface UserTable {
	id: string;
	username: string;
	username_key: string;
	password_hash: string;
	kind: AccountKind;
	background: Background | null;
	locale: Locale;
	must_change_password: number;
	created_at: number;
	password_changed_at: number;
}

export interface SessionTable {
	id: string;
	user_id: string;
	browser: string;
	created_at: number;
	expires_at: number;
	last_seen_at: number;
}

export interface RecoveryCodeTable {
	id: string;
	user_id: string;
	code_hash: string;
	used_at: number | null;
}

export interface SignInThrottleTable {
	key: string;
	failures: number;
	locked_until: number | null;
	updated_at: number;
}

export interface OrganizationTable {
	id: string;
	name: string;
	kind: OrgKind;
	description: string;
	status: OrgStatus;
	created_by: string | null;
	created_at: number;
	reviewed_at: number | null;
}

export interface OrgMemberTable {
	org_id: string;
	user_id: string;
	role: OrgRole;
	joined_at: number;
}

export interface OrgInvitationTable {
	id: string;
	org_id: string;
	code_hash: string;
	created_by: string;
	created_at: number;
	expires_at: number;
	used_by: string | null;
	used_at: number | null;
}

export interface KyselyMigrationTable {
	name: string;
	timestamp: string;
}

export interface Database {
	user: UserTable;
	session: SessionTable;
	recovery_code: RecoveryCodeTable;
	sign_in_throttle: SignInThrottleTable;
	organization: OrganizationTable;
	org_member: OrgMemberTable;
	org_invitation: OrgInvitationTable;
	kysely_migration: KyselyMigrationTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Organization = Selectable<OrganizationTable>;
