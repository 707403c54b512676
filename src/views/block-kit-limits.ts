/**
 * Slack's Block Kit limits, checked in code. No npm package validates lengths (they all let
 * over-limit payloads through) and `blocks.validate` only exists online, so the renderer keeps to
 * these, and src/dev/check-block-kit.ts checks every payload the local Slack stand-in receives.
 * Limits: https://api.slack.com/reference/block-kit/blocks (and the view/element pages).
 */
export const blockKitLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  plainTextInputMax: 3000,
  fallbackText: 40000,
} as const;
