import type { ListedRecord } from '../../../contract/api';
import { moniteLink, platformLink, type RecordLink } from '../../../contract/record-links';
import { useSession } from '../../api/session';

/**
 * "Open in Xero" / "Open in QuickBooks" where the platform has a page for the record, and
 * "Open in Monite" where the deployment configured a template; nothing when neither applies.
 */
export function RecordLinks({ entityId, record }: { entityId: string; record: ListedRecord }) {
  const template = useSession().data?.record_link_template ?? null;
  const links = [platformLink(record, record.document), moniteLink(template, entityId, record)].filter(
    (link): link is RecordLink => link !== null,
  );
  if (links.length === 0) return null;
  return (
    <ul aria-label="Links out" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {links.map(({ label, url }) => (
        <li key={label}>
          <a
            href={url}
            target="_blank"
            rel="noopener noreferrer"
            className="font-medium text-indigo-600 hover:text-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {label}
            <span aria-hidden="true"> ↗</span>
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
