/** Where a reply stands on its scenario. Kept free of database imports so client islands can use it. */
export const stances = ["supports", "challenges", "question", "evidence", "neutral"] as const;
export type Stance = (typeof stances)[number];
