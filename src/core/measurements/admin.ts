import { messages } from '../kernel/messages/index.ts';
import { type Actor, actorKey, type Lang, type Reply } from '../kernel/types.ts';
import type { ScopeRegistry } from '../plans/scopes.ts';
import type { MeasurementDeps } from './deps.ts';
import { shortId } from './evaluate.ts';
import type { IndicatorInfo, IndicatorMatch } from './indicators.ts';
import { parseMeasurement } from './parse.ts';
import type { MeasurementRepository } from './ports.ts';
import { listPending } from './review-queue.ts';
import { isAllowed, parseRole, type Role, userKeyOf } from './rights.ts';
import { checkValue, describeValueProblem, formatValue } from './units.ts';

export type GrantOutcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * Grants or revokes a role: shared by the chat command and the CLI. `by` is who asks (already
 * allowed to manage rights); the change and its author go to the audit log.
 */
export async function changeRole(
  repo: MeasurementRepository,
  scopes: ScopeRegistry,
  by: string,
  change: 'grant' | 'revoke',
  userRef: string,
  roleWord: string,
  scopeWord: string | undefined,
  lang: Lang = 'fr',
  platform = 'console',
  requestId?: string,
): Promise<GrantOutcome> {
  const role = parseRole(roleWord);
  const t = messages(lang).indicators;
  if (!role) return { ok: false, message: t.rights.unknownRole(roleWord) };
  if (role === 'reader') return { ok: true, message: t.rights.everyoneReads };
  let scope = '*';
  if (role !== 'admin') {
    if (!scopeWord) return { ok: false, message: t.rights.giveScope(role) };
    const resolved = scopeWord === '*' ? undefined : scopes.resolve(scopeWord);
    if (!resolved && scopeWord !== '*') return { ok: false, message: t.rights.unknownScope(scopeWord) };
    scope = resolved?.key ?? '*';
  }
  const userKey = userKeyOf(userRef, platform);
  if (!userKey) return { ok: false, message: t.rights.unreadableUser };
  const grant = { userKey, role: role as Role, scope };
  const changed = change === 'grant' ? await repo.grant(grant, by) : await repo.revoke(grant);
  await repo.audit({
    actor: by,
    action: change,
    target: `${userKey}|${role}|${scope}`,
    outcome: 'ok',
    requestId,
  });
  const where = scope === '*' ? '' : t.forScope(scopes.displayName(scope));
  const said =
    change === 'grant'
      ? changed
        ? t.rights.granted
        : t.rights.alreadyHad
      : changed
        ? t.rights.revoked
        : t.rights.didNotHave;
  return { ok: true, message: said(userKey, roleName(role as Role, lang), where) };
}

/** A role as the user's language names it (the same words `grant` accepts). */
export function roleName(role: Role, lang: Lang): string {
  return messages(lang).indicators.rights.roles[role];
}

/** Chat commands of admins and validators; undefined when the text is not one of them. */
export async function handleAdminCommand(
  actor: Actor,
  text: string,
  lang: Lang,
  deps: MeasurementDeps,
): Promise<Reply | undefined> {
  const scopes = deps.library().scopes;
  const userKey = actorKey(actor);
  const grantFr =
    /^(donner|accorder|retirer|enlever)\s+(?:le r[ôo]le\s+)?(\S+)(?:\s+(\S+))?\s+[àa]\s+(\S+)$/iu.exec(text);
  const grantEn = /^(grant|revoke)\s+(\S+)\s+(\S+)(?:\s+(\S+))?$/iu.exec(text);
  if (grantFr || grantEn) {
    const change = /^(?:donner|accorder|grant)$/iu.test((grantFr ?? grantEn)?.[1] ?? '') ? 'grant' : 'revoke';
    const [user, role, scope] = grantFr
      ? [grantFr[4] as string, grantFr[2] as string, grantFr[3]]
      : [grantEn?.[2] as string, grantEn?.[3] as string, grantEn?.[4]];
    if (!isAllowed(await deps.repo.grants(), deps.admins, userKey, 'manage_rights', undefined, scopes)) {
      return await refuse(deps, actor, change, lang, messages(lang).indicators.rights.adminsOnly);
    }
    const outcome = await changeRole(
      deps.repo,
      scopes,
      userKey,
      change,
      user,
      role,
      scope,
      lang,
      actor.platform,
      actor.requestId,
    );
    return { status: outcome.ok ? 'saved' : 'invalid', lang, text: outcome.message };
  }
  if (/^(?:droits|mes droits|rights|my rights)$/iu.test(text)) return await listRights(deps, userKey, lang);
  if (/^(?:(?:valeurs? )?[àa] valider|pending|to review)$/iu.test(text))
    return await listPending(deps, userKey, lang);
  const target = /^(cible|target|valeur initiale|baseline)\s+(.+)$/iu.exec(text);
  if (target) return await setTarget(actor, target[1] as string, target[2] as string, lang, deps);
  const review = /^(valider|rejeter|validate|reject)\s+(m[0-9a-f]{12})$/iu.exec(text);
  if (review) {
    const status = /^(?:valider|validate)$/iu.test(review[1] as string) ? 'validated' : 'rejected';
    const measurement = await deps.repo.getMeasurement(review[2] as string);
    const t = messages(lang);
    if (!measurement) return { status: 'invalid', lang, text: t.indicators.review.unknownValue };
    if (!isAllowed(await deps.repo.grants(), deps.admins, userKey, 'validate', measurement.scope, scopes)) {
      const text = t.indicators.review.validatorsOnly(scopes.displayName(measurement.scope));
      return await refuse(deps, actor, 'validate', lang, text);
    }
    const reviewed = await deps.repo.review(measurement.id, status, userKey);
    await deps.repo.audit({
      actor: userKey,
      action: status,
      target: measurement.id,
      outcome: 'ok',
      requestId: actor.requestId,
    });
    return {
      status: 'saved',
      lang,
      text: `${measurement.id}${t.format.colon} ${t.measurements.status[reviewed?.status ?? status]}.`,
    };
  }
  return undefined;
}

async function refuse(
  deps: MeasurementDeps,
  by: Actor,
  action: string,
  lang: Lang,
  text: string,
): Promise<Reply> {
  const actor = actorKey(by);
  await deps.repo.audit({ actor, action, outcome: 'refused', requestId: by.requestId });
  deps.log?.('command refused', { actor, action });
  return { status: 'refused', lang, text };
}

async function listRights(deps: MeasurementDeps, userKey: string, lang: Lang): Promise<Reply> {
  const scopes = deps.library().scopes;
  const mine = (await deps.repo.grants()).filter((g) => g.userKey === userKey);
  const lines = mine.map(
    (g) => `• ${roleName(g.role, lang)}${g.scope === '*' ? '' : ` — ${scopes.displayName(g.scope)}`}`,
  );
  if (deps.admins.includes(userKey)) lines.push('• admin (BOUSSOLE_ADMINS)');
  return {
    status: 'info',
    lang,
    text: [messages(lang).indicators.rights.yours(userKey), ...lines].join('\n'),
  };
}

async function setTarget(
  actor: Actor,
  word: string,
  rest: string,
  lang: Lang,
  deps: MeasurementDeps,
): Promise<Reply> {
  const kind = /^(?:cible|target)$/iu.test(word) ? 'target' : 'baseline';
  const scopes = deps.library().scopes;
  const parsed = parseMeasurement(rest, scopes);
  const t = messages(lang);
  const words = t.indicators.targets;
  const usage = words.usage(kind);
  const catalog = deps.catalog();
  // A target is written at once (no preview): the indicator must be named without doubt.
  const indicator = parsed.indicatorId
    ? catalog.get(parsed.indicatorId)
    : clearMatch(catalog.search(parsed.indicatorText, { scope: parsed.scope }));
  if (!indicator || !parsed.scope || !parsed.period || parsed.value === undefined) {
    const missing = [
      !indicator && words.theIndicator,
      !parsed.scope && words.theScope,
      !parsed.period && words.thePeriod,
      parsed.value === undefined && words.theValue,
    ].filter((part): part is string => Boolean(part));
    return { status: 'invalid', lang, text: words.missing(missing, usage) };
  }
  const userKey = actorKey(actor);
  if (!isAllowed(await deps.repo.grants(), deps.admins, userKey, 'set_target', parsed.scope, scopes)) {
    return await refuse(
      deps,
      actor,
      'set_target',
      lang,
      words.validatorsOnly(scopes.displayName(parsed.scope)),
    );
  }
  const problem = checkValue(
    indicator.unit === 'text' ? 'number' : indicator.unit,
    parsed.value,
    parsed.percent === true,
  );
  if (problem) return { status: 'invalid', lang, text: describeValueProblem(problem, lang) };
  if (indicator.unit === 'percent' && (parsed.value < 0 || parsed.value > 100)) {
    return { status: 'invalid', lang, text: t.indicators.percentRange };
  }
  await deps.repo.setTarget(
    { indicatorId: indicator.node.id, scope: parsed.scope, period: parsed.period, kind, value: parsed.value },
    userKey,
  );
  await deps.repo.audit({
    actor: userKey,
    action: `set_${kind}`,
    target: `${indicator.node.id}|${parsed.scope}|${parsed.period}`,
    outcome: 'ok',
    requestId: actor.requestId,
  });
  const label = kind === 'target' ? t.measurements.target : t.indicators.baseline;
  const unit = indicator.unit === 'text' ? 'number' : indicator.unit;
  return {
    status: 'saved',
    lang,
    text: `${label} ${scopes.displayName(parsed.scope)} ${parsed.period}${t.format.colon} ${formatValue(parsed.value, unit, lang)} — ${indicator.node.text} (\`${shortId(indicator.node.id)}\`)`,
  };
}

/** The best match only when it is good and clearly ahead of the next one. */
function clearMatch(matches: IndicatorMatch[]): IndicatorInfo | undefined {
  const [top, second] = matches;
  if (!top || top.score < 0.45) return undefined;
  return !second || top.score - second.score >= 0.03 ? top.indicator : undefined;
}
