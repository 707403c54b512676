import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { checkBlockKit, type PayloadKind } from "./check-block-kit.ts";
import { send } from "./local-slack-http.ts";
import type { ShownMessage, ShownView, SlackWorkspace } from "./local-slack-workspace.ts";

/**
 * The Web API methods the bot calls (auth, users, chat, views, Socket Mode) and its `response_url`s,
 * answered from the local workspace. Every outbound payload is checked against the Block Kit limits;
 * an over-limit payload is refused with `invalid_blocks`, like Slack, and recorded in `problems`.
 * A queued fault answers instead, once.
 */

const BOT_TOKEN_PREFIX = "xoxb-";

/** Answers a fault if one is queued; returns true when it did. */
function answerFault(
  slack: SlackWorkspace,
  method: string,
  body: Record<string, unknown>,
  res: ServerResponse,
): boolean {
  const fault = slack.takeFault(method);
  if (!fault) return false;
  if (fault.kind === "reset") {
    slack.record(method, body, "reset");
    res.socket?.resetAndDestroy();
  } else if (fault.kind === "rate_limited") {
    slack.record(method, body, "429");
    res.setHeader("retry-after", String(fault.retryAfterSeconds));
    send(res, 429, { ok: false, error: "ratelimited" });
  } else if (fault.kind === "http") {
    slack.record(method, body, String(fault.status));
    send(res, fault.status, { ok: false, error: "http_error" });
  } else {
    slack.record(method, body, fault.error);
    send(res, 200, { ok: false, error: fault.error });
  }
  return true;
}

function check(slack: SlackWorkspace, method: string, payload: unknown, kind: PayloadKind): string[] {
  const problems = checkBlockKit(payload, kind).map((problem) => `${method}: ${problem}`);
  slack.problems.push(...problems);
  return problems;
}

export function handleResponseUrl(
  slack: SlackWorkspace,
  id: string,
  body: Record<string, unknown>,
  res: ServerResponse,
) {
  const method = "response_url";
  const entry = slack.responseUrls.get(id);
  if (answerFault(slack, method, body, res)) return;
  if (!entry || entry.uses >= 5 || Date.now() - entry.createdAt > 30 * 60_000) {
    slack.record(method, body, "404");
    return send(res, 404, { ok: false, error: "expired_url" });
  }
  if (body.delete_original !== true) {
    const problems = check(slack, method, body, "message");
    if (problems.length > 0) {
      slack.record(method, body, "invalid_blocks");
      return send(res, 400, { ok: false, error: "invalid_blocks", errors: problems });
    }
  }
  entry.uses += 1;
  slack.record(method, body, "ok");
  const source = entry.sourceTs ? slack.messages.find((message) => message.ts === entry.sourceTs) : undefined;
  if (body.delete_original === true && source) {
    source.deleted = true;
    slack.emit({ kind: "message", change: "deleted", message: source });
  } else if (body.replace_original === true && source) {
    source.text = String(body.text ?? "");
    source.blocks = (body.blocks as unknown[]) ?? [];
    source.version += 1;
    slack.emit({ kind: "message", change: "updated", message: source });
  } else {
    const inChannel = body.response_type === "in_channel";
    slack.addMessage({
      channel: entry.channel,
      ephemeral: !inChannel,
      ...(inChannel ? {} : { visibleTo: entry.userId }),
      text: String(body.text ?? ""),
      blocks: (body.blocks as unknown[]) ?? [],
    });
  }
  send(res, 200, { ok: true });
}

export function handleApi(
  slack: SlackWorkspace,
  method: string,
  body: Record<string, unknown>,
  authorization: string,
  res: ServerResponse,
) {
  if (method === "apps.connections.open") {
    slack.record(method, body, "ok");
    if (!slack.socketUrl) return send(res, 200, { ok: false, error: "socket_mode_not_enabled" });
    return send(res, 200, { ok: true, url: slack.socketUrl });
  }
  if (
    authorization !== `Bearer ${slack.options.botToken}` ||
    !slack.options.botToken.startsWith(BOT_TOKEN_PREFIX)
  ) {
    slack.record(method, body, "invalid_auth");
    return send(res, 200, { ok: false, error: "invalid_auth" });
  }
  if (answerFault(slack, method, body, res)) return;
  const ok = (extra: Record<string, unknown> = {}) => {
    slack.record(method, body, "ok");
    send(res, 200, { ok: true, ...extra });
  };
  const fail = (error: string, extra: Record<string, unknown> = {}) => {
    slack.record(method, body, error);
    send(res, 200, { ok: false, error, ...extra });
  };
  switch (method) {
    case "auth.test":
      return ok({
        url: `${slack.baseUrl}/`,
        team: "Klantpuls local",
        user: "klantpuls",
        team_id: slack.teamId,
        user_id: slack.botUserId,
        bot_id: "B0KLANTPULS",
      });
    case "users.info": {
      const user = slack.users.get(String(body.user));
      if (!user) return fail("user_not_found");
      return ok({
        user: {
          id: user.id,
          name: user.name,
          real_name: user.name,
          // Like Slack: the language only when asked for (`include_locale`).
          ...(body.include_locale === true || body.include_locale === "true"
            ? { locale: user.locale ?? "nl-NL" }
            : {}),
          profile: { real_name: user.name, ...(user.email ? { email: user.email } : {}) },
        },
      });
    }
    case "chat.postMessage":
    case "chat.postEphemeral":
    case "chat.update": {
      const problems = check(slack, method, body, "message");
      if (problems.length > 0) return fail("invalid_blocks", { errors: problems });
      const channel = String(body.channel ?? "");
      if (!channel) return fail("channel_not_found");
      if (slack.missingChannels.has(channel)) return fail("channel_not_found");
      if (method === "chat.update") {
        const message = slack.messages.find(
          (candidate) => candidate.ts === body.ts && candidate.channel === channel,
        );
        if (!message) return fail("message_not_found");
        message.text = String(body.text ?? "");
        message.blocks = (body.blocks as unknown[]) ?? [];
        message.version += 1;
        slack.emit({ kind: "message", change: "updated", message });
        return ok({ channel, ts: message.ts });
      }
      // A DM to a user id lands in the bot's DM with that user.
      const target = /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
      const message = slack.addMessage({
        channel: target,
        ephemeral: method === "chat.postEphemeral",
        ...(method === "chat.postEphemeral" ? { visibleTo: String(body.user) } : {}),
        text: String(body.text ?? ""),
        blocks: (body.blocks as unknown[]) ?? [],
        ...(isMetadata(body.metadata) ? { metadata: body.metadata } : {}),
      });
      return method === "chat.postEphemeral"
        ? ok({ message_ts: message.ts })
        : ok({ channel: target, ts: message.ts });
    }
    case "views.open":
    case "views.push": {
      const trigger = slack.triggers.get(String(body.trigger_id));
      const ttl = slack.options.triggerTtlMs ?? 3000;
      if (!trigger || trigger.used || Date.now() - trigger.createdAt > ttl) return fail("expired_trigger_id");
      const view = body.view as Record<string, unknown>;
      const problems = check(slack, method, view, "modal");
      if (problems.length > 0)
        return fail("invalid_arguments", { response_metadata: { messages: problems } });
      trigger.used = true;
      const shown: ShownView = {
        id: `V${randomBytes(5).toString("hex").toUpperCase()}`,
        userId: trigger.userId,
        view,
        version: 1,
        closed: false,
      };
      slack.views.set(shown.id, shown);
      slack.emit({ kind: "view", change: method === "views.open" ? "opened" : "pushed", view: shown });
      return ok({ view: { ...view, id: shown.id, hash: `h${shown.version}` } });
    }
    case "views.update": {
      const shown = slack.views.get(String(body.view_id));
      if (!shown) return fail("not_found");
      const view = body.view as Record<string, unknown>;
      const problems = check(slack, method, view, view.type === "home" ? "home" : "modal");
      if (problems.length > 0)
        return fail("invalid_arguments", { response_metadata: { messages: problems } });
      shown.view = view;
      shown.version += 1;
      slack.emit({ kind: "view", change: "updated", view: shown });
      return ok({ view: { ...view, id: shown.id, hash: `h${shown.version}` } });
    }
    case "views.publish": {
      const userId = String(body.user_id);
      const view = body.view as Record<string, unknown>;
      const problems = check(slack, method, view, "home");
      if (problems.length > 0)
        return fail("invalid_arguments", { response_metadata: { messages: problems } });
      const id = slack.homeViews.get(userId) ?? `VHOME${randomBytes(4).toString("hex").toUpperCase()}`;
      slack.homeViews.set(userId, id);
      const previous = slack.views.get(id);
      const shown: ShownView = { id, userId, view, version: (previous?.version ?? 0) + 1, closed: false };
      slack.views.set(id, shown);
      slack.emit({ kind: "view", change: "published", view: shown });
      return ok({ view: { ...view, id } });
    }
    default:
      return fail("unknown_method");
  }
}

function isMetadata(value: unknown): value is NonNullable<ShownMessage["metadata"]> {
  return typeof (value as { event_type?: unknown } | null)?.event_type === "string";
}
