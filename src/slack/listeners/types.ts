import type { Locale } from "../../i18n/index.ts";
import type { Logger } from "../../logger.ts";
import type { ServiceContext } from "../../services/context.ts";
import type { SlackProfileCache } from "../users.ts";

/** What every Slack listener gets from the composition root. */
export interface SlackDeps {
  ctx: ServiceContext;
  log: Logger;
  /** The company default, for people we do not know yet; known users get their own. */
  locale: Locale;
  /** How long a modal submission may take before it is acked anyway (Slack allows 3 s). */
  submitAckBudgetMs: number;
  /** Identifies this instance in event claims. */
  instanceId: string;
  /** Slack profiles (e-mail, language) looked up recently; see src/slack/users.ts. */
  profiles: SlackProfileCache;
}
