import type { indicators as fr } from '../fr/indicators.ts';

export const indicators: typeof fr = {
  unit: 'Unit',
  units: {
    percent: 'percentage',
    count: 'count',
    number: 'number',
    text: 'qualitative',
  },
  progress: {
    ahead: 'target reached',
    on_track: 'on track',
    behind: 'behind',
    no_target: 'no target',
  },
  noValueYet: 'No value recorded yet.',
  history: 'History',
  chart: 'Chart',
  noValue: 'No value recorded.',
  superseded: ' — superseded',
  qualitativeNoChart: 'This indicator is qualitative: no chart, see its history.',
  baseline: 'Baseline',
  percentRange: 'A percentage is between 0 and 100.',
  forScope: (scope) => ` for ${scope}`,
  export: {
    unavailable: 'Export is not available here.',
    table: 'Tracking table',
    rows: (n) => `${n} row${n > 1 ? 's' : ''}`,
    done: (where, rows, format) =>
      `📎 **Tracking table**${where}: ${rows}, as ${format} (value in force, target, baseline, status, author).`,
    unknownWord: (word) =>
      `Unknown format or scope “${word}”. Write “export” (Excel), “export csv”, or “export xlsx cantal” for one scope.`,
  },
  review: {
    nothing: 'No value to review for your scopes.',
    supersededBy: (id) => ` — superseded by \`${id}\``,
    more: (n) => `… and ${n} more: review these to see the next ones.`,
    title: (n) => `**Values to review (${n})**`,
    validate: 'Validate',
    reject: 'Reject',
    unknownValue: 'Unknown value.',
    validatorsOnly: (scope) => `Only validators for ${scope} and admins can review this value.`,
  },
  rights: {
    roles: {
      contributor: 'contributor',
      validator: 'validator',
      admin: 'admin',
    },
    unknownRole: (word) => `Unknown role “${word}”. Roles: contributor, validator, admin (reader: everyone).`,
    everyoneReads: 'Everyone is a reader: nothing to change.',
    giveScope: (role) => `Give the scope: for example “${role} cantal”.`,
    unknownScope: (word) =>
      `Unknown scope “${word}”. Examples: cantal, allier, haute-loire, puy-de-dome, clermont-ferrand.`,
    granted: (user, role, where) => `${user} is now ${role}${where}.`,
    alreadyHad: (user, role, where) => `${user} already was ${role}${where}.`,
    revoked: (user, role, where) => `${user} is no longer ${role}${where}.`,
    didNotHave: (user, _role, where) => `${user} did not have this role${where}: nothing to revoke.`,
    adminsOnly: 'Only an admin can manage rights.',
    unreadableUser: 'Unreadable user: write slack:U123, teams:29:…, console:alice, or mention the person.',
    yours: (user) => `Your rights (${user}): reader`,
  },
  targets: {
    usage: (kind) => `Write for example “${kind} faits numériques cantal 2026-2027 65%”.`,
    theIndicator: 'the indicator',
    theScope: 'the scope',
    thePeriod: 'the period',
    theValue: 'the value',
    // "Missing :" with a space, as the English reply has always read.
    missing: (parts, usage) => `Missing : ${parts.join(', ')}. ${usage}`,
    validatorsOnly: (scope) => `Only validators for ${scope} and admins set targets.`,
  },
};
