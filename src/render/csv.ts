/**
 * CSV export and import tuned for French spreadsheets: Excel in a French locale expects ';' between
 * fields, a decimal comma, and a BOM to read the file as UTF-8 rather than Windows-1252.
 */

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
 * thousands nor written with an exponent (see {@link plainDecimal}). Text that a spreadsheet would run as a formula (=, +, -, @, tab or CR first, and not a
 * plain number like "-3,5") is prefixed with an apostrophe; {@link parseCsv} removes it again.
 */
export function writeCsv(
  header: string[],
  rows: CsvCell[][],
  options: { delimiter?: ';' | ',' } = {},
): string {
  const delimiter = options.delimiter ?? ';';
  const line = (cells: CsvCell[]) => cells.map((cell) => formatCell(cell, delimiter)).join(delimiter);
  return `${BOM}${[header, ...rows].map(line).join('\r\n')}\r\n`;
}

function formatCell(cell: CsvCell, delimiter: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    const plain = plainDecimal(cell);
    return delimiter === ';' ? plain.replace('.', ',') : plain;
  }
  const text = FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
  // Any candidate delimiter is quoted, not only the one in use, so that parseCsv's detection on the
  // header line cannot be fooled by a comma inside a ';'-separated title.
  return /[";,\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const delimiter = detectDelimiter(source);
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false; // the current field started with a quote
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endField = () => {
    cells.push(unguard(field));
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    const blank = cells.length === 0 && field === '' && !quoted;
    endField();
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (inQuotes) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === '"' && field === '' && !quoted) {
      quoted = true;
      inQuotes = true;
      quoteLine = line;
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch; // lenient: a stray quote inside an unquoted field is kept as text
  }
  if (inQuotes)
    throw new CsvError('unterminated_quote', quoteLine, `Guillemet non refermé (ligne ${quoteLine})`);
  if (field !== '' || quoted || cells.length > 0) endRecord();

  const [first, ...rest] = records;
  return { header: first?.cells ?? [], rows: rest };
}

function detectDelimiter(source: string): CsvDelimiter {
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
