/**
 * The first screen the BFF renders into a records page's HTML (src/bff/first-screen.ts), so its
 * rows show before the app's code has run: a copy drawn by the app's own components, inert and
 * hidden from assistive technology, over the app until the app shows a screen of its own. With it
 * come the answers it was drawn from, which the app takes instead of asking again (early-requests.ts).
 * Without React: the early script reads the answers before the app's code has arrived.
 */
import type { ResponseName } from '../api/client';

export const FIRST_SCREEN_ID = 'first-screen';
export const FIRST_SCREEN_ANSWERS_ID = 'first-screen-answers';

/** A GET the BFF answered for the first screen: what the app would have asked, and the answer. */
export type FirstScreenAnswer = { shape: ResponseName; url: string; body: unknown };

const firstScreen = () => (typeof document === 'undefined' ? null : document.getElementById(FIRST_SCREEN_ID));

/** Whether the server's first screen is still shown (never on the server itself). */
export const hasFirstScreen = () => firstScreen() !== null;

/** The answers the page came with; none when the BFF drew no first screen. */
export function firstScreenAnswers(): FirstScreenAnswer[] {
  const script = document.getElementById(FIRST_SCREEN_ANSWERS_ID);
  try {
    return script?.textContent ? (JSON.parse(script.textContent) as FirstScreenAnswer[]) : [];
  } catch {
    return []; // Then the app asks for them as usual.
  }
}

/** Takes the server's first screen away (use-release-first-screen.ts says when). */
export const releaseFirstScreen = () => firstScreen()?.remove();
