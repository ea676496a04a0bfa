// A message on one line where there is no room for its media: the chat list,
// reply quotes, the reply bar, the screen reader's announcement. The server
// words notifications with the same function.
export { messagePreview, reactionPreview } from '../chat/rules/preview';
