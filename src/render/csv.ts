/**
 * CSV export and import tuned for French spreadsheets: Excel in a French locale expects ';' between
 * fields, a decimal comma, and a BOM to read the file as UTF-8 rather than Windows-1252. Quoting and
 * unquoting are csv-stringify's and csv-parse's; the conventions around them are ours.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;
export type CsvDelimiter = ';' | ',' | '\t';

export interface ParsedCsv {
  header: string[];
  /** `line` is the 1-based physical line where the record starts (quoted newlines span lines). */
  rows: { line: number; cells: string[] }[];
}

/** A CSV file that cannot be read; `line` is where the faulty record starts. */
export class CsvError extends Error {
  constructor(
    readonly code: 'unterminated_quote',
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const BOM = '\uFEFF';
const CANDIDATES: CsvDelimiter[] = [';', ',', '\t'];
// Spreadsheets run a cell starting with one of these as a formula ("CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/**
 * Writes a CSV document: UTF-8 BOM, CRLF line ends, RFC 4180 quoting.
 *
 * With the default ';' delimiter, numbers are written with a decimal comma (62,5) so that French
 * Excel reads them as numbers; with ',' they keep the decimal point. Numbers are never grouped by
 * thousands nor written with an exponent (see {@link plainDecimal}). Text that a spreadsheet would
 * run as a formula (=, +, -, @, tab or CR first, and not a plain number like "-3,5") is prefixed with an apostrophe; {@link parseCsv} removes it again.
 */
export function writeCsv(
  header: string[],
  rows: CsvCell[][],
  options: { delimiter?: ';' | ',' } = {},
): string {
  const delimiter = options.delimiter ?? ';';
  return stringify([header, ...rows], {
    bom: true,
    delimiter,
    record_delimiter: '\r\n',
    // Any candidate delimiter is quoted, not only the one in use, so that parseCsv's detection on the
    // header line cannot be fooled by a comma inside a ';'-separated title.
    quoted_match: /[";,\t\r\n]/,
    cast: {
      number: (value) => {
        if (!Number.isFinite(value)) return '';
        const plain = plainDecimal(value);
        // "62,5" between semicolons needs no quotes, and French Excel reads it as a number.
        return { value: delimiter === ';' ? plain.replace('.', ',') : plain, quoted_match: null };
      },
      // Not csv-stringify's escape_formulas: it would also prefix "-3,5", which must stay a number.
      string: (value) => (FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value),
    },
  });
}

/**
 * A number in positional notation with the digits of its shortest round-trip form: 1e21 becomes
 * "1000000000000000000000" and 1e-7 "0.0000001". JavaScript switches to exponents past 1e21 and
 * below 1e-6, which spreadsheets and `import` read as text.
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/u.exec(text);
  if (!match) return text;
  const [, sign, head, tail = '', exponent] = match as unknown as [string, string, string, string, string];
  const digits = head + tail;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Reads a CSV document whose first record is the header. The delimiter is the most frequent of
 * ';', ',' and tab on the header line (outside quotes). Accepts CRLF, LF or CR line ends, a BOM,
 * quoted fields with "" escapes and newlines; blank lines are skipped. The apostrophe writeCsv puts
 * before formula-looking text ('=…, '+…, '-…, '@…) is removed. Throws {@link CsvError} on an
 * unterminated quote, since every later record would be swallowed into one field.
 */
export function parseCsv(text: string): ParsedCsv {
  const source = Buffer.from(text.startsWith(BOM) ? text.slice(1) : text, 'utf8');
  const lines = createLineCounter(source);
  const records: { line: number; cells: string[] }[] = [];
  // Where the record being read starts, in bytes: where the previous one ended.
  let recordStart = 0;
  try {
    parse(source, {
      delimiter: detectDelimiter(text),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // Lenient: a stray quote inside an unquoted field is kept as text.
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context) => {
        records.push({ line: lines.at(recordStart), cells: cells.map(unguard) });
        recordStart = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
    const line = lines.at(recordStart);
    throw new CsvError('unterminated_quote', line, `Guillemet non refermé (ligne ${line})`);
  }
  const [first, ...rest] = records;
  return { header: first?.cells ?? [], rows: rest };
}

/**
 * Physical line numbers of byte offsets, counted forward from the last offset asked. csv-parse's own
 * `lines` counts a CRLF inside a quoted field twice, and import errors must name the right line.
 * The line of a record skips the blank lines before it, as the parser does.
 */
function createLineCounter(source: Buffer) {
  let offset = 0;
  let line = 1;
  const LF = 0x0a;
  const CR = 0x0d;
  return {
    at(start: number): number {
      for (; offset < start; offset++) {
        const byte = source[offset];
        if (byte === LF || (byte === CR && source[offset + 1] !== LF)) line++;
      }
      while (source[offset] === LF || source[offset] === CR) {
        if (source[offset] === LF || source[offset + 1] !== LF) line++;
        offset++;
      }
      return line;
    },
  };
}

function detectDelimiter(text: string): CsvDelimiter {
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of source) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch as CsvDelimiter))
      counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  // Ties (including a one-column file) go to ';', the French Excel default.
  return CANDIDATES.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best));
}

/** Undoes writeCsv's formula guard, so an exported file reads back to the values that were written. */
function unguard(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
