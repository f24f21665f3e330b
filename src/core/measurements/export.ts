import { messages } from '../kernel/messages/index.ts';
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
  const t = messages(lang).indicators;
  if (rest && !scope) return { status: 'invalid', lang, text: t.export.unknownWord(rest) };
  if (!deps.renderTable) return { status: 'info', lang, text: t.export.unavailable };
  const format = FORMATS[formats[0]?.toLowerCase() ?? 'xlsx'] ?? 'xlsx';
  const rows = (await trackingRows(deps)).filter(
    (row) => !scope || scopeCovers(scope.key, String(row[SCOPE_COLUMN]), scopes),
  );
  const data = await deps.renderTable(format, {
    name: t.export.table,
    header: [...TRACKING_HEADER],
    rows,
  });
  const day = deps.now().toISOString().slice(0, 10);
  const filename = `suivi-indicateurs${scope ? `-${scope.key}` : ''}-${day}.${format}`;
  const where = scope ? t.forScope(scope.shortName) : '';
  return {
    status: 'answered',
    lang,
    text: t.export.done(where, t.export.rows(rows.length), format.toUpperCase()),
    file: {
      data,
      filename,
      title: `${t.export.table}${where}`,
      mime: MIME[format],
    },
    private: true,
  };
}
