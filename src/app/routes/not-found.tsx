import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';

export function NotFound() {
  return (
    <EmptyState title="Page not found">
      <Link to="/" className="font-medium text-indigo-600 hover:text-indigo-500">
        Go to the records
      </Link>
    </EmptyState>
  );
}
