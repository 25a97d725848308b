import { PulseAuthError, type AccessTokenSession } from '@pulse/client';
import { fireEvent, render, screen } from '@testing-library/react';
import { LoginForm } from './login-form';
import type { Session } from './session.types';

describe('LoginForm', () => {
  it('logs in with the prefilled dev credentials', async () => {
    const tokens = { user: { id: 'alice', name: 'alice' } } as unknown as AccessTokenSession;
    const authenticate = jest.fn(async () => tokens);
    const onLoggedIn = jest.fn<void, [Session]>();
    const loggedIn = new Promise<Session>((resolve) => onLoggedIn.mockImplementation(resolve));
    render(<LoginForm onLoggedIn={onLoggedIn} authenticate={authenticate} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await loggedIn).toEqual({ username: 'alice', tokens });
    expect(authenticate).toHaveBeenCalledWith('alice', 'pulse');
  });

  it('says clearly when the credentials are refused (401)', async () => {
    const authenticate = jest.fn(() => Promise.reject(new PulseAuthError(401, 'credentials refused')));
    const onLoggedIn = jest.fn();
    render(<LoginForm onLoggedIn={onLoggedIn} authenticate={authenticate} />);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Wrong username or password.');
    expect(authenticate).toHaveBeenCalledWith('alice', 'wrong');
    expect(onLoggedIn).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('tells an unreachable server apart from refused credentials', async () => {
    const authenticate = jest.fn(() =>
      Promise.reject(new PulseAuthError(0, 'the server could not be reached')),
    );
    render(<LoginForm onLoggedIn={jest.fn()} authenticate={authenticate} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot reach the server/i);
  });
});
