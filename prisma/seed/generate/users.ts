/**
 * The demo's people: one admin, two managers and eight account owners (role MEMBER), all @klantpuls.demo.
 * Jan de Vries is a MANAGER who also owns a handful of key accounts, Acme among them, so a demo of
 * `/klant-health acme` and of the manager digest can both be given as Jan. Owners report to Jan or to
 * Eva Janssens. Everyone uses locale nl except Sophie Maes (en).
 */
import type { DemoUser } from "./types.ts";

export const demoUsers: readonly DemoUser[] = [
  { email: "sanne@klantpuls.demo", name: "Sanne Visser", role: "ADMIN", locale: "nl", managerEmail: null },
  { email: "jan@klantpuls.demo", name: "Jan de Vries", role: "MANAGER", locale: "nl", managerEmail: null },
  { email: "eva@klantpuls.demo", name: "Eva Janssens", role: "MANAGER", locale: "nl", managerEmail: null },
  {
    email: "pieter@klantpuls.demo",
    name: "Pieter Bakker",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "lotte@klantpuls.demo",
    name: "Lotte de Boer",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "daan@klantpuls.demo",
    name: "Daan Mulder",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "fleur@klantpuls.demo",
    name: "Fleur Smit",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "bram@klantpuls.demo",
    name: "Bram Willems",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "eva@klantpuls.demo",
  },
  {
    email: "noor@klantpuls.demo",
    name: "Noor Claes",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "eva@klantpuls.demo",
  },
  {
    email: "thomas@klantpuls.demo",
    name: "Thomas Peeters",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "eva@klantpuls.demo",
  },
  {
    email: "sophie@klantpuls.demo",
    name: "Sophie Maes",
    role: "MEMBER",
    locale: "en",
    managerEmail: "eva@klantpuls.demo",
  },
];
