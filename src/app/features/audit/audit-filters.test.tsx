import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AuditFilters } from './audit-filters';
import { parseAuditSearch, type AuditSearch } from './audit-search';

const JOB_ID = '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

describe('the bulk job filter', () => {
  it("shows which job's pushes are listed, and goes back to every job", async () => {
    const onChange = vi.fn<(patch: Partial<AuditSearch>) => void>();
    const search = parseAuditSearch(new URLSearchParams({ job: JOB_ID }));
    render(<AuditFilters search={search} everyone onChange={onChange} />);
    expect(screen.getByTitle(JOB_ID)).toHaveTextContent(JOB_ID.slice(0, 8));
    await userEvent.click(screen.getByRole('button', { name: 'Show every job' }));
    expect(onChange).toHaveBeenCalledWith({ job: undefined });
  });
});
