import type { WebClient } from "@slack/web-api";
import { type Locale, t } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import { blockKitLimits } from "../views/block-kit-limits.ts";
import type { ActionResult, FormSpec } from "../views/chat.ts";
import type { ActionValue, Message } from "../views/message.ts";
import { textMessage } from "../views/message.ts";
import { renderBlockKit } from "../views/render-block-kit.ts";
import { renderFormModal, renderMessageModal } from "../views/render-slack-views.ts";
import { fetchRetryingReset } from "./fresh-retry-fetch.ts";

/**
 * Where an answer goes in Slack. A slash command and a click on a message carry a `response_url`;
 * a click in the Home tab or a modal does not, so its answers go to the user's DM with the bot.
 */
export interface SlackSurface {
  client: WebClient;
  log: Logger;
  locale: Locale;
  /** The Slack user who typed or clicked. */
  userId: string;
  channelId?: string | undefined;
  responseUrl?: string | undefined;
  triggerId?: string | undefined;
  /** A modal already open for this interaction (the "loading…" one), to update in place. */
  viewId?: string | undefined;
}

/** What a form carries through Slack (`private_metadata`): its value and where to answer afterwards. */
export interface FormMetadata {
  value: ActionValue;
  responseUrl?: string | undefined;
  channelId?: string | undefined;
}

const PLATFORM_SHARE_ERRORS = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "restricted_action",
]);
const RESPONSE_URL_TIMEOUT_MS = 10_000;

export async function deliverResult(result: ActionResult, surface: SlackSurface): Promise<void> {
  // Already handled (a replay): the first request answered; a second answer would only confuse.
  if (result.kind === "none") return;
  if (surface.viewId && (result.kind === "update" || result.kind === "share")) {
    // A "one moment" modal was opened for a form that did not come: do the update or share where it
    // belongs, and show the result in the modal too, so it is not left on "one moment".
    await deliverResult(result, { ...surface, viewId: undefined });
    await updateModal(surface, result.message);
    return;
  }
  switch (result.kind) {
    case "update":
      return replaceOriginal(surface, result.message);
    case "reply":
      return answerPrivately(surface, result.message);
    case "share":
      return shareVisibly(surface, result.message);
    case "form":
      return openForm(surface, result.form);
    case "formErrors":
      // Only a modal submission can show field errors, and that path acks them itself.
      surface.log.warn({ errors: result.errors }, "slack: form errors outside a form submission");
      return answerPrivately(surface, textMessage(Object.values(result.errors).join("\n")));
  }
}

/** An answer only the user sees: ephemeral in the conversation, or in the open modal, or by DM. */
export async function answerPrivately(surface: SlackSurface, message: Message): Promise<void> {
  const rendered = renderBlockKit(message, { locale: surface.locale });
  if (surface.viewId) return updateModal(surface, message);
  if (surface.responseUrl) {
    const answered = await guarded(surface, "response_url (ephemeral)", () =>
      postToResponseUrl(surface.responseUrl as string, {
        response_type: "ephemeral",
        replace_original: false,
        ...rendered,
      }),
    );
    // The response_url failed even after a retry: the answer goes by DM rather than nowhere.
    if (!answered) await directMessage(surface, message);
    return;
  }
  await directMessage(surface, message);
}

/** Replace the message the button was on (a disambiguation list becomes the chosen card). */
export async function replaceOriginal(surface: SlackSurface, message: Message): Promise<void> {
  if (surface.viewId) return updateModal(surface, message);
  if (surface.responseUrl) {
    const rendered = renderBlockKit(message, { locale: surface.locale });
    const answered = await guarded(surface, "response_url (replace)", () =>
      postToResponseUrl(surface.responseUrl as string, { replace_original: true, ...rendered }),
    );
    if (!answered) await directMessage(surface, message);
    return;
  }
  await directMessage(surface, message);
}

/**
 * Post visibly in the conversation. The bot must be a member: when Slack says it cannot post there
 * (channel_not_found, not_in_channel, …), the user gets an ephemeral explanation and the log the detail.
 */
export async function shareVisibly(surface: SlackSurface, message: Message): Promise<void> {
  if (!surface.channelId) return directMessage(surface, message);
  const rendered = renderBlockKit(message, { locale: surface.locale });
  try {
    await surface.client.chat.postMessage({ channel: surface.channelId, ...rendered });
  } catch (error) {
    const code = slackErrorCode(error);
    surface.log.warn(
      { err: error, code, channel: surface.channelId },
      "slack: sharing in the channel failed",
    );
    const text = PLATFORM_SHARE_ERRORS.has(code)
      ? t(surface.locale, "slack.shareFailed", { error: code })
      : t(surface.locale, "slack.deliveryFailed", { error: code });
    await answerPrivately({ ...surface, viewId: undefined }, textMessage(text));
  }
}

export async function openForm(surface: SlackSurface, form: FormSpec): Promise<void> {
  const metadata: FormMetadata = {
    value: form.value,
    responseUrl: surface.responseUrl,
    channelId: surface.channelId,
  };
  let privateMetadata = JSON.stringify(metadata);
  // A form without a way back still works (answers go by DM); a form over the limit would not open.
  if (privateMetadata.length > blockKitLimits.privateMetadata)
    privateMetadata = JSON.stringify({ value: form.value });
  const view = renderFormModal(form, { locale: surface.locale, privateMetadata });
  if (surface.viewId) {
    await guarded(surface, "views.update (form)", () =>
      surface.client.views.update({ view_id: surface.viewId as string, view }),
    );
    return;
  }
  if (!surface.triggerId) {
    surface.log.warn("slack: a form without trigger_id cannot be opened");
    return;
  }
  await guarded(surface, "views.open (form)", () =>
    surface.client.views.open({ trigger_id: surface.triggerId as string, view }),
  );
}

/** The "one moment" modal, opened straight away because a trigger_id is valid for 3 seconds only. */
export async function openLoadingModal(surface: SlackSurface): Promise<string | undefined> {
  if (!surface.triggerId) return undefined;
  const view = renderMessageModal(textMessage(t(surface.locale, "slack.loading")), {
    locale: surface.locale,
    title: t(surface.locale, "slack.loadingTitle"),
  });
  try {
    const opened = await surface.client.views.open({ trigger_id: surface.triggerId, view });
    return opened.view?.id;
  } catch (error) {
    surface.log.warn({ err: error, code: slackErrorCode(error) }, "slack: could not open the modal");
    return undefined;
  }
}

async function updateModal(surface: SlackSurface, message: Message): Promise<void> {
  const view = renderMessageModal(message, {
    locale: surface.locale,
    title: t(surface.locale, "slack.loadingTitle"),
  });
  await guarded(surface, "views.update", () =>
    surface.client.views.update({ view_id: surface.viewId as string, view }),
  );
}

async function directMessage(surface: SlackSurface, message: Message): Promise<void> {
  const rendered = renderBlockKit(message, { locale: surface.locale });
  // Posting to a user id opens (or reuses) the bot's DM with that user; needs chat:write and im:write.
  await guarded(surface, "chat.postMessage (dm)", () =>
    surface.client.chat.postMessage({ channel: surface.userId, ...rendered }),
  );
}

/**
 * Slack refusing something is logged with its detail, never thrown into Bolt (which would 500).
 * Returns whether the call succeeded, so a failed response_url can fall back to a DM.
 */
async function guarded(surface: SlackSurface, what: string, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    surface.log.error(
      { err: error, code: slackErrorCode(error), what },
      "slack: delivering an answer failed",
    );
    return false;
  }
}

/**
 * POST to a `response_url` (valid 30 minutes, 5 uses); throws on a non-2xx answer. A connection reset
 * is retried once on a fresh connection.
 */
export async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetchRetryingReset(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
  });
  if (!response.ok) {
    throw Object.assign(new Error(`response_url answered ${response.status}`), {
      code: `http_${response.status}`,
    });
  }
}

/** `channel_not_found` for a WebAPIPlatformError, the coded name otherwise. */
export function slackErrorCode(error: unknown): string {
  const withData = error as { data?: { error?: unknown }; code?: unknown } | undefined;
  if (typeof withData?.data?.error === "string") return withData.data.error;
  if (typeof withData?.code === "string") return withData.code;
  return "unknown_error";
}

/**
 * Let the ack leave before the work starts. Node flushes a finished HTTP response on the next tick,
 * and PGlite runs queries on the main thread: without this yield a long query started right after
 * `ack()` holds the ack back until it finishes (measured: ack ≈ answer time on PGlite).
 */
export function afterAck(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
