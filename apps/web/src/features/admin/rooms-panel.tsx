import type { RoomTotal } from './console-history';

/** The rooms with members, summed across nodes, busiest first. */
export function RoomsPanel({ rooms }: { readonly rooms: readonly RoomTotal[] }) {
  return (
    <section className="card console-panel" aria-labelledby="console-rooms">
      <h3 id="console-rooms">Rooms and members</h3>
      {rooms.length === 0 ? (
        <p className="muted">No room has members.</p>
      ) : (
        <table className="console-table">
          <thead>
            <tr>
              <th scope="col">Room</th>
              <th scope="col">Members</th>
              <th scope="col">Nodes</th>
            </tr>
          </thead>
          <tbody>
            {rooms.map((room) => (
              <tr key={room.name}>
                <th scope="row">{room.name}</th>
                <td>{room.members}</td>
                <td>{room.nodes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
