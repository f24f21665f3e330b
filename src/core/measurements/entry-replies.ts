import type { Lang, Reply } from '../kernel/types.ts';
import { citationOf } from '../plans/citation.ts';
import type { MeasurementDeps } from './deps.ts';
import type { ReadyDraft } from './evaluate.ts';
import type { Draft } from './ports.ts';
import { t } from './texts.ts';
import type { Measurement } from './types.ts';
import { formatValue } from './units.ts';

/* The replies of the entry flow that show a draft or a saved value: the preview to confirm, the
   confirmation, and the form to edit the draft. */

/** The preview of a draft ready to save: what would be recorded, and the buttons to decide. */
export function previewReply(draft: Draft, ready: ReadyDraft, deps: MeasurementDeps): Reply {
  const lang = draft.fields.lang;
  const { measurement: m, indicator } = ready;
  const scopes = deps.library().scopes;
  const lines = [
    `**${t('preview', lang)}**`,
    '',
    `• ${t('indicator', lang)}${colon(lang)} ${indicator.node.text} [1]`,
    `• ${t('scope', lang)}${colon(lang)} ${scopes.displayName(m.scope)}`,
    `• ${t('period', lang)}${colon(lang)} ${m.period}`,
    `• ${t('value', lang)}${colon(lang)} **${formatValue(m.value, m.unit, lang)}**`,
  ];
  if (m.comment) lines.push(`• ${t('comment', lang)}${colon(lang)} ${m.comment}`);
  if (m.source) lines.push(`• Source${colon(lang)} ${m.source}`);
  const target = deps.repo
    .targets(indicator.node.id)
    .find((x) => x.kind === 'target' && x.scope === m.scope && x.period === m.period);
  if (target) lines.push(`• ${t('target', lang)}${colon(lang)} ${formatValue(target.value, m.unit, lang)}`);
  if (ready.previous) lines.push(`• ${t('replaces', lang)}${colon(lang)} ${describe(ready.previous, lang)}`);
  lines.push('', t('nothingSaved', lang));
  return {
    status: 'preview',
    lang,
    text: lines.join('\n'),
    citations: [citationOf(deps.library(), indicator.node, 1)],
    buttons: [
      { id: `confirm:${draft.id}`, label: t('confirm', lang), style: 'primary' },
      { id: `edit:${draft.id}`, label: t('edit', lang) },
      { id: `cancel:${draft.id}`, label: t('cancel', lang), style: 'danger' },
    ],
  };
}

/** A value recorded (or, `again`, found already recorded by a repeated confirmation). */
export function savedReply(m: Measurement, lang: Lang, again: boolean, deps: MeasurementDeps): Reply {
  const indicator = deps.catalog().get(m.indicatorId);
  const scopes = deps.library().scopes;
  const status = t(m.status, lang);
  const head = again
    ? lang === 'fr'
      ? 'Cette valeur est déjà enregistrée (rien n’a été ajouté) :'
      : 'This value is already recorded (nothing was added):'
    : lang === 'fr'
      ? '✅ Valeur enregistrée :'
      : '✅ Value recorded:';
  const lines = [
    `${head} **${formatValue(m.value, m.unit, lang)}** — ${indicator?.node.text ?? m.indicatorId} — ${scopes.displayName(m.scope)}, ${m.period}.`,
    lang === 'fr'
      ? `Statut : ${status}. Référence : \`${m.id}\`.`
      : `Status: ${status}. Reference: \`${m.id}\`.`,
  ];
  if (m.supersedes && !again) {
    lines.push(
      lang === 'fr'
        ? 'Elle remplace la valeur précédente, qui reste dans l’historique.'
        : 'It replaces the previous value, which stays in the history.',
    );
  }
  return { status: 'saved', lang, text: lines.join('\n') };
}

/** The draft as a form to edit (Slack modal, Teams card inputs). */
export function editFormReply(draft: Draft, deps: MeasurementDeps): Reply {
  const f = draft.fields;
  const lang = f.lang;
  const scopes = deps.library().scopes;
  const indicator = f.indicatorId ? deps.catalog().get(f.indicatorId) : undefined;
  const options = scopes.all
    .filter((s) => !indicator || s.key === indicator.academie || s.academie === indicator.academie)
    .map((s) => ({ value: s.key, label: s.shortName }));
  const value = indicator?.unit === 'text' ? (f.textValue ?? '') : (f.valueText ?? f.value?.toString() ?? '');
  return {
    status: 'needs_input',
    lang,
    text: `${indicator ? `${indicator.node.text}\n\n` : ''}${t('editHelp', lang)}`,
    form: {
      title: lang === 'fr' ? 'Modifier la saisie' : 'Edit the entry',
      submitId: `update:${draft.id}`,
      submitLabel: lang === 'fr' ? 'Voir l’aperçu' : 'Preview',
      fields: [
        { id: 'value', label: t('value', lang), value, multiline: indicator?.unit === 'text' },
        { id: 'period', label: t('period', lang), value: f.period ?? '', placeholder: '2025-2026' },
        { id: 'scope', label: t('scope', lang), value: f.scope ?? '', options },
        {
          id: 'comment',
          label: t('comment', lang),
          value: f.comment ?? '',
          optional: true,
          multiline: true,
        },
      ],
    },
    buttons: [{ id: `cancel:${draft.id}`, label: t('cancel', lang), style: 'danger' }],
  };
}

/** French puts a space before a colon, English does not. */
function colon(lang: Lang): string {
  return lang === 'fr' ? ' :' : ':';
}

function describe(m: Measurement, lang: Lang): string {
  const who = m.author.displayName ?? m.author.userId;
  const when = m.recordedAt.slice(0, 10);
  return lang === 'fr'
    ? `${formatValue(m.value, m.unit, lang)} enregistrée le ${when} par ${who} (conservée dans l’historique)`
    : `${formatValue(m.value, m.unit, lang)} recorded on ${when} by ${who} (kept in the history)`;
}
