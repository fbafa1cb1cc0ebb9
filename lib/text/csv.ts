/**
 * One CSV record (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled. A field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an
 * apostrophe, since log reasons and notes are typed by people and the export is opened in spreadsheets.
 */
export function csvRow(fields: string[]): string {
  return fields.map(csvField).join(",");
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
