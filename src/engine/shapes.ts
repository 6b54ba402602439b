// Shape rules with worked explanations: filled in by the shapes implementation.
export {};
