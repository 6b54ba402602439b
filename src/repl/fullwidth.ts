/**
 * Chinese input methods type full-width punctuation (，＝（）：［］；) and sometimes
 * full-width digits and letters (５, ｘ). They mean the ASCII ones, so a line is read
 * with them folded to ASCII: exactly NFKC for U+FF01–U+FF5E, and the ideographic space
 * U+3000 as a space. Nothing else is touched (。and 、 are not a decimal point or a
 * comma in every use, × keeps its meaning). Every character maps to one character, so
 * columns (for carets) are the same in the folded line as in the typed one.
 */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

export function foldFullWidth(line: string): string {
  return line.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}
