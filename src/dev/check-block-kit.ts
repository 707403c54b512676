import { blockKitLimits } from "../views/block-kit-limits.ts";

/**
 * Checks a Block Kit payload against Slack's limits (src/views/block-kit-limits.ts). A developer
 * tool: the local Slack stand-in runs it on every outbound payload, and the renderer's tests use it.
 */
export type PayloadKind = "message" | "modal" | "home";

type Json = Record<string, unknown>;

/**
 * Every limit the payload breaks, as readable lines ("blocks[3].text: 3012 > 3000 chars").
 * Empty means Slack accepts it as far as lengths, counts and ids go.
 * `message` payloads (chat.postMessage, chat.update, response_url) must carry a fallback `text`.
 */
export function checkBlockKit(payload: unknown, kind: PayloadKind): string[] {
  const problems: string[] = [];
  const add = (path: string, problem: string) => problems.push(`${path}: ${problem}`);
  if (!isObject(payload)) return ["payload: not an object"];

  if (kind === "message") {
    const text = payload.text;
    if (typeof text !== "string" || text.trim() === "") add("text", "fallback text missing");
    else if (text.length > blockKitLimits.fallbackText)
      add("text", tooLong(text, blockKitLimits.fallbackText));
  } else {
    checkView(payload, kind, add);
  }

  const blocks = payload.blocks;
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) {
    add("blocks", "not an array");
    return problems;
  }
  const maxBlocks = kind === "message" ? blockKitLimits.messageBlocks : blockKitLimits.viewBlocks;
  if (blocks.length > maxBlocks) add("blocks", `${blocks.length} > ${maxBlocks} blocks`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const path = `blocks[${index}]`;
    if (!isObject(block)) {
      add(path, "not an object");
      return;
    }
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      checkId(`${path}.block_id`, id, add);
      if (blockIds.has(id)) add(`${path}.block_id`, `duplicate block_id "${id}"`);
      blockIds.add(id);
    }
    checkBlock(path, block, kind, add);
  });
  return problems;
}

function checkView(view: Json, kind: PayloadKind, add: (path: string, problem: string) => void): void {
  if (view.type !== kind) add("type", `expected "${kind}", got "${String(view.type)}"`);
  if (kind === "modal") {
    checkPlainText("title", view.title, blockKitLimits.viewTitle, add, true);
    checkPlainText("submit", view.submit, blockKitLimits.viewButton, add, false);
    checkPlainText("close", view.close, blockKitLimits.viewButton, add, false);
  }
  if (view.callback_id !== undefined) checkId("callback_id", String(view.callback_id), add);
  if (view.external_id !== undefined) checkId("external_id", String(view.external_id), add);
  if (
    typeof view.private_metadata === "string" &&
    view.private_metadata.length > blockKitLimits.privateMetadata
  ) {
    add("private_metadata", tooLong(view.private_metadata, blockKitLimits.privateMetadata));
  }
}

function checkBlock(
  path: string,
  block: Json,
  kind: PayloadKind,
  add: (path: string, problem: string) => void,
) {
  switch (block.type) {
    case "header":
      checkPlainText(`${path}.text`, block.text, blockKitLimits.headerText, add, true, true);
      return;
    case "section": {
      if (block.text === undefined && block.fields === undefined) add(path, "section needs text or fields");
      if (block.text !== undefined) checkText(`${path}.text`, block.text, blockKitLimits.sectionText, add);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) {
          add(`${path}.fields`, "not an array");
          return;
        }
        if (block.fields.length > blockKitLimits.sectionFields) {
          add(`${path}.fields`, `${block.fields.length} > ${blockKitLimits.sectionFields} fields`);
        }
        block.fields.forEach((field, index) => {
          checkText(`${path}.fields[${index}]`, field, blockKitLimits.fieldText, add);
        });
      }
      if (isObject(block.accessory)) checkElement(`${path}.accessory`, block.accessory, add);
      return;
    }
    case "context": {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0) add(`${path}.elements`, "context needs at least one element");
      if (elements.length > blockKitLimits.contextElements) {
        add(`${path}.elements`, `${elements.length} > ${blockKitLimits.contextElements} elements`);
      }
      elements.forEach((element, index) => {
        if (isObject(element) && element.type !== "image") {
          checkText(`${path}.elements[${index}]`, element, blockKitLimits.contextText, add);
        }
      });
      return;
    }
    case "actions": {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0) add(`${path}.elements`, "actions needs at least one element");
      if (elements.length > blockKitLimits.actionsElements) {
        add(`${path}.elements`, `${elements.length} > ${blockKitLimits.actionsElements} elements`);
      }
      const actionIds = new Set<string>();
      elements.forEach((element, index) => {
        const elementPath = `${path}.elements[${index}]`;
        if (!isObject(element)) {
          add(elementPath, "not an object");
          return;
        }
        if (typeof element.action_id === "string") {
          if (actionIds.has(element.action_id)) {
            add(`${elementPath}.action_id`, `duplicate action_id "${element.action_id}" in one block`);
          }
          actionIds.add(element.action_id);
        }
        checkElement(elementPath, element, add);
      });
      return;
    }
    case "input": {
      if (kind === "message") add(path, "input blocks only work in modals and home tabs");
      checkPlainText(`${path}.label`, block.label, blockKitLimits.inputLabel, add, true);
      if (block.hint !== undefined)
        checkPlainText(`${path}.hint`, block.hint, blockKitLimits.inputHint, add, false);
      if (!isObject(block.element)) {
        add(`${path}.element`, "input needs an element");
        return;
      }
      checkElement(`${path}.element`, block.element, add);
      return;
    }
    case "divider":
      return;
    default:
      add(`${path}.type`, `block type "${String(block.type)}" is not produced by Klantpuls`);
  }
}

function checkElement(path: string, element: Json, add: (path: string, problem: string) => void): void {
  if (element.action_id !== undefined) checkId(`${path}.action_id`, String(element.action_id), add);
  switch (element.type) {
    case "button":
      checkPlainText(`${path}.text`, element.text, blockKitLimits.buttonText, add, true, true);
      if (typeof element.value === "string" && element.value.length > blockKitLimits.buttonValue) {
        add(`${path}.value`, tooLong(element.value, blockKitLimits.buttonValue));
      }
      if (typeof element.url === "string" && element.url.length > 3000)
        add(`${path}.url`, tooLong(element.url, 3000));
      return;
    case "static_select":
    case "radio_buttons":
    case "checkboxes": {
      const options = Array.isArray(element.options) ? element.options : [];
      const max = element.type === "static_select" ? blockKitLimits.selectOptions : 10;
      if (options.length === 0) add(`${path}.options`, "needs at least one option");
      if (options.length > max) add(`${path}.options`, `${options.length} > ${max} options`);
      options.forEach((option, index) => {
        if (!isObject(option)) {
          add(`${path}.options[${index}]`, "not an object");
          return;
        }
        checkPlainText(`${path}.options[${index}].text`, option.text, blockKitLimits.optionText, add, true);
        if (typeof option.value !== "string" || option.value.length > blockKitLimits.optionValue) {
          add(
            `${path}.options[${index}].value`,
            `missing or longer than ${blockKitLimits.optionValue} chars`,
          );
        }
      });
      if (element.placeholder !== undefined)
        checkPlainText(`${path}.placeholder`, element.placeholder, 150, add, false);
      return;
    }
    case "plain_text_input": {
      const max = element.max_length;
      if (typeof max === "number" && (max < 1 || max > blockKitLimits.plainTextInputMax)) {
        add(`${path}.max_length`, `must be 1..${blockKitLimits.plainTextInputMax}`);
      }
      if (element.placeholder !== undefined)
        checkPlainText(`${path}.placeholder`, element.placeholder, 150, add, false);
      return;
    }
    default:
      add(`${path}.type`, `element type "${String(element.type)}" is not produced by Klantpuls`);
  }
}

function checkText(
  path: string,
  text: unknown,
  max: number,
  add: (path: string, problem: string) => void,
): void {
  if (!isObject(text) || (text.type !== "mrkdwn" && text.type !== "plain_text")) {
    add(path, "expected a text object (mrkdwn or plain_text)");
    return;
  }
  if (typeof text.text !== "string" || text.text.length === 0) {
    add(`${path}.text`, "empty text");
    return;
  }
  if (text.text.length > max) add(`${path}.text`, tooLong(text.text, max));
}

function checkPlainText(
  path: string,
  text: unknown,
  max: number,
  add: (path: string, problem: string) => void,
  required: boolean,
  plainOnly = true,
): void {
  if (text === undefined) {
    if (required) add(path, "missing");
    return;
  }
  if (!isObject(text) || (plainOnly && text.type !== "plain_text")) {
    add(path, "expected plain_text");
    return;
  }
  if (typeof text.text !== "string" || text.text.length === 0) {
    add(`${path}.text`, "empty text");
    return;
  }
  if (text.text.length > max) add(`${path}.text`, tooLong(text.text, max));
}

function checkId(path: string, id: string, add: (path: string, problem: string) => void): void {
  if (id.length === 0) add(path, "empty id");
  if (id.length > blockKitLimits.id) add(path, tooLong(id, blockKitLimits.id));
}

function tooLong(text: string, max: number): string {
  return `${text.length} > ${max} chars`;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
