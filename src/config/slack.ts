import { z } from "zod";
import { configError, optionalString as optional } from "./env.ts";

/**
 * The Slack section of the configuration. Slack is off when no SLACK_* variable is set (a Teams-only
 * install); as soon as one is set, the rest must be right, or start-up stops with one line per problem.
 */
export interface SlackConfig {
  botToken: string;
  /** Required over HTTP; Socket Mode needs no signing secret. */
  signingSecret: string | undefined;
  /** xapp- token: Socket Mode instead of HTTP. */
  appToken: string | undefined;
  /** Web API base URL ending in "/", e.g. https://slack.com/api/ or a local stand-in. */
  apiUrl: string;
  /** Requests stamped further in the future than this are refused (Bolt itself accepts up to +1 h). */
  maxClockSkewSeconds: number;
}

const slackEnvSchema = z.object({
  SLACK_BOT_TOKEN: optional.refine((value) => value === undefined || value.startsWith("xoxb-"), {
    message: "must be a bot token starting with xoxb-",
  }),
  SLACK_SIGNING_SECRET: optional.refine((value) => value === undefined || /^[A-Za-z0-9]{16,}$/.test(value), {
    message: "must be the app's signing secret (16 or more letters and digits)",
  }),
  SLACK_APP_TOKEN: optional.refine((value) => value === undefined || value.startsWith("xapp-"), {
    message: "must be an app-level token starting with xapp- (Socket Mode), or unset for HTTP",
  }),
  SLACK_API_URL: optional.refine((value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value), {
    message: "must be an http(s) URL such as https://slack.com/api/",
  }),
  SLACK_MAX_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
});

const slackVariables = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_API_URL",
] as const;

/** Undefined when Slack is not configured at all; throws a CONFIG AppError listing every problem. */
export function loadSlackConfig(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  if (!slackVariables.some((name) => env[name]?.trim())) return undefined;
  const parsed = slackEnvSchema.safeParse(env);
  // Required-ness is checked on the raw values, so a missing token is reported next to a malformed one.
  const issues: z.core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  const present = (name: string) => Boolean(env[name]?.trim());
  if (!present("SLACK_BOT_TOKEN")) {
    issues.push(custom("SLACK_BOT_TOKEN", "is required when Slack is configured"));
  }
  if (!present("SLACK_APP_TOKEN") && !present("SLACK_SIGNING_SECRET")) {
    issues.push(
      custom(
        "SLACK_SIGNING_SECRET",
        "is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)",
      ),
    );
  }
  if (issues.length > 0 || !parsed.success) throw configError(new z.ZodError(issues));
  const values = parsed.data;
  const apiUrl = values.SLACK_API_URL ?? "https://slack.com/api/";
  return {
    botToken: values.SLACK_BOT_TOKEN as string,
    signingSecret: values.SLACK_SIGNING_SECRET,
    appToken: values.SLACK_APP_TOKEN,
    apiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`,
    maxClockSkewSeconds: values.SLACK_MAX_CLOCK_SKEW_SECONDS,
  };
}

function custom(variable: string, message: string): z.core.$ZodIssue {
  return { code: "custom", path: [variable], message, input: undefined };
}
