/**
 * The console's single-page app (Preact: the React model in 4 KB, so the whole app with its
 * charts stays far below the size budget). Pages: jobs, one job, runs, one run, instances, audit.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Session } from './api.ts';
import { startLive, useLiveStatus } from './live.ts';
import { AuditPage } from './pages/audit.tsx';
import { InstancesPage } from './pages/instances.tsx';
import { JobPage } from './pages/job.tsx';
import { JobsPage } from './pages/jobs.tsx';
import { RunPage } from './pages/run.tsx';
import { RunsPage } from './pages/runs.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { interceptLinks, useLocation } from './router.ts';
import './style.css';

function Page({ session }: { session: Session }) {
  const { path, query } = useLocation();
  const [section, id] = path.split('/').map(decodeURIComponent);
  if (section === 'jobs' && id) return <JobPage name={id} session={session} key={id} />;
  if (section === 'runs' && id) return <RunPage id={id} session={session} key={id} />;
  if (section === 'runs') return <RunsPage query={query} key={query.toString()} />;
  if (section === 'instances') return <InstancesPage />;
  if (section === 'audit') return <AuditPage query={query} key={query.toString()} />;
  return <JobsPage session={session} />;
}

function Nav({ session, onSignOut }: { session: Session; onSignOut(): void }) {
  const live = useLiveStatus();
  const { path } = useLocation();
  const current = (section: string) => (path.split('/')[0] === section || (section === 'jobs' && path === '') ? 'page' : undefined);
  return (
    <header>
      <nav aria-label="Console">
        <a href="jobs" aria-current={current('jobs')}>Jobs</a>
        <a href="runs" aria-current={current('runs')}>Runs</a>
        <a href="instances" aria-current={current('instances')}>Instances</a>
        <a href="audit" aria-current={current('audit')}>Audit log</a>
      </nav>
      <span class={`live ${live ? 'on' : 'off'}`} role="status" data-live={live ? 'stream' : 'polling'}>
        {live ? 'live' : 'polling'}
      </span>
      <span class="who">
        {session.name} ({session.role})
      </span>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    api<Session>('GET', 'api/session').then(setSession, (error: unknown) => {
      setSession(error instanceof ApiError && error.status === 401 ? null : null);
    });
  }, []);
  useEffect(() => {
    if (session) startLive();
  }, [session]);
  if (session === undefined) return <p aria-busy="true">Loading…</p>;
  if (session === null) return <SignInPage onSignedIn={setSession} />;
  const signOut = () => api('DELETE', 'api/session').finally(() => location.reload());
  return (
    <>
      <Nav session={session} onSignOut={signOut} />
      <main>
        <Page session={session} />
      </main>
    </>
  );
}

interceptLinks();
const host = document.getElementById('app');
if (host) render(<App />, host);
