// C0 and C1 control characters but tab and newline (a lone ESC, backspace, bell...).
const controls =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is what this pattern is for
  /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Text for people and models: no control characters left from the terminal. */
export function stripControls(text: string): string {
  return text.replace(controls, "");
}
