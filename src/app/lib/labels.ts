/** The SPA's labels are the contract's, which the BFF's CSV export shares. */
export { FACET_TITLES, labelOf } from '../../contract/labels';
