import type { DeadlineRepository } from '../../core/deadlines/ports.ts';
import type { MeasurementRepository } from '../../core/measurements/ports.ts';
import type { ScopeRegistry } from '../../core/plans/scopes.ts';
import type { SharedStores } from '../stores.ts';

/**
 * A write aimed at another académie's scope through an académie's view. The view's plans and
 * places already keep users from naming such a scope: reaching this is a defect, never a message.
 */
export class TenantViolation extends Error {}

/**
 * One académie's view of the shared stores (BOUSSOLE_TENANTS): measurements, targets, rights and
 * deadlines of its own scopes (the académie and its départements) only. Reads leave the others out;
 * writes to them throw. The rest (conversations, adapters' state) is keyed by conversation and
 * shared as it is; the reminder sweep runs over every académie on the process's own stores.
 */
export function academieStores(
  stores: SharedStores,
  academie: string,
  scopes: () => ScopeRegistry,
): SharedStores {
  const owns = (scope: string | undefined) => scope !== undefined && scopes().academieOf(scope) === academie;
  const check = (scope: string, what: string) => {
    if (!owns(scope))
      throw new TenantViolation(`${what} : le périmètre « ${scope} » n'est pas de l'académie ${academie}`);
  };
  return {
    ...stores,
    measurements: scopedMeasurements(stores.measurements, academie, owns, check),
    deadlines: scopedDeadlines(stores.deadlines, owns, check),
  };
}

type Owns = (scope: string | undefined) => boolean;
type Check = (scope: string, what: string) => void;

function scopedMeasurements(
  repo: MeasurementRepository,
  academie: string,
  owns: Owns,
  check: Check,
): MeasurementRepository {
  const ownMeasurement = async (id: string) => {
    const measurement = await repo.getMeasurement(id);
    return measurement && owns(measurement.scope) ? measurement : undefined;
  };
  // A draft names its scope once read; before that it belongs to its conversation only.
  const ownDraft = <T extends { fields: { scope?: string } } | undefined>(draft: T): T | undefined =>
    draft && draft.fields.scope !== undefined && !owns(draft.fields.scope) ? undefined : draft;
  return {
    ...repo,
    getDraft: async (id) => ownDraft(await repo.getDraft(id)),
    openDraft: async (actor, conversation) => ownDraft(await repo.openDraft(actor, conversation)),
    updateDraft: async (id, fields, added) => {
      if (fields.scope !== undefined) check(fields.scope, 'brouillon');
      return repo.updateDraft(id, fields, added);
    },
    confirmDraft: async (id, measurement) => {
      check(measurement.scope, 'valeur');
      return repo.confirmDraft(id, measurement);
    },
    importMeasurements: async (measurements, audit) => {
      for (const measurement of measurements) check(measurement.scope, 'import');
      return repo.importMeasurements(measurements, audit);
    },
    getMeasurement: ownMeasurement,
    current: async (indicatorId, scope, period) =>
      owns(scope) ? repo.current(indicatorId, scope, period) : undefined,
    list: async (filter) => {
      if (filter?.scope !== undefined && !owns(filter.scope)) return [];
      return (await repo.list(filter)).filter((measurement) => owns(measurement.scope));
    },
    review: async (id, status, actor) =>
      (await ownMeasurement(id)) ? repo.review(id, status, actor) : undefined,
    targets: async (indicatorId) => (await repo.targets(indicatorId)).filter((target) => owns(target.scope)),
    setTarget: async (target, by) => {
      check(target.scope, 'cible');
      return repo.setTarget(target, by);
    },
    // '*' was given for the whole deployment (by its operator): it stays visible everywhere.
    grants: async () => (await repo.grants()).filter((grant) => grant.scope === '*' || owns(grant.scope)),
    // From an académie's view, "every scope" is every scope of the académie.
    grant: async (grant, by) => {
      const scope = grant.scope === '*' ? academie : grant.scope;
      check(scope, 'droit');
      return repo.grant({ ...grant, scope }, by);
    },
    revoke: async (grant) => {
      const scope = grant.scope === '*' ? academie : grant.scope;
      check(scope, 'droit');
      return repo.revoke({ ...grant, scope });
    },
  };
}

function scopedDeadlines(repo: DeadlineRepository, owns: Owns, check: Check): DeadlineRepository {
  const own = async (id: string) => {
    const deadline = await repo.get(id);
    return deadline && owns(deadline.scope) ? deadline : undefined;
  };
  return {
    ...repo,
    list: async () => (await repo.list()).filter((deadline) => owns(deadline.scope)),
    get: own,
    add: async (deadline, by) => {
      check(deadline.scope, 'échéance');
      return repo.add(deadline, by);
    },
    update: async (id, change) => ((await own(id)) ? repo.update(id, change) : undefined),
    remove: async (id) => ((await own(id)) ? repo.remove(id) : false),
    apply: async (changes, by) => {
      for (const deadline of [...changes.add, ...changes.update]) check(deadline.scope, 'échéance');
      return repo.apply(changes, by);
    },
  };
}
