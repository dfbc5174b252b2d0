/** The keyboard's focus ring, for controls whose browser default is faint or hidden by their styling. */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
