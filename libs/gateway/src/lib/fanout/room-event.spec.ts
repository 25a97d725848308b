import { decodeRoomEvent, encodeRoomEvent, roomChannel } from './room-event';

describe('room event envelope', () => {
  it('round-trips an event, with and without a sender to skip', () => {
    const frame = '{"type":"move","room":"r1","player":"a","x":1,"y":2,"seq":7}';
    expect(decodeRoomEvent(encodeRoomEvent({ seq: 7, except: 'c1', frame }))).toEqual({
      seq: 7,
      except: 'c1',
      frame,
    });
    expect(decodeRoomEvent(encodeRoomEvent({ seq: 0, frame }))).toEqual({ seq: 0, frame });
  });

  it('carries the epoch of a sequenced event, as the room scripts write it', () => {
    const frame = '{"type":"move","room":"r1","player":"a","x":1,"y":2,"seq":7}';
    expect(decodeRoomEvent(encodeRoomEvent({ seq: 7, epoch: 'e1f2', except: 'c1', frame }))).toEqual({
      seq: 7,
      epoch: 'e1f2',
      except: 'c1',
      frame,
    });
    expect(decodeRoomEvent(`7:e1f2\n\n${frame}`)).toEqual({ seq: 7, epoch: 'e1f2', frame });
    expect(decodeRoomEvent('7:\n\n{}')).toBeNull();
  });

  it('keeps newlines inside the frame', () => {
    const frame = '{"a":"x\ny"}';
    expect(decodeRoomEvent(encodeRoomEvent({ seq: 1, frame }))?.frame).toBe(frame);
  });

  it('refuses a malformed payload instead of throwing', () => {
    expect(decodeRoomEvent('garbage')).toBeNull();
    expect(decodeRoomEvent('x\n\n{}')).toBeNull();
    expect(decodeRoomEvent('-1\n\n{}')).toBeNull();
  });

  it('puts a room channel in the room hash slot', () => {
    expect(roomChannel('ticker:ACME')).toBe('pulse:{ticker:ACME}:events');
  });
});
