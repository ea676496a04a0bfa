// The outbox (@chat/sdk): a message written without a connection waits,
// survives a reload, and goes out once when the connection is back; one the
// server refuses stays with Retry and Discard.
import { expect, openChat, openDirect, test, tokenByApi } from './fixtures';

test('a message sent while the connection is down shows pending, survives a reload, and is delivered exactly once on reconnect', async ({
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.fill('before the tunnel');
  await box.press('Enter');
  await expect(ann.page.getByRole('log').locator('[data-tick]:not([data-tick="pending"])')).toHaveCount(1);

  // The connection drops, and the socket cannot come back (HTTP still works).
  let socketBlocked = true;
  await ann.page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (socketBlocked) void ws.close();
    else ws.connectToServer();
  });
  await ann.page.route('**/socket.io/**', (route) => (socketBlocked ? route.abort() : route.continue()));
  await ann.page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await expect(ann.page.getByRole('status').filter({ hasText: /offline|Reconnecting/ })).toBeVisible();
  await box.fill('written in the tunnel');
  await box.press('Enter');
  const log = ann.page.getByRole('log');
  await expect(log.getByText('written in the tunnel')).toBeVisible();
  await expect(log.getByLabel('Sending…')).toHaveCount(1);

  // The page loads again over HTTP, and the message is still waiting, from this browser's outbox.
  await ann.page.reload();
  await expect(log.getByText('before the tunnel')).toBeVisible();
  await expect(log.getByText('written in the tunnel')).toBeVisible();
  await expect(log.getByLabel('Sending…')).toHaveCount(1);

  socketBlocked = false;
  await expect(log.getByLabel('Sending…')).toHaveCount(0, { timeout: 40_000 });
  await expect(log.getByText('written in the tunnel')).toHaveCount(1);

  await openChat(bob.page, ann.name);
  await expect(bob.page.getByRole('log').getByText('before the tunnel')).toBeVisible();
  await expect(bob.page.getByRole('log').getByText('written in the tunnel')).toHaveCount(1);
  // Still once after a reload: the outbox did not send it twice.
  await bob.page.reload();
  await expect(bob.page.getByRole('log').getByText('before the tunnel')).toBeVisible();
  await expect(bob.page.getByRole('log').getByText('written in the tunnel')).toHaveCount(1);
});

test('a send the server refuses stays with Retry and Discard, both reachable by keyboard', async ({
  people,
  request,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.fill('hello');
  await box.press('Enter');
  await expect(ann.page.getByRole('log').locator('[data-tick]:not([data-tick="pending"])')).toHaveCount(1);

  // Bob blocks Ann elsewhere; she is not told until she sends.
  const { token } = await tokenByApi(request, bob);
  const blocked = await request.post('/api/v1/blocks', {
    headers: { authorization: `Bearer ${token}` },
    data: { userId: ann.id },
  });
  expect(blocked.status(), await blocked.text()).toBeLessThan(300);

  await box.fill('are you there?');
  await box.press('Enter');
  const log = ann.page.getByRole('log');
  await expect(log.getByLabel('Not sent')).toHaveCount(1);
  const retry = log.getByRole('button', { name: 'Retry' });
  const discard = log.getByRole('button', { name: 'Discard' });
  await expect(retry).toBeVisible();
  await expect(discard).toBeVisible();

  // Retry asks again; the server still refuses.
  await retry.focus();
  await ann.page.keyboard.press('Enter');
  await expect(log.getByLabel('Not sent')).toHaveCount(1);
  await discard.focus();
  await ann.page.keyboard.press('Enter');
  await expect(log.getByText('are you there?')).toHaveCount(0);
  await expect(log.getByText('hello')).toBeVisible();

  // Gone for good: not back after a reload.
  await ann.page.reload();
  await expect(ann.page.getByRole('log').getByText('hello')).toBeVisible();
  await expect(ann.page.getByRole('log').getByText('are you there?')).toHaveCount(0);
});
