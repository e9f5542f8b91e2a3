// One key per conversation, the same the server uses in welcome.unread: a room by its name
// ("general"), a direct conversation by "@" and the other user's name ("@bob"). Room names cannot
// contain "@", so the two never collide.

export const ROOM_RULE = /^[a-z0-9_-]{1,32}$/;
export const GENERAL = 'general';

export const roomKey = (room) => room;
export const directKey = (user) => '@' + user;
export const isDirectKey = (key) => key.startsWith('@');
export const nameOfKey = (key) => (isDirectKey(key) ? key.slice(1) : key);

/** The conversation a chat, private, typing or history frame belongs to, seen from user `me`. */
export function keyOfFrame(frame, me) {
  switch (frame.type) {
    case 'chat':
      return roomKey(frame.room || GENERAL);
    case 'private':
      return directKey(frame.user === me ? frame.target : frame.user);
    case 'typing':
      return frame.room ? roomKey(frame.room) : directKey(frame.user);
    case 'history':
      return frame.with ? directKey(frame.with) : roomKey(frame.room || GENERAL);
    default:
      return null;
  }
}

/** The fields that address a conversation in a client frame: {room} or {with} / {target}. */
export function addressOf(key, field = 'with') {
  return isDirectKey(key) ? { [field]: nameOfKey(key) } : { room: key };
}
