import type { ErrorGroupInfo } from '../../../contract/api';

/** Each cause to fix, what to fix where, and how many records it holds back. */
export function FixList({ groups }: { groups: (ErrorGroupInfo & { count?: number })[] }) {
  return (
    <ul className="mt-1.5 space-y-1.5">
      {groups.map((group) => (
        <li key={group.label}>
          <span className="font-medium">
            {group.label}
            {group.count !== undefined && ` (${group.count.toLocaleString()})`}:
          </span>{' '}
          {group.fix}
        </li>
      ))}
    </ul>
  );
}
