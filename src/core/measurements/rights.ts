import type { ScopeRegistry } from '../plans/scopes.ts';

/** Roles beyond "reader", which everyone is. */
export type Role = 'contributor' | 'validator' | 'admin';

export interface RoleGrant {
  /** "platform:userId", e.g. "slack:U123", "console:alice". */
  userKey: string;
  role: Role;
  /** A scope key, or '*' for every scope. */
  scope: string;
}

/** What a user may try to change; reading is open to everyone. */
export type WriteAction = 'record' | 'validate' | 'set_target' | 'manage_rights' | 'manage_deadlines';

const ROLES_FOR: Record<WriteAction, Role[]> = {
  record: ['contributor', 'validator', 'admin'],
  validate: ['validator', 'admin'],
  set_target: ['validator', 'admin'],
  manage_rights: ['admin'],
  manage_deadlines: ['admin'],
};

/** Whether a grant on `grantScope` covers `scope`: '*' covers all, an académie its départements. */
export function scopeCovers(grantScope: string, scope: string, scopes: ScopeRegistry): boolean {
  if (grantScope === '*' || grantScope === scope) return true;
  const granted = scopes.get(grantScope);
  return granted?.kind === 'academie' && scopes.academieOf(scope) === granted.key;
}

/**
 * Decides a write. Admins (granted, or listed in BOUSSOLE_ADMINS) may do everything; other roles
 * act within the scopes they were granted.
 */
export function isAllowed(
  grants: RoleGrant[],
  admins: readonly string[],
  userKey: string,
  action: WriteAction,
  scope: string | undefined,
  scopes: ScopeRegistry,
): boolean {
  if (admins.includes(userKey)) return true;
  const roles = ROLES_FOR[action];
  return grants.some(
    (grant) =>
      grant.userKey === userKey &&
      roles.includes(grant.role) &&
      (grant.role === 'admin' || scope === undefined || scopeCovers(grant.scope, scope, scopes)),
  );
}

/** The status a new measurement gets: a validator's own value needs no second look. */
export function initialStatus(
  grants: RoleGrant[],
  admins: readonly string[],
  userKey: string,
  scope: string,
  scopes: ScopeRegistry,
): 'proposed' | 'validated' {
  return isAllowed(grants, admins, userKey, 'validate', scope, scopes) ? 'validated' : 'proposed';
}

const ROLE_WORDS: Record<string, Role | 'reader'> = {
  contributor: 'contributor',
  contributeur: 'contributor',
  contributrice: 'contributor',
  validator: 'validator',
  validateur: 'validator',
  validatrice: 'validator',
  admin: 'admin',
  administrateur: 'admin',
  administratrice: 'admin',
  reader: 'reader',
  lecteur: 'reader',
  lectrice: 'reader',
};

/** Reads a role name in French or English ("contributeur", "validator"…). */
export function parseRole(word: string): Role | 'reader' | undefined {
  return ROLE_WORDS[word.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')];
}

/**
 * A user (or channel) reference as typed, made a key: "slack:U123" is kept; a Slack mention
 * ("<@U123>", "@U123") or a bare id belongs to the platform the command came from ("alice" typed
 * in the console is console:alice). Undefined when it is not a readable id.
 */
export function userKeyOf(reference: string, platform: string = 'console'): string | undefined {
  const trimmed = reference
    .trim()
    .replace(/^<@([\w-]+)(?:\|[^>]*)?>$/u, '$1')
    .replace(/^@/u, '');
  const key = /^(?:slack|teams|console):/u.test(trimmed) ? trimmed : `${platform}:${trimmed}`;
  return /^(?:slack|teams|console):#?[\w.@:-]{1,128}$/u.test(key) ? key : undefined;
}
