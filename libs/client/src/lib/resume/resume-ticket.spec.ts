import { ResumeTicket } from './resume-ticket';

describe('ResumeTicket', () => {
  it('hands out the latest ticket once', () => {
    const held = new ResumeTicket();
    held.keep({ type: 'resume-ticket', ticket: 'first', expiresIn: 60 }, 0);
    held.keep({ type: 'resume-ticket', ticket: 'second', expiresIn: 60 }, 1000);
    expect(held.take(2000)).toBe('second');
    expect(held.take(2000)).toBeUndefined();
  });

  it('hands out nothing once the ticket is about to expire, and forgets it', () => {
    const held = new ResumeTicket();
    held.keep({ type: 'resume-ticket', ticket: 't', expiresIn: 10 }, 0);
    expect(held.take(9_000)).toBeUndefined();
    held.keep({ type: 'resume-ticket', ticket: 't2', expiresIn: 10 }, 0);
    expect(held.take(8_999)).toBe('t2');
  });

  it('holds nothing after forget', () => {
    const held = new ResumeTicket();
    held.keep({ type: 'resume-ticket', ticket: 't', expiresIn: 10 }, 0);
    held.forget();
    expect(held.take(0)).toBeUndefined();
  });
});
