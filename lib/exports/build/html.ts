// The export's offline HTML: plain static pages, no script, every string a
// person wrote (names, messages, file names) escaped. The page's own policy
// also forbids scripts, in case a browser is handed something unexpected.
import type { ExportMessage } from './messages';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111}
article{border-bottom:1px solid #ddd;padding:.5rem 0}header{color:#555;font-size:.85rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}.deleted{color:#777;font-style:italic}
.reply{border-left:3px solid #bbb;padding-left:.5rem;color:#555;font-size:.85rem}img{max-width:100%;height:auto}`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:; media-src 'self' file:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}`;
}

export const PAGE_END = '</body></html>\n';

/** One message as an `<article>`; `mediaBase` leads from the page to the zip's media folder. */
export function messageHtml(message: ExportMessage, mediaBase: string): string {
  const sender = escapeHtml(message.sender?.name ?? 'Deleted account');
  const when = escapeHtml(message.createdAt);
  const edited = message.editedAt && !message.deleted ? ' · edited' : '';
  const reply = message.replyToId
    ? `<div class="reply">Reply to <a href="#m-${escapeHtml(message.replyToId)}">an earlier message</a></div>`
    : '';
  const forwarded = message.forwarded ? '<div class="reply">Forwarded</div>' : '';
  const body = message.deleted
    ? '<p class="deleted">This message was deleted.</p>'
    : `${message.content ? `<p class="text">${escapeHtml(message.content)}</p>` : ''}${message.attachments
        .map((a) => attachmentHtml(a, mediaBase))
        .join('')}`;
  const type = message.type === 'SYSTEM' ? ' class="notice"' : '';
  return `<article id="m-${escapeHtml(message.id)}"${type}><header><b>${sender}</b> <time datetime="${when}">${when}</time>${edited}</header>${reply}${forwarded}${body}</article>\n`;
}

function attachmentHtml(a: ExportMessage['attachments'][number], mediaBase: string): string {
  const name = escapeHtml(a.name);
  if (!a.file) return `<p>📎 ${name} (not included)</p>`;
  const src = escapeHtml(`${mediaBase}${a.file}`);
  if (a.kind === 'image') return `<p><img src="${src}" alt="${name}"></p>`;
  if (a.kind === 'voice') return `<p><audio controls src="${src}"></audio></p>`;
  return `<p>📎 <a href="${src}" download>${name}</a></p>`;
}
