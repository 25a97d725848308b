import { PulseRequestError } from '@pulse/client';
import { chatSendError, CLOSED_TEXT } from './use-chat';

describe('chatSendError', () => {
  it('never promises that a line may arrive later', () => {
    const codes = ['TIMEOUT', 'CLOSED', 'RATE_LIMITED', 'UNAVAILABLE', 'INVALID_MESSAGE'] as const;
    const texts = codes.map((code) => chatSendError(new PulseRequestError(code, 'x')));
    expect(texts.filter((text) => /later/i.test(text))).toEqual([]);
    expect(chatSendError(new PulseRequestError('CLOSED', 'x'))).toBe(CLOSED_TEXT);
    expect(chatSendError(new PulseRequestError('TIMEOUT', 'x'))).toBe('Not confirmed in time.');
  });
});
