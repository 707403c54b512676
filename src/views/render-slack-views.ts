import type { HomeView, InputBlock, ModalView } from "@slack/types";
import { type Locale, translator } from "../i18n/index.ts";
import { blockKitLimits as limits } from "./block-kit-limits.ts";
import { cutId, plain } from "./block-kit-text.ts";
import type { FormField, FormSpec } from "./chat.ts";
import type { Message } from "./message.ts";
import { renderBlockKit } from "./render-block-kit.ts";

/** Slack views: the App Home tab, a modal that shows a message, and a form as a modal. */

/** The App Home tab: the same blocks with the view's budget of 100. */
export function renderHomeView(message: Message, locale: Locale): HomeView {
  const { blocks } = renderBlockKit(message, { locale, maxBlocks: limits.viewBlocks });
  return { type: "home", blocks };
}

/** A modal that only shows a message (a card, "loading…", or an answer to a click inside a modal). */
export function renderMessageModal(
  message: Message,
  options: { locale: Locale; title: string; callbackId?: string; privateMetadata?: string },
): ModalView {
  const t = translator(options.locale);
  const { blocks } = renderBlockKit(message, { locale: options.locale, maxBlocks: limits.viewBlocks });
  return {
    type: "modal",
    title: plain(options.title, limits.viewTitle),
    close: plain(t("slack.close"), limits.viewButton),
    blocks,
    ...(options.callbackId ? { callback_id: options.callbackId } : {}),
    ...(options.privateMetadata ? { private_metadata: options.privateMetadata } : {}),
  };
}

/**
 * A neutral form as a modal. `callback_id` is the submit action; each input's block_id and
 * action_id are the field id, so `response_action: "errors"` can be keyed by field id.
 */
export function renderFormModal(
  form: FormSpec,
  options: { locale: Locale; privateMetadata: string },
): ModalView {
  const t = translator(options.locale);
  return {
    type: "modal",
    callback_id: form.submitAction,
    title: plain(form.title, limits.viewTitle),
    submit: plain(form.submitLabel, limits.viewButton),
    close: plain(t("slack.cancel"), limits.viewButton),
    private_metadata: options.privateMetadata,
    blocks: form.fields.slice(0, limits.viewBlocks).map(renderField),
  };
}

function renderField(field: FormField): InputBlock {
  const base = {
    type: "input" as const,
    block_id: cutId(field.id),
    label: plain(field.label, limits.inputLabel),
  };
  if (field.type === "choice") {
    const options = field.options.slice(0, limits.selectOptions).map((option) => ({
      text: plain(option.label, limits.optionText),
      value: option.value.slice(0, limits.optionValue),
    }));
    const initial = options.find((option) => option.value === field.initial);
    return {
      ...base,
      optional: !field.required,
      element: {
        type: "static_select",
        action_id: cutId(field.id),
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    };
  }
  return {
    ...base,
    optional: !field.required,
    element: {
      type: "plain_text_input",
      action_id: cutId(field.id),
      multiline: field.multiline,
      max_length: Math.max(1, Math.min(field.maxLength, limits.plainTextInputMax)),
    },
  };
}
