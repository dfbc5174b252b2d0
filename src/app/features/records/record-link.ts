/**
 * Marks a records-list row's link to its details, so focus can go back to it when the drawer
 * closes (the row may have been clicked rather than the link, or the page opened on the drawer).
 */
export const recordLinkAttribute = (recordId: string) => ({ 'data-record-link': recordId });

export const recordLinkSelector = (recordId: string) => `[data-record-link="${CSS.escape(recordId)}"]`;
