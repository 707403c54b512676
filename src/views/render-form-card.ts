import { type Locale, translator } from "../i18n/index.ts";
import { ADAPTIVE_CARD_SCHEMA, type AdaptiveCard, type CardElement } from "./adaptive-card.ts";
import { textBlock } from "./adaptive-card-text.ts";
import type { FormField, FormSpec } from "./chat.ts";

/** Inputs on a form card are named `form.<field id>`, so a submission's form values and the action's own value never clash. */
export const FORM_INPUT_PREFIX = "form.";

type Translate = ReturnType<typeof translator>;

/**
 * A form (e.g. the pulse: a 0–10 choice and a comment) as a card with inputs. Teams checks required
 * fields and lengths itself before it sends the click; `errors` shows what the server refused anyway,
 * with the values the user had entered.
 */
export function renderFormCard(
  form: FormSpec,
  options: { locale: Locale; errors?: Record<string, string>; values?: Record<string, string | undefined> },
): AdaptiveCard {
  const t = translator(options.locale);
  const errors = options.errors ?? {};
  const body: CardElement[] = [textBlock(form.title, { size: "Medium", weight: "Bolder", style: "heading" })];
  for (const message of Object.values(errors)) body.push(textBlock(message, { color: "Attention" }));
  for (const field of form.fields)
    body.push(formInput(field, options.values?.[field.id], errors[field.id], t));
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    body,
    actions: [
      {
        type: "Action.Execute",
        title: form.submitLabel,
        verb: form.submitAction,
        data: { ...form.value },
        style: "positive",
        associatedInputs: "auto",
      },
    ],
    fallbackText: form.title,
  };
}

function formInput(
  field: FormField,
  value: string | undefined,
  error: string | undefined,
  t: Translate,
): CardElement {
  const common = {
    id: `${FORM_INPUT_PREFIX}${field.id}`,
    label: field.label,
    isRequired: field.required,
    errorMessage: error ?? t("teams.form.required"),
  };
  if (field.type === "choice") {
    const initial = value ?? field.initial;
    return {
      type: "Input.ChoiceSet",
      ...common,
      style: "compact",
      choices: field.options.map((option) => ({ title: option.label, value: option.value })),
      ...(initial !== undefined ? { value: initial } : {}),
    };
  }
  return {
    type: "Input.Text",
    ...common,
    errorMessage: error ?? t("teams.form.tooLong", { max: field.maxLength }),
    isMultiline: field.multiline,
    maxLength: field.maxLength,
    ...(value !== undefined ? { value } : {}),
  };
}
