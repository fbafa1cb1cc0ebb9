/** The socket.io room of a post's readers. */
export function postRoom(postId: string): string {
  return `post:${postId}`;
}
