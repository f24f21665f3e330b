import type { Lang, Reply } from '../kernel/types.ts';
import type { MeasurementDeps, TableFormat } from './deps.ts';
import { scopeCovers } from './rights.ts';
import { TRACKING_HEADER, trackingRows } from './tracking.ts';

const COMMAND = /^(?:export|exporter|exporte)(?:\s+(.+))?$/iu;
const FORMATS: Record<string, TableFormat> = { csv: 'csv', xlsx: 'xlsx', excel: 'xlsx', tableur: 'xlsx' };
const MIME: Record<TableFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** Column of the scope key in TRACKING_HEADER. */
const SCOPE_COLUMN = TRACKING_HEADER.indexOf('perimetre');

/**
 * "export [csv|xlsx] [périmètre]": the tracking table (as `boussole export` writes it) as a file
 * for the asker. Reading is open to everyone, like the indicator cards. Undefined when the text
 * is not this command.
 */
export async function exportTrackingTable(
  text: string,
  lang: Lang,
  deps: MeasurementDeps,
): Promise<Reply | undefined> {
  const command = COMMAND.exec(text.trim());
  if (!command) return undefined;
  const words = (command[1] ?? '').trim().split(/\s+/u).filter(Boolean);
  const formats = words.filter((w) => FORMATS[w.toLowerCase()]);
  const rest = words.filter((w) => !FORMATS[w.toLowerCase()]).join(' ');
  const scopes = deps.library().scopes;
  const scope = rest ? scopes.resolve(rest) : undefined;
  if (rest && !scope) return unknownWord(rest, lang);
  if (!deps.renderTable) {
    return {
      status: 'info',
      lang,
      text: lang === 'fr' ? 'L’export n’est pas disponible ici.' : 'Export is not available here.',
    };
  }
  const format = FORMATS[formats[0]?.toLowerCase() ?? 'xlsx'] ?? 'xlsx';
  const rows = trackingRows(deps).filter(
    (row) => !scope || scopeCovers(scope.key, String(row[SCOPE_COLUMN]), scopes),
  );
  const data = await deps.renderTable(format, {
    name: lang === 'fr' ? 'Tableau de suivi' : 'Tracking table',
    header: [...TRACKING_HEADER],
    rows,
  });
  const day = deps.now().toISOString().slice(0, 10);
  const filename = `suivi-indicateurs${scope ? `-${scope.key}` : ''}-${day}.${format}`;
  const where = scope ? (lang === 'fr' ? ` pour ${scope.shortName}` : ` for ${scope.shortName}`) : '';
  const count =
    lang === 'fr'
      ? `${rows.length} ligne${rows.length > 1 ? 's' : ''}`
      : `${rows.length} row${rows.length > 1 ? 's' : ''}`;
  return {
    status: 'answered',
    lang,
    text:
      lang === 'fr'
        ? `📎 **Tableau de suivi**${where} : ${count}, au format ${format.toUpperCase()} (valeur en vigueur, cible, valeur initiale, statut, auteur).`
        : `📎 **Tracking table**${where}: ${count}, as ${format.toUpperCase()} (value in force, target, baseline, status, author).`,
    file: {
      data,
      filename,
      title: lang === 'fr' ? `Tableau de suivi${where}` : `Tracking table${where}`,
      mime: MIME[format],
    },
    private: true,
  };
}

function unknownWord(word: string, lang: Lang): Reply {
  return {
    status: 'invalid',
    lang,
    text:
      lang === 'fr'
        ? `Format ou périmètre inconnu « ${word} ». Écrivez « export » (Excel), « export csv », ou « export xlsx cantal » pour un seul périmètre.`
        : `Unknown format or scope “${word}”. Write “export” (Excel), “export csv”, or “export xlsx cantal” for one scope.`,
  };
}
