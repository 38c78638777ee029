/** Sign-in with a token: the server answers with an HttpOnly session cookie; the token is not kept here. */
import { useState } from 'preact/hooks';
import { api, ApiError, type Session } from '../api.ts';

export function SignInPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const session = await api<Session>('POST', 'api/session', { token });
      setToken('');
      onSignedIn(session);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : String(reason));
    }
  };
  return (
    <section class="sign-in">
      <h1>Sign in</h1>
      <form onSubmit={submit}>
        <label>
          Token
          <input type="password" autocomplete="off" value={token} required onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Sign in
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
