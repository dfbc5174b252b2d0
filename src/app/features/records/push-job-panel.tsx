import type { PushJob } from '../../../contract/push-jobs';
import { errorMessage, isUnauthenticated } from '../../api/client';
import { useCancelPushJob } from '../../api/cancel-push-job';
import { isJobOver } from '../../api/get-push-jobs';
import { Button } from '../../components/button';
import { RelativeTime } from '../../components/relative-time';
import { Spinner } from '../../components/spinner';
import { toast } from '../../lib/toast';
import { useSignedInUser } from '../auth/signed-in-user';
import { jobsJoinedHere } from './job-memory';
import { JobProblems } from './job-problems';
import { formatEta, formatRate, jobSummary, pushedCount, recordsCount } from './job-text';

type PushJobPanelProps = { entityId: string; job: PushJob; onDismiss: (jobId: string) => void };

/** The entity's bulk push, whoever started it: live progress while it runs, a summary after. */
export function PushJobPanel({ entityId, job, onDismiss }: PushJobPanelProps) {
  const { email } = useSignedInUser();
  const over = isJobOver(job);
  const headline = over
    ? jobSummary(job)
    : job.state === 'cancelling'
      ? `Cancelling the push of ${recordsCount(job.total)}…`
      : `Pushing ${recordsCount(job.total)}`;

  return (
    <section
      aria-label="Bulk push"
      className="shrink-0 space-y-2 border-b border-slate-200 bg-slate-50 px-6 py-3 text-sm"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {/* Said aloud when the job changes state, not on every count. */}
        <p role="status" className="flex items-center gap-2 font-semibold text-slate-900">
          {!over && <Spinner className="text-indigo-600" />}
          {headline}
        </p>
        <p className="text-xs text-slate-500">
          Started by {job.created_by === email ? 'you' : job.created_by}{' '}
          <RelativeTime iso={job.created_at} tickMs={10_000} />
        </p>
        <div className="ml-auto">
          {over ? (
            <Button size="sm" onClick={() => onDismiss(job.id)}>
              Dismiss
            </Button>
          ) : (
            <CancelButton entityId={entityId} job={job} />
          )}
        </div>
      </div>
      {!over && jobsJoinedHere.has(job.id) && (
        <p className="text-slate-700">A push of this entity is already running — following it.</p>
      )}
      {!over && <JobProgress job={job} />}
      {job.problems.length > 0 && <JobProblems entityId={entityId} problems={job.problems} />}
    </section>
  );
}

function JobProgress({ job }: { job: PushJob }) {
  const { counts, total } = job;
  const sent = total - counts.queued - counts.pushing;
  const percent = total > 0 ? Math.round((sent / total) * 100) : 100;
  const stats = [
    ['Pushed', pushedCount(job)],
    ['Done', counts.done],
    ['Failed', counts.failed],
    ['Waiting', counts.queued],
    ['Skipped', counts.skipped],
  ] as const;
  return (
    <>
      <div
        role="progressbar"
        aria-label="Push progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={sent}
        aria-valuetext={`${sent.toLocaleString()} of ${recordsCount(total)} sent`}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-1 text-slate-600">
        <dl className="flex flex-wrap gap-x-4">
          {stats.map(([label, value]) => (
            <div key={label} className="flex gap-1">
              <dt>{label}</dt>
              <dd className="font-medium text-slate-900 tabular-nums">{value.toLocaleString()}</dd>
            </div>
          ))}
        </dl>
        {job.state === 'running' && (
          <p className="tabular-nums">
            {formatRate(job.rate_per_second)}
            {job.eta_seconds !== null && ` · ${formatEta(job.eta_seconds)}`}
          </p>
        )}
      </div>
    </>
  );
}

function CancelButton({ entityId, job }: { entityId: string; job: PushJob }) {
  const cancel = useCancelPushJob({
    entityId,
    jobId: job.id,
    mutationConfig: {
      onError: (error) => {
        if (!isUnauthenticated(error)) toast.error(`Could not cancel: ${errorMessage(error)}`);
      },
    },
  });
  const cancelling = cancel.isPending || job.state === 'cancelling';
  return (
    <Button
      size="sm"
      disabled={cancelling}
      title="Records already sent finish; the ones still waiting are not sent."
      onClick={() => cancel.mutate()}
    >
      {cancelling ? 'Cancelling…' : 'Cancel'}
    </Button>
  );
}
