/** Plain JSON: what a saved model carries besides its weights (a text model's characters), and what a task hands over to be saved. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
