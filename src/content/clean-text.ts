// Characters that never belong in stored text: Windows and old-Mac line endings become "\n", control
// characters (other than tab and newline) and unpaired surrogates go. Runs before anything parses the input.

const LINE_ENDINGS = /\r\n?/g;
// C0 controls except \t and \n, DEL, C1 controls, and the noncharacters U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Any character the three above could change (\r is a C0 control); most texts have none, and one
// pass that finds none costs less than three replacements.
// eslint-disable-next-line no-control-regex
const ANY_TO_CLEAN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/;

/** `text` with normalised line endings and without control characters or unpaired surrogates. */
export function cleanText(text: string): string {
  if (!ANY_TO_CLEAN.test(text)) return text;
  return text.replace(LINE_ENDINGS, "\n").replace(CONTROLS, "").replace(LONE_SURROGATES, "\ufffd");
}
