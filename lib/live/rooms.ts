/** The socket.io room of a post's readers. */
export function postRoom(postId: string): string {
  return `post:${postId}`;
}

/** The moderators among a post's readers (joined on subscribe): they hear votes that contest mode withholds. */
export function postModeratorsRoom(postId: string): string {
  return `post-moderators:${postId}`;
}
