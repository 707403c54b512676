/**
 * The chat platforms Klantpuls speaks, spelt as the database enum spells them (`"SLACK"`, `"TEAMS"`):
 * one name from the users table to the outbox, so no layer translates between two spellings.
 */
export type ChatPlatform = "SLACK" | "TEAMS";
